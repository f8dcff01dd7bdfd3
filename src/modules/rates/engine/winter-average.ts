import { err, ok } from '../../../core/result.ts';
import { lineOf, prorationFields, ratio, times, type ChargeRater } from './exact.ts';
import type { WinterAverageCharge } from './types.ts';

/**
 * Wastewater volume on the winter average (whole kgal, computed by the caller from the
 * winter bills — BIL-5), capped at `capKgal`. The winter average is a monthly volume, so on
 * an irregular period it is prorated by days/30 like a monthly charge.
 */
export const rateWinterAverage: ChargeRater<WinterAverageCharge> = (charge, ctx) => {
  const supplied = ctx.input.winterAverageKgal;
  if (supplied === undefined) {
    return err('winter_average_required', `${charge.code} is billed on the winter average`);
  }
  const kgal = Math.min(supplied, charge.capKgal);
  if (kgal === 0) return ok([]);
  const capped = supplied > charge.capKgal ? ` (capped at ${charge.capKgal} kgal)` : '';
  return ok([
    lineOf(
      {
        code: charge.code,
        description: `${charge.description}${capped}`,
        kind: charge.kind,
        quantity: kgal,
        unit: 'kgal',
        unitPriceMicros: charge.priceMicrosPerKgal,
        pricePer: 1,
        ...prorationFields(ctx),
      },
      times(ratio(BigInt(kgal) * BigInt(charge.priceMicrosPerKgal)), ctx.factor),
    ),
  ]);
};
