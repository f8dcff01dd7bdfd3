import { z } from 'zod';
import { localDateOf } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { idParam } from './payments.schema.ts';
import { importRemittance } from './remittance-import.ts';
import { remittanceFormats } from './remittance-types.ts';
import { applyUnappliedCash, listUnappliedCash, refundUnappliedCash } from './unapplied-cash.ts';
import { addUnappliedNote } from './unapplied-notes.ts';

const tags = ['remittance'];

const importBody = z
  .object({
    format: z.enum(remittanceFormats),
    fileName: z.string().min(1).max(200),
    /** The file's text (lockbox, BAI2 and the CSV are all text). */
    text: z.string().min(1).max(5_000_000),
    dryRun: z.boolean().optional(),
    layout: z.string().min(1).max(60).optional(),
  })
  .strict();

const nullableText = z.string().nullable();
const outcomeSchema = z.object({
  index: z.number().int(),
  line: z.number().int(),
  amountCents: z.number().int(),
  outcome: z.enum(['posted', 'unmatched', 'rejected']),
  accountId: z.number().int().nullable(),
  paymentId: z.number().int().nullable(),
  unappliedId: z.number().int().nullable(),
  reason: nullableText,
  reference: nullableText,
  payerName: nullableText,
});
const importSchema = z.object({
  fileId: z.number().int().nullable(),
  dryRun: z.boolean(),
  format: z.enum(remittanceFormats),
  sha256: z.string(),
  items: z.number().int(),
  posted: z.number().int(),
  unmatched: z.number().int(),
  rejected: z.number().int(),
  postedCents: z.number().int(),
  unmatchedCents: z.number().int(),
  notes: z.array(z.string()),
  outcomes: z.array(outcomeSchema),
});
const unappliedSchema = z.object({
  id: z.number().int(),
  remittanceFileId: z.number().int(),
  fileName: z.string(),
  line: z.number().int(),
  amountCents: z.number().int(),
  effectiveDate: z.string(),
  accountRef: nullableText,
  invoiceRef: nullableText,
  payerName: nullableText,
  checkNumber: nullableText,
  holdReason: nullableText,
  status: z.enum(['open', 'applied', 'refunded']),
  resolvedAccountId: z.number().int().nullable(),
  resolvedPaymentId: z.number().int().nullable(),
  resolvedAt: nullableText,
  resolvedBy: nullableText,
  notes: z.array(z.object({ body: z.string(), author: z.string(), at: z.string() })),
});
const unappliedQuery = z
  .object({
    status: z.enum(['open', 'applied', 'refunded', 'all']).optional(),
    q: z.string().max(100).optional(),
    limit: z.coerce.number().int().positive().max(500).optional(),
  })
  .strict();

/** Remittance (PAY-5): import a bank file; the unapplied-cash research queue; apply an item. */
export const remittanceRoutes = [
  route({
    method: 'POST',
    url: '/api/remittance/import',
    access: 'payments.remittance',
    summary: 'Import a lockbox, BAI2 or remittance CSV file (all-or-nothing; per-item outcomes)',
    tags,
    body: importBody,
    response: importSchema,
    handler: async (req, ctx) => {
      const r = await importRemittance(ctx.db, req.body, { actor: req.actor, now: ctx.now() });
      return r.ok
        ? ok({ ...r.value, notes: [...r.value.notes], outcomes: [...r.value.outcomes] })
        : r;
    },
  }),
  route({
    method: 'GET',
    url: '/api/unapplied-cash',
    access: 'payments.remittance',
    summary: 'The unapplied-cash research queue (open items by default; search payer or reference)',
    tags,
    query: unappliedQuery,
    response: z.object({ items: z.array(unappliedSchema) }),
    handler: async (req, ctx) => {
      const q = req.query;
      const items = await listUnappliedCash(ctx.db.pool, {
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.q === undefined ? {} : { search: q.q }),
        ...(q.limit === undefined ? {} : { limit: q.limit }),
      });
      return ok({ items });
    },
  }),
  route({
    method: 'POST',
    url: '/api/unapplied-cash/:id/apply',
    access: 'payments.remittance',
    summary: 'Transfer an unapplied-cash item to an account (a new entry; audited)',
    tags,
    params: z.object({ id: idParam }),
    body: z.object({ accountId: idParam }).strict(),
    response: unappliedSchema,
    handler: async (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        applyUnappliedCash(
          tx,
          {
            id: req.params.id,
            accountId: req.body.accountId,
            asOf: localDateOf(ctx.now(), ctx.timeZone),
          },
          { actor: req.actor, now: ctx.now() },
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/unapplied-cash/:id/refund',
    access: 'payments.remittance',
    summary:
      'Refund an unapplied-cash item to its sender (a refund entry and a refund-check request for accounts payable; audited)',
    tags,
    params: z.object({ id: idParam }),
    body: z
      .object({
        reason: z.string().trim().min(3).max(500),
        /** The refund check's payee: the sender research found (accounts payable mails it). */
        payee: z
          .object({
            name: z.string().trim().min(1).max(200),
            line1: z.string().trim().min(1).max(200),
            line2: z.string().trim().max(200).nullish(),
            city: z.string().trim().min(1).max(100),
            state: z
              .string()
              .trim()
              .regex(/^[A-Z]{2}$/, 'two capital letters (AZ)'),
            zip: z
              .string()
              .trim()
              .regex(/^\d{5}(-\d{4})?$/, '5 digits, or ZIP+4'),
          })
          .strict(),
      })
      .strict(),
    response: unappliedSchema,
    handler: async (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        refundUnappliedCash(
          tx,
          {
            id: req.params.id,
            reason: req.body.reason,
            asOf: localDateOf(ctx.now(), ctx.timeZone),
            payee: req.body.payee,
          },
          { actor: req.actor, now: ctx.now() },
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/unapplied-cash/:id/notes',
    access: 'payments.remittance',
    summary: 'Add a research note to an unapplied-cash item (append-only; audited)',
    tags,
    params: z.object({ id: idParam }),
    body: z.object({ body: z.string().trim().min(1).max(2_000) }).strict(),
    response: unappliedSchema,
    handler: async (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        addUnappliedNote(
          tx,
          { id: req.params.id, body: req.body.body },
          { actor: req.actor, now: ctx.now() },
        ),
      ),
  }),
];
