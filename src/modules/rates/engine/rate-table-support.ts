import assert from 'node:assert/strict';
import { it } from 'node:test';
import { localDate } from '../../../core/dates.ts';
import { expectOk } from '../../../core/result.ts';
import { demoSchedule } from '../rate-card.ts';
import { rate } from './rate.ts';
import type { MeterSize, RateScheduleVersion, RatingInput } from './types.ts';

/**
 * The shape and runner of the hand-computed bill tables (rate-energy.test.ts,
 * rate-water.test.ts): each row is one bill on the demo rate card, with every line and the
 * total in cents, and the arithmetic in a comment beside it.
 */
export type RateRow = {
  readonly name: string;
  readonly code: string;
  readonly from: string;
  readonly to: string;
  readonly usage: number;
  readonly meterSize?: MeterSize;
  readonly demandKw?: number;
  readonly winterAverageKgal?: number;
  readonly discounts?: readonly string[];
  readonly container?: { cubicYards: number; pickupsPerWeek: number };
  readonly lines: readonly (readonly [string, number])[];
  readonly total: number;
};

/** The three tax lines of electric, gas and water: state, county, city. */
export const taxes3 = (s: number, c: number, k: number) =>
  [
    ['TAX-STATE', s],
    ['TAX-COUNTY', c],
    ['TAX-CITY', k],
  ] as const;

export function schedule(code: string): RateScheduleVersion {
  const v = demoSchedule(code);
  assert.ok(v, `no schedule ${code}`);
  return v;
}

function inputOf(row: Omit<RateRow, 'name' | 'code' | 'lines' | 'total'>): RatingInput {
  return { ...row, from: localDate(row.from), to: localDate(row.to) };
}

/** One test per row: every line, the total, and lines summing to the total. */
export function testRateTable(rows: readonly RateRow[]): void {
  for (const row of rows) {
    it(`${row.name}: ${row.total} cents`, () => {
      const { name: _n, code, lines: _l, total: _t, ...rest } = row;
      const bill = expectOk(rate(schedule(code), inputOf(rest)));
      assert.deepEqual(
        bill.lines.map((l) => [l.code, l.amountCents]),
        row.lines.map(([c, a]) => [c, a]),
      );
      assert.equal(bill.totalCents, row.total);
      assert.equal(
        bill.lines.reduce((s, l) => s + l.amountCents, 0),
        bill.totalCents,
      );
    });
  }
}
