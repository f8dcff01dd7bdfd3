import { daysBetween, type LocalDate } from '../../core/dates.ts';

const epochDays = new Map<string, number>();

/** Days since 1970-01-01, cached: validation runs once per imported read. */
export function epochDay(d: LocalDate): number {
  let n = epochDays.get(d);
  if (n === undefined) {
    if (epochDays.size > 100_000) epochDays.clear();
    n = daysBetween('1970-01-01' as LocalDate, d);
    epochDays.set(d, n);
  }
  return n;
}

/**
 * Read validation as a pure function (BIL-1). Quantities are integer thousandths of a dial
 * unit ("milli"), parsed exactly from the decimal text, so no float ever decides a hold.
 *
 * Rules, in order (README "Read validation"):
 * 1. No previous accepted read: accepted as the register's baseline (no usage).
 * 2. A date on or before the previous accepted read is a row error (`read_out_of_order`).
 * 3. A value below the previous one is a rollover when the wrapped usage
 *    (10^dials − previous + value) is less than half the dial range; otherwise it is a
 *    backwards read, held as `negative_usage`.
 * 4. Zero usage on an installed meter is held as `zero_usage` (accepted on a removed one;
 *    the callers pass a vacant premise's meter as not installed: plan-reads.ts).
 * 5. With at least `minHistoryPeriods` prior periods, the read's average daily use is
 *    compared with the register's own history: more than 3× → `high_usage`,
 *    less than 0.25× → `low_usage`.
 */
export type HoldReason = 'negative_usage' | 'zero_usage' | 'high_usage' | 'low_usage';

export type RegisterHistory = {
  /** Sum of the deltas of prior accepted periods, in milli dial units. */
  readonly deltaMilli: number;
  /** Sum of the days of those periods. */
  readonly days: number;
  readonly periods: number;
};

export type ReadContext = {
  readonly dials: number;
  readonly meterInstalled: boolean;
  /** The meter's off window (a seasonal hold), as epoch days of its first and last day off. */
  readonly off?: { readonly fromDay: number; readonly throughDay: number } | undefined;
  readonly previous?: { readonly readDate: LocalDate; readonly valueMilli: number } | undefined;
  readonly history: RegisterHistory;
};

export type ReadVerdict =
  | {
      readonly kind: 'read';
      readonly status: 'accepted' | 'held';
      readonly holdReason: HoldReason | null;
      /** Usage since the previous accepted read (milli dial units); null for a baseline. */
      readonly deltaMilli: number | null;
      readonly days: number | null;
      readonly rollover: boolean;
    }
  | { readonly kind: 'error'; readonly code: 'read_out_of_order' | 'reading_exceeds_dials' };

export const highUsageFactor = 3;
export const lowUsageFactor = 0.25;
export const minHistoryPeriods = 2;

export const emptyHistory: RegisterHistory = { deltaMilli: 0, days: 0, periods: 0 };

export function dialRangeMilli(dials: number): number {
  return 10 ** dials * 1000;
}

/** Scratch output of `judgeRead`: NaN / -1 stand for a null delta / days. */
export type Judgement = { deltaMilli: number; days: number; rollover: boolean };

/** `judgeRead` results: a row error (< 0), accepted (0) or held (holdCodes index). */
export const judgedExceedsDials = -2;
export const judgedOutOfOrder = -1;
export const judgedAccepted = 0;
/** Hold reasons by code (1–4); index 0 is "accepted". */
export const holdCodes: readonly (HoldReason | null)[] = [
  null,
  'negative_usage',
  'zero_usage',
  'high_usage',
  'low_usage',
];

/**
 * The rules of `validateRead` on plain numbers (days since the epoch, milli units), writing
 * delta/days into `out` and returning a code: the read import calls it once per read
 * without allocating. `prevDay` NaN = no previous accepted read.
 */
export function judgeRead(
  dials: number,
  meterInstalled: boolean,
  prevDay: number,
  prevValueMilli: number,
  history: RegisterHistory,
  day: number,
  valueMilli: number,
  out: Judgement,
): number {
  const range = dialRangeMilli(dials);
  out.deltaMilli = Number.NaN;
  out.days = -1;
  out.rollover = false;
  if (valueMilli >= range) return judgedExceedsDials;
  if (Number.isNaN(prevDay)) return judgedAccepted;
  const span = day - prevDay;
  if (span <= 0) return judgedOutOfOrder;
  out.days = span;
  let delta = valueMilli - prevValueMilli;
  if (delta < 0) {
    const wrapped = range - prevValueMilli + valueMilli;
    if (wrapped * 2 >= range) return 1; // negative_usage, no delta
    delta = wrapped;
    out.rollover = true;
  }
  out.deltaMilli = delta;
  if (delta === 0) return meterInstalled ? 2 : judgedAccepted; // zero_usage
  const h = compareWithHistory(history, delta, span);
  return h === null ? judgedAccepted : h === 'high_usage' ? 3 : 4;
}

