import { z } from 'zod';
import { localDateOf } from '../../core/dates.ts';
import { err, ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route, type AppContext, type RouteRequest } from '../../shells/http/route-spec.ts';
import { enrolAutopay, getAutopay, stopAutopay } from './autopay-enrol.ts';
import { idParam } from './payments.schema.ts';
import type { PaymentContext } from './types.ts';

const tags = ['payments'];

export function p4Context(
  req: RouteRequest<unknown, unknown, unknown>,
  ctx: AppContext,
): PaymentContext {
  return { actor: req.actor, now: ctx.now() };
}

export function p4Today(ctx: AppContext) {
  return localDateOf(ctx.now(), ctx.timeZone);
}

export const autopaySchema = z.object({
  enrolmentId: z.number().int(),
  accountId: z.number().int(),
  routingNumber: z.string(),
  accountMasked: z.string(),
  accountType: z.enum(['checking', 'savings']),
  holderName: z.string(),
  status: z.enum(['prenote', 'active', 'stopped']),
  enrolledOn: z.string(),
  liveOn: z.string(),
  stoppedOn: z.string().nullable(),
  stopReason: z.string().nullable(),
});

const enrolBody = z
  .object({
    routingNumber: z.string().regex(/^\d{9}$/, 'nine digits'),
    accountNumber: z.string().regex(/^\d{4,17}$/, '4 to 17 digits'),
    accountType: z.enum(['checking', 'savings']),
    holderName: z.string().trim().min(1, 'required').max(22, 'at most 22 characters'),
  })
  .strict();

const stopBody = z
  .object({ reason: z.string().trim().min(1, 'required').max(500, 'at most 500 characters') })
  .strict();

const params = z.object({ accountId: idParam });

/** Autopay enrolment (PAY-6): read, enrol (prenote first), stop. */
export const autopayRoutes = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/autopay',
    access: 'customers.read',
    summary: "The account's autopay enrolment (bank account masked)",
    tags,
    params,
    response: autopaySchema,
    handler: async (req, ctx) => {
      const v = await getAutopay(ctx.db.pool, req.params.accountId);
      return v ? ok(v) : err('autopay_not_enrolled', `account ${req.params.accountId}`);
    },
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/autopay/status',
    access: 'customers.read',
    summary: "The account's autopay enrolment or null: the account page's read (no 404 when none)",
    tags,
    params,
    response: z.object({ enrolment: autopaySchema.nullable() }),
    handler: async (req, ctx) =>
      ok({ enrolment: await getAutopay(ctx.db.pool, req.params.accountId) }),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/autopay',
    access: 'customers.write',
    summary: 'Enrol in autopay: ABA-checked routing number, prenote first, debits on due dates',
    tags,
    params,
    body: enrolBody,
    response: autopaySchema,
    successStatus: 201,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        enrolAutopay(
          tx,
          { accountId: req.params.accountId, ...req.body, enrolledOn: p4Today(ctx) },
          p4Context(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/autopay/stop',
    access: 'customers.write',
    summary: 'Stop autopay (the customer asked)',
    tags,
    params,
    body: stopBody,
    response: autopaySchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        stopAutopay(
          tx,
          { accountId: req.params.accountId, reason: req.body.reason, stoppedOn: p4Today(ctx) },
          p4Context(req, ctx),
        ),
      ),
  }),
];
