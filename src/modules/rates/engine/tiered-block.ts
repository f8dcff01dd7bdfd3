import { ok } from '../../../core/result.ts';
import { lineOf, prorationFields, scaleUnits, usageAmount, type ChargeRater } from './exact.ts';
import type { RatedLine, TieredBlockCharge } from './types.ts';

/**
 * Usage split into blocks, one line per block that holds usage. Block bounds are in metered
 * units and scale with the context's factor on irregular periods (rounded half-even to whole
 * units). The price is the season's (summer when the closing month is a summer month). A
 * block priced 0 is included usage and still gets its line, so the bill explains it.
 */
export const rateTieredBlock: ChargeRater<TieredBlockCharge> = (charge, ctx) => {
  const { usage } = ctx.input;
  const { pricePer, unit } = ctx.version;
  const lines: RatedLine[] = [];
  let lower = 0;
  for (const block of charge.blocks) {
    const upper = block.upTo === null ? null : scaleUnits(block.upTo, ctx.factor);
    const top = upper === null ? usage : Math.min(usage, upper);
    const quantity = Math.max(0, top - lower);
    if (quantity > 0) {
      const price = ctx.season === 'summer' ? block.summerMicros : block.winterMicros;
      const bounds = upper === null ? `over ${lower}` : `${lower}–${upper}`;
      lines.push(
        lineOf(
          {
            code: charge.code,
            description: `${charge.description}, ${bounds} ${unit} (${ctx.season})`,
            kind: charge.kind,
            quantity,
            unit,
            unitPriceMicros: price,
            pricePer,
            blockFrom: lower,
            blockTo: upper,
            ...prorationFields(ctx),
          },
          usageAmount(quantity, price, pricePer),
        ),
      );
    }
    if (upper === null) break;
    lower = Math.max(lower, upper);
  }
  return ok(lines);
};
