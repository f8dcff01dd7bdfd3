import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../../core/dates.ts';
import { expectOk } from '../../../core/result.ts';
import { demoSchedule } from '../rate-card.ts';
import { rate, rateAcross } from './rate.ts';
import type { RateScheduleVersion, RatingInput } from './types.ts';

function schedule(code: string): RateScheduleVersion {
  const v = demoSchedule(code);
  assert.ok(v);
  return v;
}

const e11 = schedule('E1.1');
/** E1.1 from 2026-07-01: customer charge 20.00, summer first block 0.0600/kWh. */
const e11July: RateScheduleVersion = {
  ...e11,
  effectiveFrom: localDate('2026-07-01'),
  charges: e11.charges.map((c) => {
    if (c.kind === 'fixed') return { ...c, amountMicros: 20_000_000 };
    if (c.kind === 'tiered-block') {
      return {
        ...c,
        blocks: c.blocks.map((b, i) => (i === 0 ? { ...b, summerMicros: 60_000 } : b)),
      };
    }
    return c;
  }),
};

const input = (from: string, to: string, usage: number, more: Partial<RatingInput> = {}) => ({
  from: localDate(from),
  to: localDate(to),
  usage,
  ...more,
});

it('a mid-period rate change splits the period by days and prorates each part', () => {
  // 2026-06-11 → 07-11 = 30 d (regular), closes Jul (summer), 1,000 kWh.
  // Old part 06-11 → 07-01 = 20 d: factor 20/30; usage 1000×20/30 = 666.67 → 667 kWh.
  //   17.50×2/3 = 11.666… → 11.67; block 1000×2/3 → 667 kWh: 667×0.058 = 38.686 → 38.69;
  //   EECAF Jul 667×0.070 = 46.69; sub 97.05; state 5.4348→5.43, county 0.67935→0.68,
  //   city 1.941→1.94.
  // New part 07-01 → 07-11 = 10 d: factor 10/30; usage 333 kWh.
  //   20.00×1/3 = 6.666… → 6.67; block → 333 kWh: 333×0.060 = 19.98; EECAF 333×0.070 = 23.31;
  //   sub 49.96; state 2.79776→2.80, county 0.34972→0.35, city 0.9992→1.00.
  // Total 97.05 + 8.05 + 49.96 + 4.15 = 159.21.
  const bill = expectOk(rateAcross([e11July, e11], input('2026-06-11', '2026-07-11', 1000)));
  assert.deepEqual(
    bill.lines.map((l) => [l.code, l.amountCents, l.proration]),
    [
      ['E-CUST', 1167, '20/30'],
      ['E-ENERGY', 3869, '20/30'],
      ['EECAF', 4669, undefined],
      ['TAX-STATE', 543, undefined],
      ['TAX-COUNTY', 68, undefined],
      ['TAX-CITY', 194, undefined],
      ['E-CUST', 667, '10/30'],
      ['E-ENERGY', 1998, '10/30'],
      ['EECAF', 2331, undefined],
      ['TAX-STATE', 280, undefined],
      ['TAX-COUNTY', 35, undefined],
      ['TAX-CITY', 100, undefined],
    ],
  );
  assert.equal(bill.totalCents, 15_921);
  assert.equal(bill.scheduleCode, 'E1.1');
  assert.match(bill.lines[0]?.description ?? '', /2026-06-11 → 2026-07-01/);
  assert.equal(bill.lines[0]?.unroundedMicros, '35000000/3');
});

it('a version effective after the period is not used, and rate() equals rateAcross of one', () => {
  const i = input('2026-06-05', '2026-07-01', 1200);
  const across = expectOk(rateAcross([e11July, e11], i));
  assert.deepEqual(across, expectOk(rate(e11, i)));
  assert.equal(across.totalCents, expectOk(rate(e11, i)).totalCents);
});

it('a line explains its block bounds, price, and exact unrounded amount', () => {
  const bill = expectOk(
    rate(schedule('W1.1'), input('2026-01-15', '2026-02-14', 6543, { meterSize: '5/8' })),
  );
  const usage = bill.lines.filter((l) => l.code === 'W-USAGE');
  assert.deepEqual(
    usage.map((l) => [l.blockFrom, l.blockTo, l.quantity, l.unit, l.unitPriceMicros, l.pricePer]),
    [
      [0, 3000, 3000, 'gallon', 0, 1000],
      [3000, 10_000, 3543, 'gallon', 4_200_000, 1000],
    ],
  );
  assert.equal(usage[1]?.unroundedMicros, '14880600');
  assert.equal(bill.season, 'winter');
});

const refusals = [
  { name: 'water without a meter size', code: 'W1.1', more: {}, expected: 'meter_size_required' },
  {
    name: 'S1.1 without a winter average',
    code: 'S1.1',
    more: {},
    expected: 'winter_average_required',
  },
  { name: 'E3.1 without billed kW', code: 'E3.1', more: {}, expected: 'demand_required' },
  { name: 'SW-COMM without a bin', code: 'SW-COMM', more: {}, expected: 'container_required' },
] as const;
for (const r of refusals) {
  it(`refuses ${r.name} with ${r.expected}`, () => {
    const result = rate(schedule(r.code), input('2026-05-01', '2026-05-31', 100, r.more));
    assert.equal(result.ok ? 'ok' : result.code, r.expected);
  });
}

it('refuses a closing date not after the opening one, and a period before any version', () => {
  const backwards = rate(e11, input('2026-05-31', '2026-05-31', 0));
  assert.equal(backwards.ok ? 'ok' : backwards.code, 'bad_period');
  const early = rate(e11, input('2025-12-01', '2025-12-31', 0));
  assert.equal(early.ok ? 'ok' : early.code, 'no_version_in_effect');
});
