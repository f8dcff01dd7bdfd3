import { ok } from '../../../core/result.ts';
import { lineOf, usageAmount, type ChargeRater } from './exact.ts';
import type { VolumetricCharge } from './types.ts';

/** Every metered unit at one price (per `pricePer` units); no line at zero usage. */
export const rateVolumetric: ChargeRater<VolumetricCharge> = (charge, ctx) => {
  const { usage } = ctx.input;
  if (usage === 0) return ok([]);
  const { pricePer, unit } = ctx.version;
  return ok([
    lineOf(
      {
        code: charge.code,
        description: charge.description,
        kind: charge.kind,
        quantity: usage,
        unit,
        unitPriceMicros: charge.priceMicros,
        pricePer,
      },
      usageAmount(usage, charge.priceMicros, pricePer),
    ),
  ]);
};
