import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { computeWinterAverage, winterOf, type WinterFacts } from './winter-average.ts';

describe('winter average (BIL-5), pure', () => {
  const cases: readonly (readonly [string, WinterFacts, number, string])[] = [
    // 18,000 gal over 90 days: 200 gal/day × 30.42 = 6,084 gal → 6 kgal.
    [
      'three winter bills average to the nearest kgal',
      { bills: 3, days: 90, gallons: 18_000 },
      6,
      'winter_bills',
    ],
    // 14,800 / 90 × 30.42 = 5,002.4 gal → 5 kgal.
    ['rounds down below the half', { bills: 3, days: 90, gallons: 14_800 }, 5, 'winter_bills'],
    // 16,274 / 90 × 30.42 = 5,500.6 gal → 6 kgal (half rounds up).
    ['rounds up from the half', { bills: 3, days: 90, gallons: 16_274 }, 6, 'winter_bills'],
    // 90,000 / 89 × 30.42 = 30,762 gal → capped at 15 kgal.
    ['caps at 15 kgal', { bills: 3, days: 89, gallons: 90_000 }, 15, 'winter_bills'],
    // 0 gal → 0 kgal (a vacant winter is a real average).
    ['a winter without water is zero', { bills: 3, days: 90, gallons: 0 }, 0, 'winter_bills'],
    [
      'two winter bills are not enough: the 5 kgal default',
      { bills: 2, days: 59, gallons: 30_000 },
      5,
      'default',
    ],
    [
      'a new customer without winter bills gets 5 kgal',
      { bills: 0, days: 0, gallons: 0 },
      5,
      'default',
    ],
    // Four bills (a short cycle) still count: 24,000 / 120 × 30.42 = 6,084 → 6.
    [
      'more than three winter bills all count',
      { bills: 4, days: 120, gallons: 24_000 },
      6,
      'winter_bills',
    ],
  ];
  for (const [name, facts, kgal, basis] of cases) {
    it(name, () => {
      assert.deepEqual(computeWinterAverage(facts), { kgal, basis });
    });
  }

  it('from March on uses the winter just ended, effective April 1 of this year', () => {
    assert.deepEqual(winterOf(localDate('2026-11-26')), {
      from: '2025-12-01',
      until: '2026-03-01',
      effectiveFrom: '2026-04-01',
    });
    assert.deepEqual(winterOf(localDate('2026-03-01')).effectiveFrom, '2026-04-01');
  });

  it('in January and February still uses the previous winter', () => {
    assert.deepEqual(winterOf(localDate('2026-02-15')), {
      from: '2024-12-01',
      until: '2025-03-01',
      effectiveFrom: '2025-04-01',
    });
  });
});
