import { err, ok } from '../../../core/result.ts';
import { lineOf, usageAmount, type ChargeRater } from './exact.ts';
import type { DemandCharge } from './types.ts';

/**
 * Demand: when the billed kW exceed the threshold, ALL billed kW are charged (rate card
 * E3.1); at or below it, no line. Not prorated: it prices the period's peak, not a month.
 */
export const rateDemand: ChargeRater<DemandCharge> = (charge, ctx) => {
  const kw = ctx.input.demandKw;
  if (kw === undefined) return err('demand_required', `${charge.code} needs the billed kW`);
  if (kw <= charge.thresholdKw) return ok([]);
  return ok([
    lineOf(
      {
        code: charge.code,
        description: `${charge.description} (demand over ${charge.thresholdKw} kW)`,
        kind: charge.kind,
        quantity: kw,
        unit: 'kW',
        unitPriceMicros: charge.priceMicrosPerKw,
        pricePer: 1,
      },
      usageAmount(kw, charge.priceMicrosPerKw, 1),
    ),
  ]);
};
