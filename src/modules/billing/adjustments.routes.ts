import { z } from 'zod';
import { localDate, localDateOf } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import type { AppContext, RouteRequest } from '../../shells/http/route-spec.ts';
import { route } from '../../shells/http/route-spec.ts';
import { requestAdjustment } from './adjust.ts';
import {
  approveAdjustment,
  denyAdjustment,
  listPendingAdjustments,
} from './adjustment-decisions.ts';
import { adjustmentJson, billHistoryJson } from './adjustment-json.ts';
import { adjustmentReasons, approvalLimitOf } from './adjustment-limits.ts';
import { accountAdjustments, type AdjustContext, type AdjustmentView } from './adjustment-store.ts';
import {
  accountAdjustmentBody,
  accountAdjustmentsSchema,
  adjustmentSchema,
  approveBody,
  billAdjustmentBody,
  billHistorySchema,
  cancelBody,
  cancelledSchema,
  denyBody,
  idParam,
  lateFeeRunSchema,
  lateFeesBody,
  pendingQuery,
  pendingSchema,
  reasonsSchema,
} from './adjustments.schema.ts';
import { billHistory, cancelBill } from './cancel-rebill.ts';
import { runLateFees } from './late-fee-job.ts';

const tags = ['billing'];
const billParams = z.object({ billId: idParam });
const accountParams = z.object({ accountId: idParam });
const adjustmentParams = z.object({ adjustmentId: idParam });

type Req = RouteRequest<unknown, unknown, unknown>;

/** The actor with the principal's staff roles (their approval limit comes from them). */
function adjustContext(req: Req, ctx: AppContext): AdjustContext {
  return { actor: req.actor, now: ctx.now(), roles: req.principal?.roles ?? [] };
}

function today(ctx: AppContext) {
  return localDateOf(ctx.now(), ctx.timeZone);
}

function asJson<C extends string>(r: Result<AdjustmentView, C>) {
  return r.ok ? ok(adjustmentJson(r.value)) : r;
}

/**
 * Adjustments, the approval queue, cancel/rebill, the bill history and the late-fee job
 * (BIL-6, BIL-7). Every change is audited; limits by role are data (migration 0085).
 */
