import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { p4Context, p4Today } from './autopay-routes.ts';
import { idParam, paymentSchema } from './payments.schema.ts';
import { recordReturnedPayment } from './returned-payment.ts';
import { transferPayment } from './transfer-payment.ts';

const tags = ['payments'];
const params = z.object({ paymentId: idParam });
const reason = z.string().trim().min(1, 'required').max(500, 'at most 500 characters');

const returnedSchema = z.object({
  paymentId: z.number().int(),
  accountId: z.number().int(),
  returnCode: z.string(),
  reversalEntryId: z.number().int(),
  feeCents: z.number().int(),
  feeEntryId: z.number().int().nullable(),
  returnsIn12Months: z.number().int(),
  cashOnlyFrom: z.string().nullable(),
  autopayStopped: z.boolean(),
});

const transferSchema = z.object({
  transferId: z.number().int(),
  fromPaymentId: z.number().int(),
  fromAccountId: z.number().int(),
  toPayment: paymentSchema,
});

/** Returned checks (PAY-6) and misapplied-payment transfers (PAY-7). */
export const returnedRoutes = [
  route({
    method: 'POST',
    url: '/api/payments/:paymentId/returned-check',
    access: 'payments.reverse',
    summary: 'A check the bank returned: reverse, $25 fee, counts toward cash-only',
    tags,
    params,
    body: z.object({ returnCode: z.string().trim().min(1, 'required').max(20), reason }).strict(),
    response: returnedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        recordReturnedPayment(
          tx,
          {
            paymentId: req.params.paymentId,
            source: 'check',
            returnCode: req.body.returnCode,
            reason: req.body.reason,
            returnedOn: p4Today(ctx),
          },
          p4Context(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/payments/:paymentId/transfer',
    access: 'payments.reverse',
    summary: 'Move a misapplied payment to the right account (reversal + new payment, audited)',
    tags,
    params,
    body: z.object({ toAccountId: idParam, reason }).strict(),
    response: transferSchema,
    handler: async (req, ctx) => {
      const r = await inTransaction(ctx.db, (tx) =>
        transferPayment(
          tx,
          {
            paymentId: req.params.paymentId,
            toAccountId: req.body.toAccountId,
            reason: req.body.reason,
            effectiveDate: p4Today(ctx),
          },
          p4Context(req, ctx),
        ),
      );
      if (!r.ok) return r;
      const p = r.value.toPayment;
      return ok({ ...r.value, toPayment: { ...p, application: [...p.application] } });
    },
  }),
];
