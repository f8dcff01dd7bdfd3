import { addDays, daysBetween, monthOf, type LocalDate } from '../core/dates.ts';
import type { MeterPlan } from './plan-meters.ts';
import type { Random } from './random.ts';
import { usageProfile, type UsageProfile } from './usage-profile.ts';

/** One planned register read: the meter's dial reading in whole register units. */
export type ReadRowPlan = {
  readonly meter: number;
  readonly readDate: LocalDate;
  readonly reading: number;
};

export type ReadsPlan = {
  readonly reads: ReadRowPlan[];
  /** Residential water meters given a leak (a month or two of extra use). */
  readonly leaks: number;
  /** Reads deliberately misread far too high or too low (validation holds them). */
  readonly misreads: number;
};

export type ReadsPlanInput = {
  readonly meters: readonly MeterPlan[];
  /** The cycle of each meter's premise. */
  readonly cycleOf: (meter: MeterPlan) => number;
  /** Each cycle's read dates from the baseline read (first) to today, ascending. */
  readonly readDates: ReadonlyMap<number, readonly LocalDate[]>;
  readonly today: LocalDate;
};

/** Chances per meter / per read (a few of each in a city of thousands). */
const leakChance = 0.015;
const highMisreadChance = 0.004;
const lowMisreadChance = 0.003;
/** Reads before a misread may be planted: validation needs two prior periods to compare. */
const misreadAfterReads = 4;
/** Use while a premise has no occupant, relative to normal (a vacant house still drips). */
const vacantUse = 0.1;

type ReadEvent = { readonly date: LocalDate; readonly afterVacancy: boolean };

/**
 * The dates a meter is read in the history window: its baseline (the cycle's first read
 * date, or the move-in when service started later), every cycle read date while some
 * agreement had service, and a read at every move-in and move-out.
 */
function readEvents(m: MeterPlan, cycleDates: readonly LocalDate[], today: LocalDate): ReadEvent[] {
  const w0 = cycleDates[0]!;
  const dates = new Map<LocalDate, boolean>();
  for (const span of m.spans) {
    if ((span.stop !== null && span.stop < w0) || span.start > today) continue;
    const start = span.start > w0 ? span.start : w0;
    dates.set(start, dates.size > 0);
    for (const d of cycleDates) {
      if (d > start && (span.stop === null || d < span.stop)) dates.set(d, false);
    }
    if (span.stop !== null && span.stop <= today && span.stop > start) dates.set(span.stop, false);
  }
  if (dates.size === 0) return [];
  const first = [...dates.keys()].sort()[0]!;
  for (const c of m.changes) {
    if (c > first && c <= today && !dates.has(c) && inService(m, c)) dates.set(c, false);
  }
  return [...dates.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([date, afterVacancy]) => ({ date, afterVacancy }));
}

function inService(m: MeterPlan, d: LocalDate): boolean {
  return m.spans.some((s) => s.start <= d && (s.stop === null || d <= s.stop));
}

type Leak = { readonly from: number; readonly to: number; readonly extraDaily: number };

function planLeak(m: MeterPlan, p: UsageProfile, events: number, rnd: Random): Leak | null {
  const eligible = m.service === 'water' && m.accountClass === 'residential';
  if (!eligible || events <= misreadAfterReads + 2 || !rnd.chance(leakChance)) return null;
  const from = rnd.int(misreadAfterReads, events - 2);
  return { from, to: from + rnd.int(0, 1), extraDaily: p.dailyUnits * (1 + rnd.next()) };
}

/** A meter's reads: continuous use, seasonal by month, a leak or a misread now and then. */
function meterReads(
  ix: number,
  m: MeterPlan,
  events: readonly ReadEvent[],
  rnd: Random,
  out: ReadsPlan & { leaks: number; misreads: number },
): void {
  const p = usageProfile(m, rnd);
  const range = 10 ** m.dials;
  const expected = p.dailyUnits * 3 * daysBetween(events[0]!.date, events[events.length - 1]!.date);
  let cum = Math.floor(rnd.next() * Math.max(0, Math.min(range * 0.3, range * 0.9 - expected)));
  const leak = planLeak(m, p, events.length, rnd);
  if (leak) out.leaks += 1;
  out.reads.push({ meter: ix, readDate: events[0]!.date, reading: Math.floor(cum) });
  let misreadBefore = false;
  for (let k = 1; k < events.length; k++) {
    const prev = events[k - 1]!.date;
    const { date, afterVacancy } = events[k]!;
    const days = daysBetween(prev, date);
    const month = monthOf(addDays(prev, Math.floor(days / 2)));
    const jitter = 1 + p.noise * (2 * rnd.next() - 1);
    const extra = leak && k >= leak.from && k <= leak.to ? leak.extraDaily : 0;
    const before = cum;
    const use = p.dailyUnits * p.byMonth[month - 1]! * jitter * (afterVacancy ? vacantUse : 1);
    cum += days * (use + extra);
    let reading = Math.floor(cum);
    const mayMisread = k >= misreadAfterReads && !misreadBefore && k < events.length - 1;
    misreadBefore = false;
    if (mayMisread && rnd.chance(highMisreadChance)) {
      reading = Math.floor(cum + p.dailyUnits * days * 5);
      misreadBefore = true;
    } else if (mayMisread && rnd.chance(lowMisreadChance)) {
      reading = Math.floor(before) + Math.max(1, Math.floor(p.dailyUnits * days * 0.05));
      misreadBefore = true;
    }
    if (misreadBefore) out.misreads += 1;
    out.reads.push({ meter: ix, readDate: date, reading: reading % range });
  }
}

/**
 * Plans every meter's register reads over the history window. Pure and deterministic for
 * the random stream given; meters in order, each meter's reads in date order.
 */
export function planReads(input: ReadsPlanInput, rnd: Random): ReadsPlan {
  const out = { reads: [] as ReadRowPlan[], leaks: 0, misreads: 0 };
  input.meters.forEach((m, ix) => {
    const dates = input.readDates.get(input.cycleOf(m));
    if (!dates || dates.length === 0) return;
    const events = readEvents(m, dates, input.today);
    if (events.length > 0) meterReads(ix, m, events, rnd, out);
  });
  return out;
}

/** The plan as an OpenCIS reads CSV file (metering README), for `importReads`. */
export function readsCsv(plan: ReadsPlan, meters: readonly MeterPlan[]): string {
  const lines = ['meter_number,read_date,reading,register'];
  for (const r of plan.reads) {
    const m = meters[r.meter]!;
    lines.push(`${m.meterNumber},${r.readDate},${r.reading},${m.register}`);
  }
  return `${lines.join('\n')}\n`;
}
