import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  centsToDecimal,
  allocate,
  cents,
  divCeil,
  divFloor,
  divRoundHalfEven,
  formatCents,
  parseDollars,
  roundHalfEvenToCents,
  sum,
} from './money.ts';

describe('money', () => {
  it('refuses amounts that are not safe integers', () => {
    for (const bad of [0.1, 1.5, Number.NaN, Infinity, 2 ** 53]) assert.throws(() => cents(bad));
  });

  const halfEven = [
    { name: 'below half rounds down', a: 14n, b: 10n, want: 1n },
    { name: 'above half rounds up', a: 16n, b: 10n, want: 2n },
    { name: 'half to even (down)', a: 25n, b: 10n, want: 2n },
    { name: 'half to even (up)', a: 35n, b: 10n, want: 4n },
    { name: 'negative half to even', a: -25n, b: 10n, want: -2n },
    { name: 'negative above half', a: -26n, b: 10n, want: -3n },
    { name: 'exact', a: 30n, b: 10n, want: 3n },
  ];
  for (const c of halfEven) {
    it(`divRoundHalfEven: ${c.name}`, () => assert.equal(divRoundHalfEven(c.a, c.b), c.want));
  }

  it('floor and ceiling division round toward −∞ and +∞', () => {
    assert.equal(divFloor(-7n, 2n), -4n);
    assert.equal(divFloor(7n, 2n), 3n);
    assert.equal(divCeil(7n, 2n), 4n);
    assert.equal(divCeil(-7n, 2n), -3n);
  });

  const lineRounding = [
    // 1,234 kWh × $0.0580 = $71.572 → $71.57
    { name: '1,234 kWh at 5.80¢', micros: 1234n * 58_000n, want: 7157 },
    // 3 kgal × $4.125 = $12.375 → $12.38 (half to even: 1237.5 → 1238)
    { name: 'a half cent rounds to the even cent', micros: 3n * 4_125_000n, want: 1238 },
    // $12.365 → 1236.5 → 1236
    { name: 'a half cent rounds down when the cent is even', micros: 12_365_000n, want: 1236 },
  ];
  for (const c of lineRounding) {
    it(`roundHalfEvenToCents: ${c.name}`, () =>
      assert.equal(roundHalfEvenToCents(c.micros), c.want));
  }

  it('allocate never loses or invents a cent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocate(cents(total), weights);
          assert.equal(sum(parts), total);
          weights.forEach((w, i) => {
            if (w === 0) assert.equal(parts[i], 0);
          });
        },
      ),
    );
  });

  it('allocate splits $100 three ways as 33.34, 33.33, 33.33', () => {
    assert.deepEqual(allocate(cents(10_000), [1, 1, 1]), [3334, 3333, 3333]);
  });

  const parsing = [
    { text: '12.5', want: 1250 },
    { text: '$1,234.56', want: 123_456 },
    { text: '-$0.05', want: -5 },
    { text: '7', want: 700 },
    { text: '1.234', want: undefined },
    { text: 'abc', want: undefined },
    { text: '', want: undefined },
  ];
  for (const c of parsing) {
    it(`parseDollars(${JSON.stringify(c.text)})`, () => assert.equal(parseDollars(c.text), c.want));
  }

  it('formats cents for display', () => {
    assert.equal(formatCents(cents(123_456)), '$1,234.56');
    assert.equal(formatCents(cents(-5)), '-$0.05');
    assert.equal(formatCents(cents(0)), '$0.00');
  });
  it('centsToDecimal writes plain dollars by integer arithmetic', () => {
    const cases: [number, string][] = [
      [0, '0.00'],
      [5, '0.05'],
      [-5, '-0.05'],
      [100, '1.00'],
      [123456, '1234.56'],
      [-123456, '-1234.56'],
      [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
    ];
    for (const [amount, text] of cases) assert.equal(centsToDecimal(amount), text);
  });
});
