import { err, ok } from '../../../core/result.ts';
import { lineOf, prorationFields, ratio, times, type ChargeRater } from './exact.ts';
import type { FixedCharge } from './types.ts';

/**
 * A monthly charge: one amount, or an amount by meter size (then `input.meterSize` is
 * required). Prorated by the context's factor (days/30 outside 27–33 days).
 */
export const rateFixed: ChargeRater<FixedCharge> = (charge, ctx) => {
  let price = charge.amountMicros;
  let description = charge.description;
  if (charge.bySizeMicros !== undefined) {
    const size = ctx.input.meterSize;
    if (size === undefined) return err('meter_size_required', `${charge.code} is by meter size`);
    price = charge.bySizeMicros[size];
    if (price === undefined) return err('unknown_meter_size', `${charge.code} has no ${size}"`);
    description = `${description} (${size}" meter)`;
  }
  if (price === undefined) return err('unknown_meter_size', `${charge.code} has no amount`);
  const exact = times(ratio(BigInt(price)), ctx.factor);
  const line = lineOf(
    {
      code: charge.code,
      description,
      kind: charge.kind,
      quantity: 1,
      unit: 'month',
      unitPriceMicros: price,
      pricePer: 1,
      ...prorationFields(ctx),
    },
    exact,
  );
  return ok([line]);
};
