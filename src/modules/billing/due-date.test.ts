import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { dueDateFor, type DueDateOptions } from './due-date.ts';

const residential: DueDateOptions = { accountClass: 'residential' };

// [why, bill date, due day, options, expected due date] — weekdays checked by hand.
const cases: readonly (readonly [string, string, number | null, DueDateOptions, string])[] = [
  [
    'no chosen day: bill date + 21 (Jan 31 + 21 = Feb 21)',
    '2026-01-31',
    null,
    residential,
    '2026-02-21',
  ],
  [
    'a commercial account ignores a chosen day',
    '2026-01-31',
    20,
    { accountClass: 'commercial' },
    '2026-02-21',
  ],
  [
    'the 20th after a Jan 31 bill is Feb 20 (20 days, a Friday)',
    '2026-01-31',
    20,
    residential,
    '2026-02-20',
  ],
  [
    'Feb 20 leaves 10 days after Feb 10, so Mar 20 (Friday)',
    '2026-02-10',
    20,
    residential,
    '2026-03-20',
  ],
  [
    'exactly 15 days is enough: Mar 1 → Mar 16 (Monday)',
    '2026-03-01',
    16,
    residential,
    '2026-03-16',
  ],
  ['14 days is not: Mar 2 → Apr 16 (Thursday)', '2026-03-02', 16, residential, '2026-04-16'],
  [
    'the 31st in February is Feb 28, a Saturday → Monday Mar 2',
    '2026-01-31',
    31,
    residential,
    '2026-03-02',
  ],
  ['the 31st in April is Apr 30 (Thursday)', '2026-04-01', 31, residential, '2026-04-30'],
  ['May 31 is a Sunday → Monday Jun 1', '2026-05-10', 31, residential, '2026-06-01'],
  [
    'Thanksgiving and the day after, then a weekend → Nov 30',
    '2026-11-05',
    26,
    residential,
    '2026-11-30',
  ],
  ['Christmas (Friday) → Monday Dec 28', '2026-12-05', 25, residential, '2026-12-28'],
  [
    'across the year end: Dec 20 → Jan 5 (Tuesday, 16 days)',
    '2026-12-20',
    5,
    residential,
    '2027-01-05',
  ],
  [
    'a longer minimum (21 days) skips Feb 20 → Mar 20',
    '2026-01-31',
    20,
    { ...residential, minDaysToPay: 21 },
    '2026-03-20',
  ],
  ['no class given: the chosen day applies', '2026-01-31', 20, {}, '2026-02-20'],
];

describe('dueDateFor (BIL-7, Select Due Date)', () => {
  for (const [why, billDate, dueDay, options, expected] of cases) {
    it(why, () => {
      assert.equal(dueDateFor(localDate(billDate), dueDay, options), expected);
    });
  }

  it('every due date is after the bill date and on a business day', () => {
    for (let day = 1; day <= 31; day++) {
      const due = dueDateFor(localDate('2026-02-14'), day, residential);
      assert.ok(due > '2026-03-01', `${day} → ${due}`);
      const wd = new Date(`${due}T00:00:00Z`).getUTCDay();
      assert.ok(wd !== 0 && wd !== 6, `${day} → ${due} is a weekend`);
    }
  });
});
