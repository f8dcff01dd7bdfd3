import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addBusinessDays,
  addDays,
  daysBetween,
  defaultCityHolidays,
  isBusinessDay,
  localDate,
  localDateOf,
  nextBusinessDayOnOrAfter,
  parseLocalDate,
  weekday,
  type BusinessCalendar,
} from './dates.ts';

/** The demo city's office: open Monday–Thursday, closed Fridays and weekends and holidays. */
const mesa: BusinessCalendar = {
  closedWeekdays: new Set([0, 5, 6]),
  holidays: new Set([...defaultCityHolidays(2026), ...defaultCityHolidays(2027)]),
};

describe('dates', () => {
  it('parses only real calendar dates', () => {
    assert.equal(parseLocalDate('2026-02-28'), '2026-02-28');
    assert.equal(parseLocalDate('2026-02-29'), undefined);
    assert.equal(parseLocalDate('2028-02-29'), '2028-02-29');
    assert.equal(parseLocalDate('2026-13-01'), undefined);
    assert.equal(parseLocalDate('26-1-1'), undefined);
  });

  it('counts days as the rate card does: June 5 → July 5 is 30 days', () => {
    assert.equal(daysBetween(localDate('2026-06-05'), localDate('2026-07-05')), 30);
    assert.equal(addDays(localDate('2026-12-31'), 1), '2027-01-01');
    assert.equal(addDays(localDate('2028-03-01'), -1), '2028-02-29');
  });

  it('knows the weekday', () => {
    assert.equal(weekday(localDate('2026-11-26')), 4); // Thursday
    assert.equal(weekday(localDate('2026-11-27')), 5); // Friday
  });

  it('takes the calendar date in the utility time zone, not UTC', () => {
    // 03:00 UTC on Nov 27 is still Nov 26 in Phoenix (UTC−7, no daylight saving).
    assert.equal(localDateOf(new Date('2026-11-27T03:00:00Z'), 'America/Phoenix'), '2026-11-26');
  });

  const holidays2026 = [
    '2026-01-01',
    '2026-01-19',
    '2026-02-16',
    '2026-05-25',
    '2026-06-19',
    '2026-07-03',
    '2026-09-07',
    '2026-11-11',
    '2026-11-26',
    '2026-11-27',
    '2026-12-25',
  ];
  it('lists the city holidays with observed dates (July 4, 2026 is a Saturday → Friday)', () => {
    assert.deepEqual(defaultCityHolidays(2026), holidays2026);
  });

  const business = [
    { name: 'a Monday is open', date: '2026-11-23', open: true },
    { name: 'a Friday is closed', date: '2026-11-20', open: false },
    { name: 'Thanksgiving Thursday is closed', date: '2026-11-26', open: false },
    { name: 'a Sunday is closed', date: '2026-11-22', open: false },
  ];
  for (const c of business) {
    it(`business day: ${c.name}`, () =>
      assert.equal(isBusinessDay(mesa, localDate(c.date)), c.open));
  }

  const adding = [
    { name: 'Wednesday + 1 is Thursday', from: '2026-11-18', n: 1, want: '2026-11-19' },
    {
      name: 'Thursday + 1 skips Friday and the weekend',
      from: '2026-11-19',
      n: 1,
      want: '2026-11-23',
    },
    {
      name: 'Wednesday before Thanksgiving + 1 is the next Monday',
      from: '2026-11-25',
      n: 1,
      want: '2026-11-30',
    },
    {
      name: '+0 on a closed day moves to the next open day',
      from: '2026-11-27',
      n: 0,
      want: '2026-11-30',
    },
    { name: 'over Christmas', from: '2026-12-24', n: 3, want: '2026-12-30' },
    { name: 'into the new year', from: '2026-12-30', n: 2, want: '2027-01-04' },
  ];
  for (const c of adding) {
    it(`addBusinessDays: ${c.name}`, () =>
      assert.equal(addBusinessDays(mesa, localDate(c.from), c.n), c.want));
  }

  it('refuses to search forever in a calendar that is never open', () => {
    const closed: BusinessCalendar = {
      closedWeekdays: new Set([0, 1, 2, 3, 4, 5, 6]),
      holidays: new Set(),
    };
    assert.throws(
      () => nextBusinessDayOnOrAfter(closed, localDate('2026-01-01')),
      /no business day/,
    );
  });
});

describe('day counts agree with the calendar', () => {
  it('daysBetween matches Date.UTC over four centuries of dates', () => {
    const utcDay = (d: string) => {
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      return Date.UTC(y, m - 1, day) / 86_400_000;
    };
    const from = localDate('1970-01-01');
    for (let n = -150_000; n <= 150_000; n += 37) {
      const d = addDays(from, n);
      assert.equal(daysBetween(from, d), n, d);
      assert.equal(daysBetween(from, d), utcDay(d), d);
    }
    for (const [a, b, want] of [
      ['2024-02-28', '2024-03-01', 2],
      ['2100-02-28', '2100-03-01', 1],
      ['2000-02-28', '2000-03-01', 2],
      ['2026-06-05', '2026-07-05', 30],
      ['2026-12-31', '2027-01-01', 1],
    ] as const)
      assert.equal(daysBetween(localDate(a), localDate(b)), want, `${a} → ${b}`);
  });
});
