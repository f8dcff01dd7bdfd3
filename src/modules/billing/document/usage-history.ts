import type { LocalDate } from '../../../core/dates.ts';
import type { MonthlyUsage } from '../../metering/index.ts';

/** 13 months of usage ending with the bill's month (oldest first), months without reads = 0. */
export type UsageHistory = {
  readonly months: readonly { readonly month: string; readonly usage: number }[];
  /** The bill's month one year earlier (`months[0]`), null when it had no reads. */
  readonly sameMonthLastYear: number | null;
  /** This period's usage per day. */
  readonly dailyAverage: number;
  /** Usage per day in the same month last year, null when it had no reads. */
  readonly dailyAverageLastYear: number | null;
};

export const historyMonths = 13;

/** `YYYY-MM` shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month a bill's usage falls in: its reads are dated up to its period end (as-of). */
export function billMonth(periodEnd: LocalDate): string {
  return periodEnd.slice(0, 7);
}

/**
 * Builds the 13-month history from per-month usage (pure). `periodUsage` and `periodDays` are
 * this bill's, so the daily average matches the bill even when reads straddle months.
 */
export function usageHistory(
  lastMonth: string,
  monthly: readonly MonthlyUsage[],
  periodUsage: number,
  periodDays: number,
): UsageHistory {
  const byMonth = new Map(monthly.map((m) => [m.month, m.usage]));
  const months = Array.from({ length: historyMonths }, (_, i) => {
    const month = shiftMonth(lastMonth, i - (historyMonths - 1));
    return { month, usage: byMonth.get(month) ?? 0 };
  });
  const first = months[0]!.month;
  const lastYear = byMonth.get(first) ?? null;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  return {
    months,
    sameMonthLastYear: lastYear,
    dailyAverage: periodDays > 0 ? round1(periodUsage / periodDays) : 0,
    dailyAverageLastYear: lastYear === null ? null : round1(lastYear / daysInMonth(first)),
  };
}
