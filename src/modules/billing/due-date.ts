import { assert } from '../../core/assert.ts';
import {
  addDays,
  daysBetween,
  defaultCityHolidays,
  nextBusinessDayOnOrAfter,
  yearOf,
  type BusinessCalendar,
  type LocalDate,
} from '../../core/dates.ts';

/** Days from the bill date to the due date when the account has not chosen a due day. */
export const billDueDays = 21;

/**
 * Select Due Date policy (BIL-7, demo-city-facts §9.2). Data in one place: a utility changes
 * the numbers here. Enrolment rules (residential only, paid in full, days 1–28 stored) live
 * with the account in customers' `selectDueDatePolicy`; this one says how the chosen day
 * becomes a date.
 */
export const dueDatePolicy = {
  /** The chosen day's first occurrence must leave at least this many days to pay. */
  minDaysToPay: 15,
  /** Days 29–31 exist in the type so a utility may allow them; short months clamp. */
  dayMin: 1,
  dayMax: 31,
  /** Only these account classes may choose a due day; others get bill date + 21. */
  accountClasses: ['residential'] as readonly string[],
} as const;

/** The office calendar of the utility: closed Saturday and Sunday plus the city holidays. */
export function cityCalendar(years: readonly number[]): BusinessCalendar {
  return {
    closedWeekdays: new Set([0, 6]),
    holidays: new Set(years.flatMap((y) => defaultCityHolidays(y))),
  };
}

export type DueDateOptions = {
  /** The account's class; a chosen day is ignored for classes the policy excludes. */
  readonly accountClass?: string;
  readonly calendar?: BusinessCalendar;
  readonly minDaysToPay?: number;
};

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `day` of the month (`month` 1–12, may overflow into later years), clamped to its end. */
function dayOfMonth(year: number, month: number, day: number): LocalDate {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  const d = Math.min(day, lastDayOfMonth(y, m));
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/**
 * A bill's due date (BIL-7). Pure.
 * - No chosen day (`dueDay` null), or a class other than residential: bill date + 21 days
 *   (demo-city-facts §9.2, ASSUMED; not moved to a business day: the 21 days are the rule).
 * - Select Due Date: the first occurrence of `dueDay` (1–31; 29–31 become the last day of a
 *   shorter month) at least `minDaysToPay` (15) days after the bill date; when that day is
 *   a weekend or city holiday it rolls to the next business day.
 */
export function dueDateFor(
  billDate: LocalDate,
  dueDay: number | null,
  options: DueDateOptions = {},
): LocalDate {
  const allowedClass =
    options.accountClass === undefined ||
    dueDatePolicy.accountClasses.includes(options.accountClass);
  if (dueDay === null || !allowedClass) return addDays(billDate, billDueDays);
  assert(
    Number.isInteger(dueDay) && dueDay >= dueDatePolicy.dayMin && dueDay <= dueDatePolicy.dayMax,
    `due day ${dueDay} outside ${dueDatePolicy.dayMin}–${dueDatePolicy.dayMax}`,
  );
  const minDays = options.minDaysToPay ?? dueDatePolicy.minDaysToPay;
  const year = yearOf(billDate);
  const month = Number(billDate.slice(5, 7));
  let candidate = dayOfMonth(year, month, dueDay);
  for (let k = 1; daysBetween(billDate, candidate) < minDays; k++) {
    candidate = dayOfMonth(year, month + k, dueDay);
  }
  const calendar = options.calendar ?? cityCalendar([yearOf(candidate), yearOf(candidate) + 1]);
  return nextBusinessDayOnOrAfter(calendar, candidate);
}
