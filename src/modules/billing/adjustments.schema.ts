import { z } from 'zod';
import { parseLocalDate } from '../../core/dates.ts';
import { adjustableServices } from './adjustment-entry.ts';
import type { AdjustmentView, PendingAdjustmentJson } from './adjustment-json.ts';

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const localDate = z.string().refine((s) => parseLocalDate(s) !== undefined, 'a date YYYY-MM-DD');
const text500 = z.string().trim().min(1, 'required').max(500, 'at most 500 characters');

const adjustmentFields = {
  service: z.enum(adjustableServices as [string, ...string[]]).optional(),
  direction: z.enum(['credit', 'debit']),
  amountCents: z.number().int().positive().max(100_000_000),
  reasonCode: z.string().min(1).max(50),
  memo: text500,
};

export const billAdjustmentBody = z
  .object({ lineNo: z.number().int().positive().max(1000).optional(), ...adjustmentFields })
  .strict();
export const accountAdjustmentBody = z.object(adjustmentFields).strict();
export const approveBody = z.object({ reason: text500.optional() }).strict();
export const denyBody = z.object({ reason: text500 }).strict();
export const cancelBody = z.object({ reason: text500, rebill: z.boolean() }).strict();
export const pendingQuery = z.object({
  limit: z.coerce.number().int().positive().max(500).optional(),
});
export const lateFeesBody = z.object({ asOf: localDate, dryRun: z.boolean().optional() }).strict();

export const adjustmentSchema = z.object({
  adjustmentId: z.number().int(),
  accountId: z.number().int(),
  billId: z.number().int().nullable(),
  lineNo: z.number().int().nullable(),
  lineCode: z.string().nullable(),
  service: z.string(),
  direction: z.enum(['credit', 'debit']),
  amountCents: z.number().int(),
  reasonCode: z.string(),
  memo: z.string(),
  status: z.enum(['pending', 'posted', 'denied']),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
  decisionReason: z.string().nullable(),
  journalEntryId: z.number().int().nullable(),
}) satisfies z.ZodType<AdjustmentView>;

export const pendingSchema = z.object({
  adjustments: z.array(
    adjustmentSchema.extend({ canDecide: z.boolean() }) satisfies z.ZodType<PendingAdjustmentJson>,
  ),
});

export const accountAdjustmentsSchema = z.object({ adjustments: z.array(adjustmentSchema) });

export const reasonsSchema = z.object({
  reasons: z.array(z.object({ code: z.string(), description: z.string() })),
  limitCents: z.number().int().nullable(),
});

const rebilledSchema = z.object({
  billId: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  totalCents: z.number().int(),
  journalEntryId: z.number().int().nullable(),
});

export const cancelledSchema = z.object({
  cancelledBillId: z.number().int(),
  reversalEntryId: z.number().int().nullable(),
  rebill: rebilledSchema.nullable(),
  netChangeCents: z.number().int(),
});

export const billHistorySchema = z.object({
  bills: z.array(
    z.object({
      billId: z.number().int(),
      periodStart: z.string(),
      periodEnd: z.string(),
      billDate: z.string(),
      dueDate: z.string(),
      totalCents: z.number().int(),
      status: z.string(),
      cancelledAt: z.iso.datetime().nullable(),
      cancelledBy: z.string().nullable(),
      cancelReason: z.string().nullable(),
      replacesBillId: z.number().int().nullable(),
      replacedByBillId: z.number().int().nullable(),
    }),
  ),
});

const lateFeeItemSchema = z.object({
  billId: z.number().int(),
  accountId: z.number().int(),
  outcome: z.string(),
  pastDueCents: z.number().int().optional(),
  feeCents: z.number().int().optional(),
  taxCents: z.number().int().optional(),
  journalEntryId: z.number().int().optional(),
  detail: z.string().optional(),
});

export const lateFeeRunSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  bills: z.number().int(),
  charged: z.number().int(),
  feeCents: z.number().int(),
  taxCents: z.number().int(),
  results: z.array(lateFeeItemSchema),
});