export const adjustmentRoutes = [
  route({
    method: 'POST',
    url: '/api/bills/:billId/adjustments',
    access: 'billing.adjust',
    summary: 'Adjust a bill or one of its lines; above your approval limit it waits (pending)',
    tags,
    params: billParams,
    body: billAdjustmentBody,
    response: adjustmentSchema,
    successStatus: 201,
    handler: async (req, ctx) =>
      asJson(
        await inTransaction(ctx.db, (tx) =>
          requestAdjustment(
            tx,
            {
              billId: req.params.billId,
              ...(req.body.lineNo === undefined ? {} : { lineNo: req.body.lineNo }),
              ...(req.body.service === undefined ? {} : { service: req.body.service }),
              direction: req.body.direction,
              amountCents: cents(req.body.amountCents),
              reasonCode: req.body.reasonCode,
              memo: req.body.memo,
              effectiveDate: today(ctx),
              ...(req.idempotencyKey === undefined ? {} : { idempotencyKey: req.idempotencyKey }),
            },
            adjustContext(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/adjustments',
    access: 'billing.adjust',
    summary: 'Adjust an account (credit or debit, reason, memo); above your limit it waits',
    tags,
    params: accountParams,
    body: accountAdjustmentBody,
    response: adjustmentSchema,
    successStatus: 201,
    handler: async (req, ctx) =>
      asJson(
        await inTransaction(ctx.db, (tx) =>
          requestAdjustment(
            tx,
            {
              accountId: req.params.accountId,
              ...(req.body.service === undefined ? {} : { service: req.body.service }),
              direction: req.body.direction,
              amountCents: cents(req.body.amountCents),
              reasonCode: req.body.reasonCode,
              memo: req.body.memo,
              effectiveDate: today(ctx),
              ...(req.idempotencyKey === undefined ? {} : { idempotencyKey: req.idempotencyKey }),
            },
            adjustContext(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/adjustments',
    access: 'customers.read',
    summary: 'The account’s adjustments newest first: pending, posted and denied',
    tags,
    params: accountParams,
    query: pendingQuery,
    response: accountAdjustmentsSchema,
    handler: async (req, ctx) => {
      const rows = await accountAdjustments(
        ctx.db.pool,
        req.params.accountId,
        req.query.limit ?? 100,
      );
      return ok({ adjustments: rows.map(adjustmentJson) });
    },
  }),
  route({
    method: 'GET',
    url: '/api/adjustments/pending',
    access: 'billing.adjust',
    summary: 'Adjustments waiting for an approver, oldest first (canDecide: yours to decide)',
    tags,
    query: pendingQuery,
    response: pendingSchema,
    handler: async (req, ctx) => {
      const c = adjustContext(req, ctx);
      const rows = await listPendingAdjustments(
        ctx.db.pool,
        { actor: c.actor, roles: c.roles, today: today(ctx) },
        req.query.limit ?? 100,
      );
      return ok({
        adjustments: rows.map((a) => ({ ...adjustmentJson(a), canDecide: a.canDecide })),
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/adjustments/reasons',
    access: 'billing.adjust',
    summary: 'The adjustment reason codes and your approval limit (null = unlimited)',
    tags,
    response: reasonsSchema,
    handler: async (req, ctx) => {
      const reasons = await adjustmentReasons(ctx.db.pool);
      const limit = await approvalLimitOf(ctx.db.pool, req.principal?.roles ?? [], today(ctx));
      return ok({ reasons: [...reasons], limitCents: limit.limitCents });
    },
  }),
  route({
    method: 'POST',
    url: '/api/adjustments/:adjustmentId/approve',
    access: 'billing.adjust',
    summary: 'Approve a pending adjustment (not your own; within your limit): it posts',
    tags,
    params: adjustmentParams,
    body: approveBody,
    response: adjustmentSchema,
    handler: async (req, ctx) =>
      asJson(
        await inTransaction(ctx.db, (tx) =>
          approveAdjustment(
            tx,
            {
              adjustmentId: req.params.adjustmentId,
              effectiveDate: today(ctx),
              ...(req.body.reason === undefined ? {} : { reason: req.body.reason }),
            },
            adjustContext(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/adjustments/:adjustmentId/deny',
    access: 'billing.adjust',
    summary: 'Deny a pending adjustment with a reason; nothing is posted',
    tags,
    params: adjustmentParams,
    body: denyBody,
    response: adjustmentSchema,
    handler: async (req, ctx) =>
      asJson(
        await inTransaction(ctx.db, (tx) =>
          denyAdjustment(
            tx,
            {
              adjustmentId: req.params.adjustmentId,
              effectiveDate: today(ctx),
              reason: req.body.reason,
            },
            adjustContext(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/bills/:billId/cancel',
    access: 'billing.adjust',
    summary: 'Cancel the latest bill (entry reversed) and, with rebill, bill the period again',
    tags,
    params: billParams,
    body: cancelBody,
    response: cancelledSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        cancelBill(
          tx,
          {
            billId: req.params.billId,
            reason: req.body.reason,
            rebill: req.body.rebill,
            today: today(ctx),
          },
          adjustContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/bill-history',
    access: 'customers.read',
    summary: 'The account’s bills newest first, cancelled bills with why and their rebill',
    tags,
    params: accountParams,
    response: billHistorySchema,
    handler: async (req, ctx) =>
      ok({
        bills: (await billHistory(ctx.db.pool, req.params.accountId, 100)).map(billHistoryJson),
      }),
  }),
  route({
    method: 'POST',
    url: '/api/jobs/late-fees',
    access: 'billing.run',
    summary: 'Run the late-fee job as of a date (dryRun: report only); a bill is charged once',
    tags,
    body: lateFeesBody,
    response: lateFeeRunSchema,
    handler: async (req, ctx) => {
      const r = await runLateFees(
        ctx.db,
        { asOf: localDate(req.body.asOf), dryRun: req.body.dryRun ?? false },
        { actor: req.actor, now: ctx.now() },
      );
      return r.ok ? ok({ ...r.value, results: [...r.value.results] }) : r;
    },
  }),
];
