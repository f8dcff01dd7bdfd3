import { addDays, daysBetween, yearOf, monthOf, type LocalDate } from '../../core/dates.ts';
import { divRoundHalfEven } from '../../core/money.ts';

/**
 * The pure side of a seasonal hold (BIL-9 furlough): its length rule and the days a held
 * service is on within a bill period. Periods are half-open `[from, to)`; a hold is
 * `hold_from` (the turn-off day) through `hold_through` (the last day off), i.e. the days
 * `[from, through + 1)`.
 */
export type DayRange = { readonly from: LocalDate; readonly to: LocalDate };

export type SeasonalHoldPolicy = {
  readonly monthsMin: number;
  readonly monthsMax: number;
  readonly leadDaysMax: number;
};

/** `d` plus `n` calendar months, the day clamped to the month's last (Jan 31 + 1 → Feb 28). */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const y = yearOf(d);
  const m = monthOf(d) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(d.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}` as LocalDate;
}

export type HoldLengthCode =
  'hold_too_short' | 'hold_too_long' | 'hold_in_past' | 'hold_too_far_ahead';

/**
 * Whether a hold from `from` through `through` fits the policy on `today`: it starts today
 * or later (at most `leadDaysMax` ahead) and lasts at least `monthsMin` and at most
 * `monthsMax` calendar months (Dec 1 through Dec 31 is one month; Dec 1 through Jul 31 is 8).
 */
export function checkHoldLength(
  from: LocalDate,
  through: LocalDate,
  today: LocalDate,
  policy: SeasonalHoldPolicy,
): HoldLengthCode | null {
  if (from < today) return 'hold_in_past';
  if (daysBetween(today, from) > policy.leadDaysMax) return 'hold_too_far_ahead';
  const backOn = addDays(through, 1);
  if (backOn < addMonths(from, policy.monthsMin)) return 'hold_too_short';
  if (backOn > addMonths(from, policy.monthsMax)) return 'hold_too_long';
  return null;
}

/** The days of `[periodStart, periodEnd)` outside every off range, in order. */
export function activeSegments(
  periodStart: LocalDate,
  periodEnd: LocalDate,
  off: readonly DayRange[],
): DayRange[] {
  const sorted = [...off].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: DayRange[] = [];
  let cursor = periodStart;
  for (const r of sorted) {
    if (r.to <= cursor || r.from >= periodEnd) continue;
    if (r.from > cursor) out.push({ from: cursor, to: r.from });
    if (r.to > cursor) cursor = r.to;
    if (cursor >= periodEnd) break;
  }
  if (cursor < periodEnd) out.push({ from: cursor, to: periodEnd });
  return out;
}

/**
 * Splits a period's whole usage over the active segments by days, with cumulative half-even
 * rounding so the parts add back to `usage` exactly.
 */
export function splitUsage(usage: number, segments: readonly DayRange[]): number[] {
  const days = segments.map((s) => daysBetween(s.from, s.to));
  const total = days.reduce((n, d) => n + d, 0);
  if (segments.length <= 1 || total === 0) return segments.map(() => usage);
  const upTo = (d: number) => Number(divRoundHalfEven(BigInt(usage) * BigInt(d), BigInt(total)));
  const out: number[] = [];
  let before = 0;
  for (const d of days) {
    out.push(upTo(before + d) - upTo(before));
    before += d;
  }
  return out;
}
