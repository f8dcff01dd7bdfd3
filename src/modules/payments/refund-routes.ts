import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { p4Context, p4Today } from './autopay-routes.ts';
import { idParam } from './payments.schema.ts';
import { refundChecksCsv, requestRefund } from './refund-request.ts';

const tags = ['payments'];

const refundSchema = z.object({
  refundId: z.number().int(),
  accountId: z.number().int(),
  kind: z.enum(['credit_balance', 'deposit']),
  amountCents: z.number().int(),
  byFund: z.array(z.object({ fund: z.string(), amountCents: z.number().int() })),
  payeeName: z.string(),
  journalEntryId: z.number().int(),
  requestedOn: z.string(),
  exported: z.boolean(),
});

const fileResponse = z.any().describe('A file (see the route summary for its media type).');

/** Refund check requests (PAY-8): request one, export the unexported ones for AP. */
export const refundRoutes = [
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/refunds',
    access: 'payments.refund',
    summary: 'Refund a credit balance or a deposit by check (entry now, AP export later)',
    tags,
    params: z.object({ accountId: idParam }),
    body: z
      .object({
        kind: z.enum(['credit_balance', 'deposit']),
        amountCents: z.number().int().positive().max(100_000_000).optional(),
        reason: z.string().trim().min(1, 'required').max(500, 'at most 500 characters'),
        idempotencyKey: z.string().min(1).max(200),
      })
      .strict(),
    response: refundSchema,
    successStatus: 201,
    handler: async (req, ctx) => {
      const r = await inTransaction(ctx.db, (tx) =>
        requestRefund(
          tx,
          {
            accountId: req.params.accountId,
            kind: req.body.kind,
            ...(req.body.amountCents === undefined ? {} : { amountCents: req.body.amountCents }),
            reason: req.body.reason,
            requestedOn: p4Today(ctx),
            idempotencyKey: req.body.idempotencyKey,
          },
          p4Context(req, ctx),
        ),
      );
      return r.ok ? ok({ ...r.value, byFund: [...r.value.byFund] }) : r;
    },
  }),
  route({
    method: 'POST',
    url: '/api/refunds/export',
    access: 'payments.refund',
    summary: 'The refund-check requests not yet exported, as CSV for accounts payable (text/csv)',
    tags,
    body: z.object({}).strict(),
    response: fileResponse,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const r = await refundChecksCsv(tx, p4Context(req, ctx));
        return ok(
          new Response(r.csv, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': `attachment; filename="refund-checks-${p4Today(ctx)}.csv"`,
              'cache-control': 'no-store',
            },
          }),
        );
      }),
  }),
];
