import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate as d } from '../../core/dates.ts';
import { activeSegments, addMonths, checkHoldLength, splitUsage } from './seasonal-hold-days.ts';

const policy = { monthsMin: 1, monthsMax: 8, leadDaysMax: 120 };

describe('billing: seasonal hold days (BIL-9 furlough)', () => {
  for (const [from, n, want] of [
    ['2026-12-01', 1, '2027-01-01'],
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-15', 8, '2027-07-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ] as const) {
    it(`addMonths(${from}, ${n}) = ${want}`, () => assert.equal(addMonths(d(from), n), want));
  }

  const today = d('2026-11-27');
  for (const [name, from, through, want] of [
    ['one calendar month', '2026-12-01', '2026-12-31', null],
    ['eight calendar months', '2026-12-01', '2027-07-31', null],
    ['a day short of a month', '2026-12-01', '2026-12-30', 'hold_too_short'],
    ['a day over eight months', '2026-12-01', '2027-08-01', 'hold_too_long'],
    ['starting today', '2026-11-27', '2027-01-15', null],
    ['starting yesterday', '2026-11-26', '2027-01-15', 'hold_in_past'],
    ['120 days ahead', '2027-03-27', '2027-05-15', null],
    ['121 days ahead', '2027-03-28', '2027-05-15', 'hold_too_far_ahead'],
  ] as const) {
    it(`length rule: ${name} → ${want ?? 'ok'}`, () =>
      assert.equal(checkHoldLength(d(from), d(through), today, policy), want));
  }

  const off = (from: string, to: string) => ({ from: d(from), to: d(to) });
  for (const [name, ranges, want] of [
    ['no hold', [], [['2026-12-01', '2027-01-01']]],
    ['the whole period off', [off('2026-11-20', '2027-02-01')], []],
    ['off from mid-period', [off('2026-12-15', '2027-04-01')], [['2026-12-01', '2026-12-15']]],
    ['back on mid-period', [off('2026-09-01', '2026-12-10')], [['2026-12-10', '2027-01-01']]],
    [
      'off inside the period',
      [off('2026-12-05', '2026-12-20')],
      [
        ['2026-12-01', '2026-12-05'],
        ['2026-12-20', '2027-01-01'],
      ],
    ],
    ['a hold after the period', [off('2027-01-01', '2027-03-01')], [['2026-12-01', '2027-01-01']]],
  ] as const) {
    it(`active days: ${name}`, () =>
      assert.deepEqual(
        activeSegments(d('2026-12-01'), d('2027-01-01'), ranges).map((s) => [s.from, s.to]),
        want,
      ));
  }

  it('splits usage over active segments by days, adding back exactly', () => {
    const segs = [off('2026-12-01', '2026-12-05'), off('2026-12-20', '2027-01-01')]; // 4 + 12 days
    assert.deepEqual(splitUsage(1000, segs), [250, 750]);
    const odd = splitUsage(7, [off('2026-12-01', '2026-12-02'), off('2026-12-02', '2026-12-04')]);
    assert.deepEqual(odd, [2, 5]);
    assert.equal(odd[0]! + odd[1]!, 7);
    assert.deepEqual(splitUsage(300, [off('2026-12-01', '2026-12-15')]), [300]);
  });
});
