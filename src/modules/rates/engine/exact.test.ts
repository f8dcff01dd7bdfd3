import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { divRoundHalfEven } from '../../../core/money.ts';
import { divRoundHalfEvenSmall, formatRatio, lineOf, ratio } from './exact.ts';

const fields = {
  code: 'X',
  description: 'x',
  kind: 'fixed',
  quantity: 1,
  unit: 'month',
  unitPriceMicros: 1,
  pricePer: 1,
} as const;

/** The engine's arithmetic takes a double-precision path when it is exact: same answers. */
describe('exact ratios: the small-number path agrees with BigInt', () => {
  const table = [
    { a: 25, b: 10, want: 2 },
    { a: 35, b: 10, want: 4 },
    { a: -25, b: 10, want: -2 },
    { a: -26, b: 10, want: -3 },
    { a: 14, b: 10, want: 1 },
    { a: 30, b: 10, want: 3 },
    { a: 0, b: 7, want: 0 },
  ];
  for (const t of table) {
    it(`${t.a}/${t.b} rounds half-even to ${t.want}`, () => {
      assert.equal(divRoundHalfEvenSmall(t.a, t.b), t.want);
    });
  }

  it('divides like divRoundHalfEven over safe integers', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().chain((a) => fc.tuple(fc.constant(a), fc.integer({ min: 1 }))),
        fc.boolean(),
        ([a, b], negative) => {
          const x = negative ? -a : a;
          assert.equal(divRoundHalfEvenSmall(x, b), Number(divRoundHalfEven(BigInt(x), BigInt(b))));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('formats and rounds lines the same on both sides of the safe bound', () => {
    const big = 2n ** 60n;
    // Beyond 2^53 the BigInt path answers; the result is still exact.
    assert.equal(formatRatio(ratio(big * 3n, 6n)), String(big / 2n));
    assert.equal(lineOf(fields, ratio(big, 1n)).amountCents, 115_292_150_460_685); // 2^60 / 10^4, half-even
    fc.assert(
      fc.property(
        fc.oneof(
          fc.bigInt({ min: -(2n ** 56n), max: 2n ** 56n }),
          fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
        ),
        fc.bigInt({ min: 1n, max: 2n ** 40n }),
        (n, d) => {
          const want = divRoundHalfEven(n, d * 10_000n);
          const safe = BigInt(Number.MAX_SAFE_INTEGER);
          if (want > safe || want < -safe) return; // not an amount in cents
          const line = lineOf(fields, ratio(n, d));
          assert.equal(line.amountCents, Number(want));
          const [num, den = '1'] = line.unroundedMicros.split('/');
          assert.equal(BigInt(num!) * d, n * BigInt(den));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
