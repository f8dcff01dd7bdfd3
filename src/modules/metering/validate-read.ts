import { daysBetween, type LocalDate } from '../../core/dates.ts';

const epochDays = new Map<string, number>();

/** daysBetween with the day numbers cached: validation runs once per imported read. */
function days(a: LocalDate, b: LocalDate): number {
  return epochDay(b) - epochDay(a);
}

function epochDay(d: LocalDate): number {
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
 * 4. Zero usage on an installed meter is held as `zero_usage` (accepted on a removed one).
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

export function validateRead(
  ctx: ReadContext,
  readDate: LocalDate,
  valueMilli: number,
): ReadVerdict {
  const range = dialRangeMilli(ctx.dials);
  if (valueMilli >= range) return { kind: 'error', code: 'reading_exceeds_dials' };
  const prev = ctx.previous;
  if (prev === undefined) return verdict(null, null, null, false);
  const span = days(prev.readDate, readDate);
  if (span <= 0) return { kind: 'error', code: 'read_out_of_order' };
  let delta = valueMilli - prev.valueMilli;
  let rollover = false;
  if (delta < 0) {
    const wrapped = range - prev.valueMilli + valueMilli;
    if (wrapped * 2 >= range) return verdict('negative_usage', null, span, false);
    delta = wrapped;
    rollover = true;
  }
  if (delta === 0) return verdict(ctx.meterInstalled ? 'zero_usage' : null, 0, span, rollover);
  return verdict(compareWithHistory(ctx.history, delta, span), delta, span, rollover);
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
  let whole = 0;
  let i = 0;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
  }
  if (i === 0 || i > 13) return undefined;
  if (i === t.length) return whole * 1000;
  if (t.charCodeAt(i) !== 46 || t.length - i - 1 < 1 || t.length - i - 1 > 3) return undefined;
  let frac = 0;
  for (let k = i + 1; k < i + 4; k++) {
    const c = k < t.length ? t.charCodeAt(k) - 48 : 0;
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
