import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  billedUnits,
  estimateDelta,
  type EstimateInput,
  type EstimateMath,
} from './estimate-usage.ts';

const none = { lastYear: null, recent: null, consecutiveEstimates: 0 };

describe('estimateDelta', () => {
  const cases: [string, EstimateInput, EstimateMath][] = [
    [
      // 9,300 gal over 31 days last year = 300/day; × 30 days = 9,000 gal.
      'scales the same period last year by days',
      { ...none, days: 30, lastYear: { deltaMilli: 9_300_000, days: 31 } },
      { kind: 'estimated', deltaMilli: 9_000_000, basis: 'same_period_last_year' },
    ],
    [
      // Last year wins over the recent average when both exist.
      'prefers last year to the recent average',
      {
        ...none,
        days: 30,
        lastYear: { deltaMilli: 3_000, days: 30 },
        recent: { deltaMilli: 90_000, days: 90 },
      },
      { kind: 'estimated', deltaMilli: 3_000, basis: 'same_period_last_year' },
    ],
    [
      // 6,000 over 60 days = 100/day; × 29 days = 2,900.
      'uses the recent average without last year',
      { ...none, days: 29, recent: { deltaMilli: 6_000_000, days: 60 } },
      { kind: 'estimated', deltaMilli: 2_900_000, basis: 'recent_average' },
    ],
    [
      // 1 × 1 ÷ 2 = 0.5 thousandth → rounds half up to 1; 1 × 1 ÷ 3 = 0.33 → 0.
      'rounds half up to a thousandth',
      { ...none, days: 1, recent: { deltaMilli: 1, days: 2 } },
      { kind: 'estimated', deltaMilli: 1, basis: 'recent_average' },
    ],
    [
      'rounds below half down',
      { ...none, days: 1, recent: { deltaMilli: 1, days: 3 } },
      { kind: 'estimated', deltaMilli: 0, basis: 'recent_average' },
    ],
    [
      'falls back to the recent average when last year has no days',
      {
        ...none,
        days: 10,
        lastYear: { deltaMilli: 0, days: 0 },
        recent: { deltaMilli: 500, days: 5 },
      },
      { kind: 'estimated', deltaMilli: 1_000, basis: 'recent_average' },
    ],
    [
      'one estimate in a row still estimates',
      { ...none, days: 30, recent: { deltaMilli: 30, days: 30 }, consecutiveEstimates: 1 },
      { kind: 'estimated', deltaMilli: 30, basis: 'recent_average' },
    ],
    [
      'two estimates in a row require a field visit instead of a third',
      { ...none, days: 30, recent: { deltaMilli: 30, days: 30 }, consecutiveEstimates: 2 },
      { kind: 'field_visit_required', consecutiveEstimates: 2 },
    ],
    ['no basis at all is no history', { ...none, days: 30 }, { kind: 'no_history' }],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.deepEqual(estimateDelta(input), expected));
  }
});

describe('billedUnits', () => {
  const cases: [number, string, number][] = [
    [2_900_000, '1.0000', 2_900], // 2,900.000 × 1
    [1_500, '1', 2], // 1.5 → 2 (half up)
    [1_499, '1', 1],
    [12_345, '40.0000', 494], // 12.345 × 40 = 493.8 → 494
    [9_000_000_000_000, '1000.0000', 9_000_000_000_000], // 9e9 × 1000, past 2^53 in 10^-7 units
  ];
  for (const [delta, multiplier, units] of cases) {
    it(`${delta} thousandths × ${multiplier} bill as ${units} units`, () =>
      assert.equal(billedUnits(delta, multiplier), units));
  }
});
