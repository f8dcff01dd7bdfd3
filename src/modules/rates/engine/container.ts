import { err, ok } from '../../../core/result.ts';
import { lineOf, prorationFields, ratio, times, type ChargeRater } from './exact.ts';
import type { ContainerCharge } from './types.ts';

/**
 * Commercial front-load bin: price × cubic yards × pickups per week × weeks per month
 * (4.33, held in thousandths), monthly, so prorated by days/30 on irregular periods.
 */
export const rateContainer: ChargeRater<ContainerCharge> = (charge, ctx) => {
  const bin = ctx.input.container;
  if (bin === undefined) return err('container_required', `${charge.code} needs the bin size`);
  const yardPickups = bin.cubicYards * bin.pickupsPerWeek;
  const perMonth = ratio(
    BigInt(charge.priceMicrosPerYardPickup) *
      BigInt(yardPickups) *
      BigInt(charge.weeksPerMonthThousandths),
    1000n,
  );
  return ok([
    lineOf(
      {
        code: charge.code,
        description: `${charge.description}: ${bin.cubicYards} yd × ${bin.pickupsPerWeek}/week`,
        kind: charge.kind,
        quantity: yardPickups,
        unit: 'yd·pickup/week',
        unitPriceMicros: charge.priceMicrosPerYardPickup,
        pricePer: 1,
        ...prorationFields(ctx),
      },
      times(perMonth, ctx.factor),
    ),
  ]);
};
