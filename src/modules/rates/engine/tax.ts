import { cents, formatCents, microsPerCent } from '../../../core/money.ts';
import { ok } from '../../../core/result.ts';
import { lineOf, ratio, type ChargeRater } from './exact.ts';
import type { TaxCharge } from './types.ts';

/**
 * A tax line on the sum of this service's rounded non-tax lines (taxes are per service, and
 * never a tax on a tax). A zero base gives a zero line, so the bill still shows the tax.
 */
export const rateTax: ChargeRater<TaxCharge> = (charge, ctx) => {
  let total = 0;
  for (const l of ctx.prior) if (l.kind !== 'tax') total += l.amountCents;
  const base = cents(total);
  const exact = ratio(BigInt(base) * BigInt(charge.basisPoints) * BigInt(microsPerCent), 10_000n);
  return ok([
    lineOf(
      {
        code: charge.code,
        description: `${charge.description} on ${formatCents(base)}`,
        kind: charge.kind,
        quantity: base,
        unit: 'cents',
        unitPriceMicros: null,
        pricePer: 1,
        basisPoints: charge.basisPoints,
      },
      exact,
    ),
  ]);
};
