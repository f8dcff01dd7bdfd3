import { z } from 'zod';
import { idParam } from './payments.schema.ts';

const amount = z.number().int().positive().max(100_000_000);
const nonNegative = z.number().int().min(0).max(100_000_000);
/** A count by denomination in cents: {"2000": 5, "25": 40}. */
const count = z
  .record(
    z.string().regex(/^\d{1,5}$/, 'a denomination in cents'),
    z.number().int().min(0).max(100_000),
  )
  .describe('Pieces by denomination in cents (10000 … 1)');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const drawerIdParams = z.object({ drawerId: idParam }).strict();
export const depositIdParams = z.object({ depositId: idParam }).strict();
export const transactionIdParams = z.object({ transactionId: idParam }).strict();
export const paymentIdParams = z.object({ paymentId: idParam }).strict();

export const openDrawerBody = z.object({ floatCount: count }).strict();
export const dropBody = z.object({ count }).strict();
export const closeDrawerBody = z
  .object({ cashCount: count, checkCents: nonNegative, cardCents: nonNegative })
  .strict();
export const drawerListQuery = z
  .object({
    date: date.optional(),
    status: z.enum(['open', 'closed', 'verified', 'deposited']).optional(),
  })
  .strict();
export const dateQuery = z.object({ date }).strict();

const line = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('utility'), accountId: idParam, amountCents: amount }).strict(),
  z
    .object({
      kind: z.literal('city'),
      itemCode: z.string().min(1).max(60),
      quantity: z.number().int().min(1).max(100).default(1),
      amountCents: amount.optional(),
      reference: z.string().trim().min(1).max(60).optional(),
    })
    .strict(),
]);
const tender = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cash'), tenderedCents: nonNegative }).strict(),
  z
    .object({
      kind: z.literal('check'),
      amountCents: amount,
      checkNumber: z.string().regex(/^\d{1,10}$/, 'digits'),
      routingNumber: z.string().regex(/^\d{9}$/, 'nine digits'),
      accountLast4: z.string().regex(/^\d{4}$/, 'four digits'),
    })
    .strict(),
  z
    .object({ kind: z.literal('card'), amountCents: amount, token: z.string().min(1).max(80) })
    .strict(),
]);
export const transactionBody = z
  .object({
    idempotencyKey: z.string().min(8).max(120).optional(),
    lines: z.array(line).min(1).max(20),
    tenders: z.array(tender).min(1).max(5),
  })
  .strict();
export const depositBody = z.object({ drawerIds: z.array(idParam).min(1).max(100) }).strict();

const cents = z.number().int();
const totals = z.object({ cash: cents, check: cents, card: cents });
const receipt = z.object({ count: z.number().int(), cents });
export const drawerSchema = z.object({
  drawerId: z.number().int(),
  cashierId: z.number().int(),
  cashierName: z.string(),
  businessDate: z.string(),
  status: z.enum(['open', 'closed', 'verified', 'deposited']),
  floatCount: z.record(z.string(), z.number()),
  floatCents: cents,
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closeCount: z.record(z.string(), z.number()).nullable(),
  receipts: z.object({ cash: receipt, check: receipt, card: receipt }),
  dropsCents: cents,
  expected: totals.nullable(),
  counted: totals.nullable(),
  overShortCents: cents.nullable(),
  overShortEntryId: z.number().int().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.string().nullable(),
  depositId: z.number().int().nullable(),
});
export const drawerListSchema = z.object({ drawers: z.array(drawerSchema) });
export const transactionSchema = z.object({
  transactionId: z.number().int(),
  receiptNo: z.string(),
  drawerId: z.number().int(),
  totalCents: cents,
  tenderedCents: cents,
  changeCents: cents,
  paymentIds: z.array(z.number().int()),
  saleEntryId: z.number().int().nullable(),
  replayed: z.boolean(),
});
export const cityReceivableListSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      fund: z.string(),
      glRevenue: z.string(),
      priceCents: cents.nullable(),
      referenceLabel: z.string().nullable(),
    }),
  ),
});
export const depositSchema = z.object({
  depositId: z.number().int(),
  businessDate: z.string(),
  totalCents: cents,
  byFund: z.record(z.string(), cents),
  byTender: z.object({ cash: receipt, check: receipt, card: receipt }),
  checks: z.array(
    z.object({ checkNumber: z.string(), accountLast4: z.string(), amountCents: cents }),
  ),
  drawerIds: z.array(z.number().int()),
  journalEntryId: z.number().int().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const depositListSchema = z.object({ deposits: z.array(depositSchema) });
export const reconciliationSchema = z.object({
  businessDate: z.string(),
  byTender: z.array(
    z.object({
      tender: z.enum(['cash', 'check', 'card']),
      receiptsCents: cents,
      countedCents: cents,
      depositedCents: cents,
    }),
  ),
  byFund: z.array(z.object({ fund: z.string(), receiptsCents: cents, depositedCents: cents })),
  drawers: z.number().int(),
  deposits: z.number().int(),
  overShortCents: cents,
  ledgerDrawerCents: cents,
  differences: z.array(
    z.object({
      kind: z.string(),
      drawerId: z.number().int().nullable(),
      fund: z.string().nullable(),
      amountCents: cents,
      detail: z.string(),
    }),
  ),
  tied: z.boolean(),
});

export const voidBody = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export const windowTransactionSummarySchema = z.object({
  transactionId: z.number().int(),
  receiptNo: z.string(),
  drawerId: z.number().int(),
  effectiveDate: z.string(),
  totalCents: cents,
  paymentIds: z.array(z.number().int()),
  saleEntryId: z.number().int().nullable(),
  takenBy: z.string(),
  takenAt: z.string(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidEntryIds: z.array(z.number().int()),
});
export const windowTransactionListSchema = z.object({
  transactions: z.array(windowTransactionSummarySchema),
});
