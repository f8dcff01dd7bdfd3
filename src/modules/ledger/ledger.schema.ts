import { z } from 'zod';
import { parseLocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { entryKinds, funds } from './types.ts';

/** HTTP schemas of the ledger routes: they validate at the edge and document the API. */
export const localDateSchema = z
  .string()
  .refine((s) => parseLocalDate(s) !== undefined, 'a calendar date YYYY-MM-DD');

const centsField = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const idField = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** Kinds staff may post by hand; the other kinds belong to the modules that own them. */
export const manualEntryKinds = [
  'manual',
  'adjustment',
  'transfer',
  'write_off',
  'recovery',
  'conversion',
  'over_short',
] as const;

export const manualEntryBody = z.object({
  kind: z.enum(manualEntryKinds).default('manual'),
  sourceRef: z.string().trim().min(1).max(limits.journalSourceRefCharsMax),
  effectiveDate: localDateSchema,
  memo: z.string().trim().min(1).max(limits.journalMemoCharsMax),
  idempotencyKey: z.string().min(1).max(limits.idempotencyKeyCharsMax).optional(),
  lines: z
    .array(
      z.object({
        glAccount: z.string().min(1).max(100),
        debitCents: centsField.optional(),
        creditCents: centsField.optional(),
        accountId: idField.optional(),
        memo: z.string().max(limits.journalMemoCharsMax).optional(),
      }),
    )
    .min(2)
    .max(limits.journalLinesPerEntryMax),
});

export const reverseEntryBody = z.object({
  reason: z.string().trim().min(1).max(limits.journalMemoCharsMax),
  effectiveDate: localDateSchema,
  idempotencyKey: z.string().min(1).max(limits.idempotencyKeyCharsMax).optional(),
});

export const listEntriesQuery = z.object({
  accountId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(limits.pageSizeDefault),
  before: idParam.optional(),
});

const fundSchema = z.enum(funds);

export const postedLineSchema = z.object({
  lineNo: z.number().int(),
  glAccount: z.string(),
  fund: fundSchema,
  accountId: z.number().int().nullable(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
  memo: z.string().nullable(),
});

export const postedEntrySchema = z.object({
  entryId: z.number().int(),
  replayed: z.boolean(),
  kind: z.enum(entryKinds),
  sourceRef: z.string(),
  effectiveDate: z.string(),
  lines: z.array(postedLineSchema).readonly(),
});

export const entryPageSchema = z.object({
  entries: z
    .array(
      z.object({
        entryId: z.number().int(),
        kind: z.enum(entryKinds),
        sourceRef: z.string(),
        effectiveDate: z.string(),
        postedAt: z.string(),
        memo: z.string(),
        actorName: z.string(),
        reversesEntryId: z.number().int().nullable(),
        reversedByEntryId: z.number().int().nullable(),
        lines: z.array(postedLineSchema).readonly(),
      }),
    )
    .readonly(),
  nextBefore: z.number().int().nullable(),
});

export const accountBalancesSchema = z.object({
  accountId: z.number().int(),
  byFund: z.array(z.object({ fund: fundSchema, balanceCents: z.number().int() })).readonly(),
  totalCents: z.number().int(),
  depositsHeldCents: z.number().int(),
});

const accountTypeSchema = z.enum(['asset', 'liability', 'equity', 'revenue', 'expense']);

export const trialBalanceSchema = z.object({
  rows: z
    .array(
      z.object({
        glAccount: z.string(),
        name: z.string(),
        fund: fundSchema,
        type: accountTypeSchema,
        debitCents: z.number().int(),
        creditCents: z.number().int(),
        balanceCents: z.number().int(),
      }),
    )
    .readonly(),
  totalDebitCents: z.number().int(),
  totalCreditCents: z.number().int(),
});

export const chartSchema = z.object({
  accounts: z
    .array(
      z.object({
        code: z.string(),
        name: z.string(),
        type: accountTypeSchema,
        fund: fundSchema,
        normalBalance: z.enum(['debit', 'credit']),
        isReceivable: z.boolean(),
        hasSubledger: z.boolean(),
        active: z.boolean(),
      }),
    )
    .readonly(),
});
