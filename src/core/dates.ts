import { assert } from './assert.ts';

/**
 * Calendar dates without a time zone ("2026-11-26") are `LocalDate`s; instants are `Date`s.
 * Time is an input (style.md §14): nothing here reads the clock. Periods are half-open
 * `[start, end)`.
 */
export type LocalDate = string & { readonly __brand: 'LocalDate' };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const msPerDay = 86_400_000;

export function parseLocalDate(text: string): LocalDate | undefined {
  const m = datePattern.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return undefined;
  }
  return text as LocalDate;
}

export function localDate(text: string): LocalDate {
  const d = parseLocalDate(text);
  assert(d !== undefined, `not a calendar date: ${text}`);
  return d;
}

/** `d`'s digits at [from, to) as a number (a LocalDate is always `YYYY-MM-DD`). */
function digits(d: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + d.charCodeAt(i) - 48;
  return n;
}

/**
 * Days since 1970-01-01 of a LocalDate, with integer arithmetic only (no Date, no split: the
 * bill run calls it for every account): the proleptic Gregorian days-from-civil count.
 */
function toEpochDay(d: LocalDate): number {
  const y0 = digits(d, 0, 4);
  const m = digits(d, 5, 7);
  const day = digits(d, 8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromEpochDay(n: number): LocalDate {
  return new Date(n * msPerDay).toISOString().slice(0, 10) as LocalDate;
}

/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a given IANA time zone (the utility's zone). */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  let f = dayFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormatters.set(timeZone, f);
  }
  return localDate(f.format(instant));
}

export function addDays(d: LocalDate, days: number): LocalDate {
  assert(Number.isSafeInteger(days), 'days must be an integer');
  return fromEpochDay(toEpochDay(d) + days);
}

/** Days from `a` to `b` (b − a); June 5 → July 5 is 30. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return (((toEpochDay(d) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function monthOf(d: LocalDate): number {
  return Number(d.slice(5, 7));
}

export function yearOf(d: LocalDate): number {
  return Number(d.slice(0, 4));
}

/** The office calendar: weekdays the office is closed plus dated holidays. */
export type BusinessCalendar = {
  readonly closedWeekdays: ReadonlySet<number>;
  readonly holidays: ReadonlySet<LocalDate>;
};

export function isBusinessDay(cal: BusinessCalendar, d: LocalDate): boolean {
  return !cal.closedWeekdays.has(weekday(d)) && !cal.holidays.has(d);
}

/** Upper bound on the search for a business day; a calendar closed for a year is a bug. */
const businessDaySearchDaysMax = 366;

/** The first business day on or after `d`. */
export function nextBusinessDayOnOrAfter(cal: BusinessCalendar, d: LocalDate): LocalDate {
  let day = d;
  for (let i = 0; i < businessDaySearchDaysMax; i++) {
    if (isBusinessDay(cal, day)) return day;
    day = addDays(day, 1);
  }
  throw new Error(`no business day within ${businessDaySearchDaysMax} days of ${d}`);
}

/** Adds `n` business days (n ≥ 0); 0 returns `d` itself if it is a business day. */
export function addBusinessDays(cal: BusinessCalendar, d: LocalDate, n: number): LocalDate {
  assert(Number.isSafeInteger(n) && n >= 0, 'n must be a non-negative integer');
  let day = nextBusinessDayOnOrAfter(cal, d);
  for (let i = 0; i < n; i++) day = nextBusinessDayOnOrAfter(cal, addDays(day, 1));
  return day;
}

function nthWeekdayOfMonth(year: number, month: number, wd: number, n: number): LocalDate {
  const first = localDate(`${year}-${String(month).padStart(2, '0')}-01`);
  const offset = (wd - weekday(first) + 7) % 7;
  return addDays(first, offset + (n - 1) * 7);
}

function lastWeekdayOfMonth(year: number, month: number, wd: number): LocalDate {
  const nextMonthFirst =
    month === 12
      ? localDate(`${year + 1}-01-01`)
      : localDate(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const last = addDays(nextMonthFirst, -1);
  return addDays(last, -((weekday(last) - wd + 7) % 7));
}

/** Fixed-date holidays falling on Saturday are observed Friday, on Sunday the Monday. */
function observed(d: LocalDate): LocalDate {
  const wd = weekday(d);
  return wd === 6 ? addDays(d, -1) : wd === 0 ? addDays(d, 1) : d;
}

/**
 * The default city holiday list for a year (US municipal practice: the federal holidays
 * plus the day after Thanksgiving). A utility replaces it with its own calendar as data.
 */
export function defaultCityHolidays(year: number): LocalDate[] {
  const fixed = (m: number, d: number) =>
    observed(localDate(`${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
  const thanksgiving = nthWeekdayOfMonth(year, 11, 4, 4);
  return [
    fixed(1, 1),
    nthWeekdayOfMonth(year, 1, 1, 3), // Martin Luther King Jr. Day
    nthWeekdayOfMonth(year, 2, 1, 3), // Presidents' Day
    lastWeekdayOfMonth(year, 5, 1), // Memorial Day
    fixed(6, 19),
    fixed(7, 4),
    nthWeekdayOfMonth(year, 9, 1, 1), // Labor Day
    fixed(11, 11),
    thanksgiving,
    addDays(thanksgiving, 1),
    fixed(12, 25),
  ].sort();
}
