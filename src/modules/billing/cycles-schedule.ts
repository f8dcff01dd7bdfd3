import { assert } from '../../core/assert.ts';
import {
  addDays,
  defaultCityHolidays,
  isBusinessDay,
  localDate,
  nextBusinessDayOnOrAfter,
  type BusinessCalendar,
  type LocalDate,
} from '../../core/dates.ts';

/** Read/bill cycles per month (demo-city-facts §1: ASSUMED 16, one per Mon–Thu working day). */
export const cyclesPerMonth = 16;

/**
 * Where in the month the cycles' nominal read days fall: cycle 1 on the 3rd, cycle 16 on the
 * 27th, evenly between. Each read is on the business day nearest its nominal day, so a
 * cycle's period (read date to read date) is 27–33 days in all but ~0.1 % of months
 * (cycles-schedule.test.ts counts 2024–2030) — the rate card's regular period.
 */
const firstNominalDay = 3;
const nominalSpanDays = 24;

/** A month as `YYYY-MM`. */
export type YearMonth = string & { readonly __brand: 'YearMonth' };

const yearMonthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parseYearMonth(text: string): YearMonth | undefined {
  return yearMonthPattern.test(text) ? (text as YearMonth) : undefined;
}

/** The month of a date. */
export function yearMonthOf(d: LocalDate): YearMonth {
  return d.slice(0, 7) as YearMonth;
}

export type CycleRead = {
  readonly cycle: number;
  /** The period's month: the month of the closing read (`YYYY-MM`). */
  readonly periodMonth: YearMonth;
  /** The day the cycle's meters are read: the bill run's as-of and the period's end. */
  readonly readDate: LocalDate;
  /** The day the cycle's bill run is scheduled: the next business day after the read. */
  readonly billDate: LocalDate;
};

/**
 * The meter-reading calendar of the demo city: Mesa's offices and crews work Monday to
 * Thursday (closed Friday–Sunday, demo-city-facts §1) and the city holidays of `years`.
 * Include the year after the last scheduled one: December's bill dates may fall in January.
 */
export function readingCalendar(years: readonly number[]): BusinessCalendar {
  return {
    closedWeekdays: new Set([0, 5, 6]),
    holidays: new Set(years.flatMap((y) => defaultCityHolidays(y))),
  };
}

function monthsFrom(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let ym = from; ym <= to;) {
    out.push(ym);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    ym = `${y}-${String(m).padStart(2, '0')}` as YearMonth;
  }
  return out;
}

function businessDaysOf(calendar: BusinessCalendar, month: YearMonth): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = localDate(`${month}-01`); d.startsWith(month); d = addDays(d, 1)) {
    if (isBusinessDay(calendar, d)) out.push(d);
  }
  assert(out.length > 0, `no business day in ${month}`);
  return out;
}

/** The business day nearest `nominal` (day of month); on a tie the earlier one. */
function nearest(days: readonly LocalDate[], nominal: number): LocalDate {
  let best = days[0]!;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const d of days) {
    const distance = Math.abs(Number(d.slice(8)) - nominal);
    if (distance < bestDistance) [best, bestDistance] = [d, distance];
  }
  return best;
}

/**
 * The reading schedule of months `from`..`to` (inclusive): for each month, cycles 1–16 in
 * order with their read and bill dates. Pure; each month depends only on the calendar, so
 * filling one year and then the next gives the same rows as filling both at once.
 */
export function scheduleCycles(
  from: YearMonth,
  to: YearMonth,
  calendar: BusinessCalendar,
): CycleRead[] {
  assert(from <= to, 'scheduleCycles: from is after to');
  const out: CycleRead[] = [];
  for (const month of monthsFrom(from, to)) {
    const days = businessDaysOf(calendar, month);
    for (let cycle = 1; cycle <= cyclesPerMonth; cycle++) {
      const nominal = firstNominalDay + ((cycle - 1) * nominalSpanDays) / (cyclesPerMonth - 1);
      const readDate = nearest(days, nominal);
      const billDate = nextBusinessDayOnOrAfter(calendar, addDays(readDate, 1));
      out.push({ cycle, periodMonth: month, readDate, billDate });
    }
  }
  return out;
}

/** The schedule of a calendar year with the demo city's reading calendar. */
export function scheduleYear(year: number): CycleRead[] {
  assert(Number.isInteger(year) && year >= 2000 && year <= 2200, 'a year from 2000 to 2200');
  return scheduleCycles(
    `${year}-01` as YearMonth,
    `${year}-12` as YearMonth,
    readingCalendar([year, year + 1]),
  );
}
