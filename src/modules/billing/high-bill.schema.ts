import { z } from 'zod';
import { limits } from '../../core/limits.ts';

/** HTTP schemas of the high-bill routes (BIL-8). */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const accountParams = z.object({ accountId: id });
export const highBillQuery = z.object({ billId: id.optional() });

const period = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  days: z.number().int(),
  usage: z.number(),
  dailyAverage: z.number(),
});
const comparison = period.extend({ changePct: z.number().int().nullable() });
const action = z.enum(['re_read', 'leak_check']);

export const highBillSchema = z.object({
  accountId: z.number().int(),
  bill: z
    .object({
      billId: z.number().int(),
      periodStart: z.string(),
      periodEnd: z.string(),
      days: z.number().int(),
      totalCents: z.number().int(),
      previousTotalCents: z.number().int().nullable(),
      lastYearTotalCents: z.number().int().nullable(),
    })
    .nullable(),
  services: list(
    z.object({
      agreementId: z.number().int(),
      service: z.string(),
      rateSchedule: z.string(),
      premiseId: z.number().int().nullable(),
      meterNumber: z.string().nullable(),
      unit: z.string(),
      current: period,
      previous: comparison.nullable(),
      lastYear: comparison.nullable(),
      twelveMonthDailyAverage: z.number().nullable(),
      estimatedReads: z.number().int(),
      rateChanges: list(z.object({ scheduleCode: z.string(), effectiveFrom: z.string() })),
      seasonNote: z.string(),
      leak: z
        .object({
          likelihood: z.enum(['low', 'medium', 'high']),
          score: z.number().int(),
          reasons: list(z.string()),
        })
        .nullable(),
      actions: list(action),
    }),
  ),
  bills: list(
    z.object({ billId: z.number().int(), periodEnd: z.string(), totalCents: z.number().int() }),
  ),
});

export const highBillActionBody = z
  .object({
    agreementId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    action,
    note: z.string().trim().min(1).max(limits.noteCharsMax).optional(),
  })
  .strict();

export const highBillActionSchema = z.object({
  orderId: z.number().int(),
  created: z.boolean(),
});
