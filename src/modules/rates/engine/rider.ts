import { assert } from '../../../core/assert.ts';
import { ok } from '../../../core/result.ts';
import { lineOf, usageAmount, type ChargeRater } from './exact.ts';
import type { RiderCharge } from './types.ts';

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** A monthly adjustment (EECAF, PNGCAF): all usage at the price of the period's month. */
export const rateRider: ChargeRater<RiderCharge> = (charge, ctx) => {
  assert(charge.byMonthMicros.length === 12, `${charge.code} needs twelve monthly prices`);
  const { usage } = ctx.input;
  if (usage === 0) return ok([]);
  const price = charge.byMonthMicros[ctx.month - 1];
  assert(price !== undefined, 'month is 1–12');
  const { pricePer, unit } = ctx.version;
  return ok([
    lineOf(
      {
        code: charge.code,
        description: `${charge.description} (${monthNames[ctx.month - 1]})`,
        kind: charge.kind,
        quantity: usage,
        unit,
        unitPriceMicros: price,
        pricePer,
      },
      usageAmount(usage, price, pricePer),
    ),
  ]);
};
