import { microsPerCent, sum } from '../../../core/money.ts';
import { ok } from '../../../core/result.ts';
import { lineOf, ratio, type ChargeRater } from './exact.ts';
import type { DiscountCharge } from './types.ts';

/**
 * A percentage off a named earlier line's ROUNDED amount, as its own negative line, when
 * the caller says the account qualifies (`input.discounts` holds `charge.when`).
 */
export const rateDiscount: ChargeRater<DiscountCharge> = (charge, ctx) => {
  if (!(ctx.input.discounts ?? []).includes(charge.when)) return ok([]);
  const base = sum(ctx.prior.filter((l) => l.code === charge.ofCode).map((l) => l.amountCents));
  if (base === 0) return ok([]);
  // cents × 10,000 micros/cent × bp / 10,000 = cents × bp micros: exact.
  const exact = ratio(-BigInt(base) * BigInt(charge.basisPoints) * BigInt(microsPerCent), 10_000n);
  return ok([
    lineOf(
      {
        code: charge.code,
        description: charge.description,
        kind: charge.kind,
        quantity: 1,
        unit: `% of ${charge.ofCode}`,
        unitPriceMicros: null,
        pricePer: 1,
        basisPoints: charge.basisPoints,
      },
      exact,
    ),
  ]);
};
