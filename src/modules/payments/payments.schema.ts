import { z } from 'zod';
import { channels } from './types.ts';

export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const digits = (n: string, min: number, max: number) =>
  z.string().regex(new RegExp(`^\\d{${min},${max}}$`), n);

const tenderBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('cash'),
      tenderedCents: z.number().int().positive().max(100_000_000).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('check'),
      checkNumber: digits('1 to 15 digits', 1, 15),
      routingNumber: digits('9 digits', 9, 9),
      accountLast4: digits('the last 4 digits only', 4, 4),
    })
    .strict(),
  z.object({ kind: z.literal('card'), token: z.string().min(5).max(64) }).strict(),
  z
    .object({
      kind: z.literal('ach'),
      routingNumber: digits('9 digits', 9, 9),
      accountLast4: digits('the last 4 digits only', 4, 4),
    })
    .strict(),
]);

export const postPaymentBody = z
  .object({
    accountId: idParam,
    amountCents: z.number().int().positive().max(100_000_000),
    tender: tenderBody,
    channel: z.enum(channels),
    drawerId: idParam.optional(),
    /** Or the Idempotency-Key header; one of the two is required. */
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

export const reverseBody = z
  .object({ reason: z.string().trim().min(1, 'required').max(500, 'at most 500 characters') })
  .strict();

export const listQuery = z.object({
  limit: z.coerce.number().int().positive().max(500).optional(),
});

const appliedSchema = z.object({
  bucket: z.enum(['deposit', 'arrangement', 'past_due', 'current', 'overpayment']),
  fund: z.string(),
  glAccount: z.string(),
  amountCents: z.number().int(),
  dueDate: z.string().nullable(),
});

const tenderSchema = z.union([
  z.object({
    kind: z.literal('cash'),
    tenderedCents: z.number().int(),
    changeCents: z.number().int(),
  }),
  z.object({
    kind: z.literal('check'),
    checkNumber: z.string(),
    routingNumber: z.string(),
    accountLast4: z.string(),
  }),
  z.object({
    kind: z.literal('card'),
    token: z.string(),
    brand: z.string(),
    last4: z.string(),
    authorizationId: z.string(),
  }),
  z.object({ kind: z.literal('ach'), routingNumber: z.string(), accountLast4: z.string() }),
]);

export const paymentSchema = z.object({
  paymentId: z.number().int(),
  accountId: z.number().int(),
  amountCents: z.number().int(),
  feeCents: z.number().int(),
  tender: tenderSchema,
  channel: z.enum(channels),
  drawerId: z.number().int().nullable(),
  effectiveDate: z.string(),
  status: z.enum(['posted', 'reversed']),
  application: z.array(appliedSchema),
  journalEntryId: z.number().int().nullable(),
  reversalEntryId: z.number().int().nullable(),
  receivedByName: z.string(),
  receivedAt: z.string(),
  reversedAt: z.string().nullable(),
  reverseReason: z.string().nullable(),
  replayed: z.boolean(),
});

export const paymentListSchema = z.object({ payments: z.array(paymentSchema) });

export const receiptSchema = z.object({
  receiptNo: z.string(),
  paymentId: z.number().int(),
  status: z.enum(['posted', 'reversed']),
  accountId: z.number().int(),
  accountNo: z.string(),
  customerName: z.string(),
  mailingAddress: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    city: z.string(),
    state: z.string(),
    zip: z.string(),
  }),
  receivedAt: z.string(),
  effectiveDate: z.string(),
  receivedBy: z.string(),
  channel: z.enum(channels),
  tender: z.union([
    z.object({
      kind: z.literal('cash'),
      tenderedCents: z.number().int(),
      changeCents: z.number().int(),
    }),
    z.object({ kind: z.literal('check'), checkNumber: z.string(), accountLast4: z.string() }),
    z.object({
      kind: z.literal('card'),
      brand: z.string(),
      last4: z.string(),
      authorizationId: z.string(),
    }),
    z.object({ kind: z.literal('ach'), accountLast4: z.string() }),
  ]),
  amountCents: z.number().int(),
  feeCents: z.number().int(),
  totalCents: z.number().int(),
  applied: z.array(appliedSchema),
  balanceAfterCents: z.number().int(),
});
