import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysBetween, isBusinessDay, type LocalDate } from '../../core/dates.ts';
import {
  cyclesPerMonth,
  parseYearMonth,
  readingCalendar,
  scheduleCycles,
  scheduleYear,
  type YearMonth,
} from './cycles-schedule.ts';

const ym = (text: string): YearMonth => parseYearMonth(text)!;

describe('scheduleCycles', () => {
  // November 2026 on the Mon–Thu reading calendar: Nov 11 (Veterans Day) and Nov 26
  // (Thanksgiving) are holidays, so the business days are 2 3 4 5 9 10 12 16 17 18 19 23 24
  // 25 30. Cycle c's nominal day is 3 + 1.6 (c − 1); the nearest business day wins, the
  // earlier on a tie (cycle 6: nominal 11 → 10 and 12 are both 1 away → the 10th).
  const november = scheduleCycles(ym('2026-11'), ym('2026-11'), readingCalendar([2026, 2027]));
  const expected: readonly (readonly [cycle: number, read: string, bill: string])[] = [
    [1, '2026-11-03', '2026-11-04'], // nominal 3.0
    [2, '2026-11-05', '2026-11-09'], // 4.6 → 5 (0.4 away); Fri–Sun closed → bill Mon 9th
    [3, '2026-11-05', '2026-11-09'], // 6.2 → 5 (1.2) beats 9 (2.8)
    [4, '2026-11-09', '2026-11-10'], // 7.8 → 9 (1.2) beats 5 (2.8)
    [5, '2026-11-09', '2026-11-10'], // 9.4
    [6, '2026-11-10', '2026-11-12'], // 11.0 → tie 10/12 → 10; the 11th is a holiday
    [7, '2026-11-12', '2026-11-16'], // 12.6
    [8, '2026-11-16', '2026-11-17'], // 14.2 → 16 (1.8) beats 12 (2.2)
    [9, '2026-11-16', '2026-11-17'], // 15.8
    [10, '2026-11-17', '2026-11-18'], // 17.4
    [11, '2026-11-19', '2026-11-23'], // 19.0
    [12, '2026-11-19', '2026-11-23'], // 20.6 → 19 (1.6) beats 23 (2.4)
    [13, '2026-11-23', '2026-11-24'], // 22.2
    [14, '2026-11-24', '2026-11-25'], // 23.8
    [15, '2026-11-25', '2026-11-30'], // 25.4; 26–29: holiday, Friday, weekend
    [16, '2026-11-25', '2026-11-30'], // 27.0 → 25 (2) beats 30 (3)
  ];
  for (const [cycle, read, bill] of expected) {
    it(`reads cycle ${cycle} of November 2026 on ${read} and bills it on ${bill}`, () => {
      const row = november.find((r) => r.cycle === cycle)!;
      assert.deepEqual(row, { cycle, periodMonth: '2026-11', readDate: read, billDate: bill });
    });
  }

  it('gives every month 16 cycles read on business days of that month, in cycle order', () => {
    const calendar = readingCalendar([2024, 2025, 2026, 2027]);
    const rows = scheduleCycles(ym('2024-01'), ym('2026-12'), calendar);
    assert.equal(rows.length, 36 * cyclesPerMonth);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      assert.equal(r.readDate.slice(0, 7), r.periodMonth);
      assert.ok(isBusinessDay(calendar, r.readDate), `${r.readDate} is a business day`);
      assert.ok(isBusinessDay(calendar, r.billDate) && r.billDate > r.readDate);
      if (r.cycle > 1) assert.ok(r.readDate >= rows[i - 1]!.readDate, 'cycles in date order');
    }
  });

  it('keeps almost every period (read date to read date) within the regular 27–33 days', () => {
    const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031];
    const rows = scheduleCycles(ym('2024-01'), ym('2030-12'), readingCalendar(years));
    const lengths: number[] = [];
    for (let cycle = 1; cycle <= cyclesPerMonth; cycle++) {
      const reads: LocalDate[] = rows.filter((r) => r.cycle === cycle).map((r) => r.readDate);
      for (let i = 1; i < reads.length; i++) lengths.push(daysBetween(reads[i - 1]!, reads[i]!));
    }
    const regular = lengths.filter((n) => n >= 27 && n <= 33).length;
    assert.ok(regular / lengths.length > 0.99, `${regular} of ${lengths.length} regular`);
    assert.ok(Math.min(...lengths) >= 26 && Math.max(...lengths) <= 35);
  });

  it('schedules a year the same whether filled alone or as part of a longer range', () => {
    const both = scheduleCycles(ym('2026-01'), ym('2027-12'), readingCalendar([2026, 2027, 2028]));
    assert.deepEqual(scheduleYear(2026), both.slice(0, 12 * cyclesPerMonth));
    assert.deepEqual(scheduleYear(2027), both.slice(12 * cyclesPerMonth));
  });

  it('accepts only real months', () => {
    assert.equal(parseYearMonth('2026-12'), '2026-12');
    assert.equal(parseYearMonth('2026-13'), undefined);
    assert.equal(parseYearMonth('2026-1'), undefined);
  });
});
