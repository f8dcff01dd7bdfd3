import { z } from 'zod';
import { localDateOf } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import type { AppContext, RouteRequest } from '../../shells/http/route-spec.ts';
import { route } from '../../shells/http/route-spec.ts';
import {
  idParam,
  listQuery,
  paymentListSchema,
  paymentSchema,
  postPaymentBody,
  receiptSchema,
  reverseBody,
} from './payments.schema.ts';
import { takePayment } from './payment-batcher.ts';
import { getPayment, listPayments } from './read-payments.ts';
import { getReceipt } from './receipt.ts';
import { reversePayment } from './reverse-payment.ts';
import type { PaymentContext, PaymentView, TenderInput } from './types.ts';

const tags = ['payments'];

/** The JSON of a payment (mutable arrays for the response schema). */
function paymentJson(p: PaymentView) {
  return { ...p, application: [...p.application] };
}

function asJson<C extends string>(r: Result<PaymentView, C>) {
  return r.ok ? ok(paymentJson(r.value)) : r;
}

function paymentContext(
  req: RouteRequest<unknown, unknown, unknown>,
  ctx: AppContext,
): PaymentContext {
  return { actor: req.actor, now: ctx.now() };
}

function today(ctx: AppContext) {
  return localDateOf(ctx.now(), ctx.timeZone);
}

function tenderOf(t: z.infer<typeof postPaymentBody>['tender']): TenderInput {
  if (t.kind === 'cash') {
    return t.tenderedCents === undefined
      ? { kind: 'cash' }
      : { kind: 'cash', tenderedCents: cents(t.tenderedCents) };
  }
  return t;
}

const missingKey: Result<never> = err('invalid', 'an idempotency key is required', {
  idempotencyKey: 'required: the body field or the Idempotency-Key header',
});

/** Payments (PAY-1): take one, list an account's, read one and its receipt, reverse one. */
export const paymentRoutes = [
  route({
    method: 'POST',
    url: '/api/payments',
    access: 'payments.take',
    summary: 'Take a payment (cash, check, card token, ACH); idempotent by key',
    tags,
    body: postPaymentBody,
    response: paymentSchema,
    successStatus: 201,
    handler: async (req, ctx) => {
      const key = req.body.idempotencyKey ?? req.idempotencyKey;
      if (key === undefined) return missingKey;
      const input = {
        accountId: req.body.accountId,
        amountCents: cents(req.body.amountCents),
        tender: tenderOf(req.body.tender),
        channel: req.body.channel,
        ...(req.body.drawerId === undefined ? {} : { drawerId: req.body.drawerId }),
        effectiveDate: today(ctx),
        idempotencyKey: key,
      };
      // The hot path (issue 5): concurrent requests post together (payment-batcher.ts).
      return asJson(await takePayment(ctx.db, input, paymentContext(req, ctx)));
    },
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/payments',
    access: 'customers.read',
    summary: "An account's payments, newest first",
    tags,
    params: z.object({ accountId: idParam }),
    query: listQuery,
    response: paymentListSchema,
    handler: async (req, ctx) => {
      const payments = await listPayments(
        ctx.db.pool,
        req.params.accountId,
        req.query.limit ?? 100,
      );
      return ok({ payments: payments.map(paymentJson) });
    },
  }),
  route({
    method: 'GET',
    url: '/api/payments/:paymentId',
    access: 'customers.read',
    summary: 'One payment: tender, application by fund, ledger entries, status',
    tags,
    params: z.object({ paymentId: idParam }),
    response: paymentSchema,
    handler: async (req, ctx) => asJson(await getPayment(ctx.db.pool, req.params.paymentId)),
  }),
  route({
    method: 'GET',
    url: '/api/payments/:paymentId/receipt',
    access: 'customers.read',
    summary: 'The data of a payment receipt (what a printed receipt shows)',
    tags,
    params: z.object({ paymentId: idParam }),
    response: receiptSchema,
    handler: async (req, ctx) => {
      const r = await getReceipt(ctx.db.pool, req.params.paymentId);
      return r.ok ? ok({ ...r.value, applied: [...r.value.applied] }) : r;
    },
  }),
  route({
    method: 'POST',
    url: '/api/payments/:paymentId/reverse',
    access: 'payments.reverse',
    summary: 'Reverse a payment taken in error (mirror entry; the debt is owed again)',
    tags,
    params: z.object({ paymentId: idParam }),
    body: reverseBody,
    response: paymentSchema,
    handler: async (req, ctx) =>
      asJson(
        await inTransaction(ctx.db, (tx) =>
          reversePayment(
            tx,
            { paymentId: req.params.paymentId, reason: req.body.reason, effectiveDate: today(ctx) },
            paymentContext(req, ctx),
          ),
        ),
      ),
  }),
];
