import { z } from 'zod';
import { meterSizes } from './engine/types.ts';

/**
 * The zod shape of a RateScheduleVersion's body (everything but `code` and `effectiveFrom`,
 * which come from the URL and the request): the edge validates with it, and so does
 * addScheduleVersion before it writes. Prices are integer micros ≥ 0; blocks ascend.
 */
/** A schedule code: upper-case letters, digits, "." and "-" (E1.1, SW-R90), ≤ 20 chars. */
export const scheduleCodePattern = /^[A-Z0-9][A-Z0-9.-]{0,19}$/;

const micros = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const basisPoints = z.number().int().min(0).max(10_000);
const chargeCode = z.string().trim().min(1).max(20);
const base = { code: chargeCode, description: z.string().trim().min(1).max(200) };

const block = z.object({
  upTo: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable(),
  summerMicros: micros,
  winterMicros: micros,
});

const blocks = z
  .array(block)
  .min(1)
  .max(20)
  .superRefine((bs, ctx) => {
    bs.forEach((b, i) => {
      const prev = i === 0 ? 0 : bs[i - 1]?.upTo;
      const last = i === bs.length - 1;
      if (prev === null || prev === undefined) {
        ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'a block after the open one' });
      } else if (b.upTo !== null && b.upTo <= prev) {
        ctx.addIssue({ code: 'custom', path: [i, 'upTo'], message: 'blocks must ascend' });
      } else if (last && b.upTo !== null) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'upTo'],
          message: 'the last block is open (null)',
        });
      }
    });
  });

const sizePrices = z.partialRecord(z.enum(meterSizes as [string, ...string[]]), micros);

const fixed = z
  .object({
    kind: z.literal('fixed'),
    ...base,
    amountMicros: micros.optional(),
    bySizeMicros: sizePrices.optional(),
  })
  .refine((c) => (c.amountMicros === undefined) !== (c.bySizeMicros === undefined), {
    message: 'exactly one of amountMicros or bySizeMicros',
    path: ['amountMicros'],
  });

export const chargeSchema = z.discriminatedUnion('kind', [
  fixed,
  z.object({ kind: z.literal('tiered-block'), ...base, blocks }),
  z.object({ kind: z.literal('volumetric'), ...base, priceMicros: micros }),
  z.object({ kind: z.literal('rider'), ...base, byMonthMicros: z.array(micros).length(12) }),
  z.object({
    kind: z.literal('demand'),
    ...base,
    thresholdKw: z.number().int().min(0).max(1_000_000),
    priceMicrosPerKw: micros,
  }),
  z.object({
    kind: z.literal('discount'),
    ...base,
    ofCode: chargeCode,
    basisPoints,
    when: z.string().trim().min(1).max(40),
  }),
  z.object({ kind: z.literal('tax'), ...base, basisPoints }),
  z.object({
    kind: z.literal('winter-average'),
    ...base,
    priceMicrosPerKgal: micros,
    capKgal: z.number().int().min(0).max(1_000_000),
  }),
  z.object({
    kind: z.literal('container'),
    ...base,
    priceMicrosPerYardPickup: micros,
    weeksPerMonthThousandths: z.number().int().min(1).max(10_000),
  }),
]);

export const rateServices = [
  'electric',
  'gas',
  'water',
  'irrigation',
  'hydrant',
  'wastewater',
  'solid_waste',
  'account',
] as const;

export const versionBodySchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    service: z.enum(rateServices),
    unit: z.enum(['kWh', 'therm', 'gallon', 'none']),
    pricePer: z.union([z.literal(1), z.literal(1000)]),
    priceUnit: z.string().trim().min(1).max(20),
    summerMonths: z.array(z.number().int().min(1).max(12)).max(12),
    charges: z.array(chargeSchema).min(1).max(50),
  })
  .superRefine((v, ctx) => {
    const codes = new Set<string>();
    v.charges.forEach((c, i) => {
      if (c.kind === 'discount' && !codes.has(c.ofCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['charges', i, 'ofCode'],
          message: 'must name an earlier charge',
        });
      }
      codes.add(c.code);
    });
  });

export type VersionBody = z.infer<typeof versionBodySchema>;

/** `{ 'charges.1.blocks.0.upTo': 'blocks must ascend' }` from a zod error. */
export function fieldMessages(error: z.ZodError, prefix = ''): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter((p) => p !== '').join('.');
    fields[key || '(body)'] ??= issue.message;
  }
  return fields;
}
