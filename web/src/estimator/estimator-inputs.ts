/**
 * The bill estimator's inputs and the pure rules around them: which extra inputs a schedule
 * needs, how usage is labelled, the default period, and the checks made as the agent types.
 */

/** What the screen knows about a schedule (a subset of the server's schedule list). */
export type ScheduleInfo = {
  readonly code: string;
  readonly name: string;
  readonly service: string;
  readonly unit: string;
};

export type EstimatorInputs = {
  readonly schedule: string;
  readonly usage: string;
  readonly from: string;
  readonly to: string;
  readonly meterSize: string;
  readonly winterAverageKgal: string;
  readonly demandKw: string;
  readonly senior: boolean;
};

export type FieldErrors = Readonly<Partial<Record<keyof EstimatorInputs, string>>>;

/** Meter sizes as the rating engine names them, with the inches shown to people. */
export const meterSizeOptions: readonly { readonly value: string; readonly label: string }[] = [
  { value: '5/8', label: '5/8"' },
  { value: '3/4', label: '3/4"' },
  { value: '1', label: '1"' },
  { value: '1-1/2', label: '1½"' },
  { value: '2', label: '2"' },
  { value: '3', label: '3"' },
  { value: '4', label: '4"' },
  { value: '6', label: '6"' },
  { value: '8', label: '8"' },
];

export const defaultMeterSize = '3/4';

const meteredWater = new Set(['water', 'hydrant', 'irrigation']);
const unitWords: Readonly<Record<string, string>> = {
  kWh: 'kWh',
  therm: 'therms',
  gallon: 'gallons',
};

/** The schedule's usage unit as a label word, or null for flat (unmetered) services. */
export function usageUnitWord(unit: string): string | null {
  return unit === 'none' ? null : (unitWords[unit] ?? unit);
}

export function needsMeterSize(s: ScheduleInfo | undefined): boolean {
  return s !== undefined && meteredWater.has(s.service);
}
export function needsWinterAverage(s: ScheduleInfo | undefined): boolean {
  return s?.code === 'S1.1';
}
export function needsDemand(s: ScheduleInfo | undefined): boolean {
  return s?.code === 'E3.1';
}
export function offersSenior(s: ScheduleInfo | undefined): boolean {
  return s?.code === 'W1.1';
}

/** `iso` moved by `days` calendar days (UTC arithmetic on a YYYY-MM-DD string). */
export function shiftDate(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The default period: the last 30 days ending `today`. */
export function defaultPeriod(today: string): { readonly from: string; readonly to: string } {
  return { from: shiftDate(today, -30), to: today };
}

/** Schedules grouped by service, in first-seen order, for an <optgroup> per service. */
export function groupByService(
  schedules: readonly ScheduleInfo[],
): readonly { readonly service: string; readonly schedules: readonly ScheduleInfo[] }[] {
  const groups = new Map<string, ScheduleInfo[]>();
  for (const s of schedules) {
    const g = groups.get(s.service);
    if (g) g.push(s);
    else groups.set(s.service, [s]);
  }
  return [...groups].map(([service, list]) => ({ service, schedules: list }));
}

const wholeNumber = /^\d{1,9}$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** A non-negative whole number's message, or undefined when `value` is one. */
function wholeNumberError(value: string, what: string): string | undefined {
  if (value.trim() === '') return `Enter the ${what}.`;
  return wholeNumber.test(value.trim()) ? undefined : `Enter the ${what} as a whole number.`;
}

/**
 * The checks made as the agent types (the server checks again). Returns errors by field;
 * empty when the inputs can be sent. An empty usage is "not ready", reported as `usage`.
 */
export function checkInputs(i: EstimatorInputs, s: ScheduleInfo | undefined): FieldErrors {
  const errors: Partial<Record<keyof EstimatorInputs, string>> = {};
  if (!s) errors.schedule = 'Choose a rate schedule.';
  const unit = s ? usageUnitWord(s.unit) : null;
  if (unit) {
    const e = wholeNumberError(i.usage, 'usage');
    if (e) errors.usage = e;
  }
  if (!isoDate.test(i.from)) errors.from = 'Enter the first day of the period.';
  if (!isoDate.test(i.to)) errors.to = 'Enter the last day of the period.';
  else if (isoDate.test(i.from) && i.to <= i.from) errors.to = 'End the period after it starts.';
  if (needsMeterSize(s) && i.meterSize === '') errors.meterSize = 'Choose the meter size.';
  if (needsWinterAverage(s)) {
    const e = wholeNumberError(i.winterAverageKgal, 'winter average');
    if (e) errors.winterAverageKgal = e;
  }
  if (needsDemand(s)) {
    const e = wholeNumberError(i.demandKw, 'demand');
    if (e) errors.demandKw = e;
  }
  return errors;
}
