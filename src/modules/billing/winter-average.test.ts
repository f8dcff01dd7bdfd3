import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { demoSchedule, type RateScheduleVersion } from '../rates/index.ts';
import { draftBill } from './draft-bill.ts';
import type { BillInputs } from './types.ts';
import { computeWinterAverage, winterOf, type WinterFacts } from './winter-average.ts';

const v = (code: string): readonly RateScheduleVersion[] => [demoSchedule(code)!];

/** Wastewater cents (before tax) of a January bill with 6,000 gal of water. */
function sewerCents(winterAverageKgal: number | undefined): number {
  const inputs: BillInputs = {
    accountId: 1,
    periodStart: localDate('2026-01-01'),
    periodEnd: localDate('2026-01-31'),
    agreements: [
      {
        agreementId: 1,
        service: 'water',
        rateSchedule: 'W1.1',
        meterSize: '3/4',
        versions: v('W1.1'),
        usage: { kind: 'metered', units: 6_000 },
      },
      {
        agreementId: 2,
        service: 'wastewater',
        rateSchedule: 'S1.1',
        meterSize: null,
        versions: v('S1.1'),
        usage: { kind: 'flat' },
      },
    ],
    environmentalFee: v('ENV'),
    ...(winterAverageKgal === undefined ? {} : { winterAverageKgal }),
  };
  return expectOk(draftBill(inputs))
    .lines.filter((l) => l.service === 'wastewater' && l.line.kind !== 'tax')
    .reduce((s, l) => s + l.line.amountCents, 0);
}

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

  const billCases: readonly (readonly [string, number | undefined, number])[] = [
    // 12.50 + 3 × 3.10 = 21.80.
    ['a bill uses the account’s computed average', 3, 2_180],
    // min(8, 6 kgal of water) = 6: 12.50 + 6 × 3.10 = 31.10.
    ['a bill uses the month’s water when lower than the average', 8, 3_110],
    // No average: the 5 kgal default, 12.50 + 15.50 = 28.00.
    ['a bill without an average uses the 5 kgal default', undefined, 2_800],
  ];
  for (const [name, kgal, cents] of billCases) {
    it(name, () => assert.equal(sewerCents(kgal), cents));
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
