import { z } from 'zod';
import { parseLocalDate } from '../../core/dates.ts';

/** HTTP schemas of the budget billing routes (BIL-9). */
const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();
const date = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD');

export const budgetActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('enrol') }).strict(),
  z.object({ action: z.literal('leave') }).strict(),
  z.object({ action: z.literal('remove_late_payment') }).strict(),
  z
    .object({ action: z.literal('hold'), from: date, through: date })
    .strict()
    .refine((b) => b.through > b.from, { message: 'must be after from', path: ['through'] }),
]);

const period = z.object({
  billId: z.number().int(),
  periodEnd: z.string(),
  actualCents: z.number().int(),
  instalmentCents: z.number().int(),
  settlementCents: z.number().int(),
  amountDueCents: z.number().int(),
  deferredAfterCents: z.number().int(),
  event: z.enum(['review', 'settlement', 'hold']).nullable(),
});

export const budgetBillingSchema = z.object({
  accountId: z.number().int(),
  plan: z
    .object({
      planId: z.number().int(),
      status: z.enum(['active', 'removed', 'left']),
      enrolledOn: z.string(),
      anniversaryOn: z.string(),
      instalmentCents: z.number().int(),
      basisTotalCents: z.number().int(),
      endedOn: z.string().nullable(),
      endReason: z.string().nullable(),
      holdFrom: z.string().nullable(),
      holdThrough: z.string().nullable(),
    })
    .nullable(),
  current: z
    .object({
      instalmentCents: z.number().int(),
      deferredCents: z.number().int(),
      nextSettlementOn: z.string(),
    })
    .nullable(),
  periods: list(period),
  eligibility: z.object({
    eligible: z.boolean(),
    code: z.string().nullable(),
    detail: z.string().nullable(),
    instalmentCents: z.number().int().nullable(),
  }),
});