/**
 * A `judgeRead` code with the meter's off window applied: a zero or low read whose period
 * (prevDay, day] touches the days the meter was turned off and locked (a seasonal hold,
 * `offFromDay`..`offThroughDay`, NaN = none) is what the field expects, so it is accepted.
 */
export function withOffWindow(
  code: number,
  prevDay: number,
  day: number,
  offFromDay: number,
  offThroughDay: number,
): number {
  if (code !== 2 && code !== 4) return code;
  if (Number.isNaN(offFromDay) || Number.isNaN(prevDay)) return code;
  return prevDay <= offThroughDay && day > offFromDay ? judgedAccepted : code;
}

const scratch: Judgement = { deltaMilli: 0, days: 0, rollover: false };

export function validateRead(
  ctx: ReadContext,
  readDate: LocalDate,
  valueMilli: number,
): ReadVerdict {
  const prev = ctx.previous;
  const prevDay = prev === undefined ? Number.NaN : epochDay(prev.readDate);
  const day = epochDay(readDate);
  const code = withOffWindow(
    judgeRead(
      ctx.dials,
      ctx.meterInstalled,
      prevDay,
      prev?.valueMilli ?? 0,
      ctx.history,
      day,
      valueMilli,
      scratch,
    ),
    prevDay,
    day,
    ctx.off?.fromDay ?? Number.NaN,
    ctx.off?.throughDay ?? Number.NaN,
  );
  if (code === judgedExceedsDials) return { kind: 'error', code: 'reading_exceeds_dials' };
  if (code === judgedOutOfOrder) return { kind: 'error', code: 'read_out_of_order' };
  return verdict(
    holdCodes[code] ?? null,
    Number.isNaN(scratch.deltaMilli) ? null : scratch.deltaMilli,
    scratch.days < 0 ? null : scratch.days,
    scratch.rollover,
  );
}

/** `high_usage` / `low_usage` against the register's own average daily use, or null. */
export function compareWithHistory(
  h: RegisterHistory,
  deltaMilli: number,
  days: number,
): HoldReason | null {
  if (h.periods < minHistoryPeriods || h.days <= 0 || h.deltaMilli <= 0) return null;
  // daily / average = (delta / days) / (h.delta / h.days); cross-multiplied, no division.
  const lhs = deltaMilli * h.days;
  const rhs = h.deltaMilli * days;
  if (lhs > rhs * highUsageFactor) return 'high_usage';
  if (lhs < rhs * lowUsageFactor) return 'low_usage';
  return null;
}

/** The history after one more accepted period. */
export function extendHistory(
  h: RegisterHistory,
  deltaMilli: number,
  days: number,
): RegisterHistory {
  return { deltaMilli: h.deltaMilli + deltaMilli, days: h.days + days, periods: h.periods + 1 };
}

function verdict(
  holdReason: HoldReason | null,
  deltaMilli: number | null,
  days: number | null,
  rollover: boolean,
): ReadVerdict {
  return {
    kind: 'read',
    status: holdReason === null ? 'accepted' : 'held',
    holdReason,
    deltaMilli,
    days,
    rollover,
  };
}

/**
 * Parses a non-negative decimal with at most 3 places (`^\d{1,13}(\.\d{1,3})?$` after
 * trimming) into integer thousandths, exactly. A character loop rather than a regular
 * expression: the read import calls it once per read.
 */
export function parseReading(text: string): number | undefined {
  const t =
    text.length > 0 && (text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32)
      ? text.trim()
      : text;
  return parseReadingAt(t, 0, t.length);
}

/** `parseReading` of `text[start, end)`, already trimmed, without slicing it. */
export function parseReadingAt(text: string, start: number, end: number): number | undefined {
  let whole = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === start || i - start > 13) return undefined;
  if (i === end) return whole * 1000;
  if (text.charCodeAt(i) !== 46 || end - i - 1 < 1 || end - i - 1 > 3) return undefined;
  let frac = 0;
  for (let k = i + 1; k < i + 4; k++) {
    const c = k < end ? text.charCodeAt(k) - 48 : 0;
    if (c < 0 || c > 9) return undefined;
    frac = frac * 10 + c;
  }
  const n = whole * 1000 + frac;
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Thousandths back to the decimal text PostgreSQL's numeric takes. */
export function formatMilli(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0');
  return `${whole}.${frac}`;
}
