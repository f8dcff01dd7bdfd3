import { ok, type Result } from '../../core/result.ts';
import { inTransaction, withClient, type Tx } from '../../db/index.ts';
import { route, type AppContext, type RouteSpec } from '../../shells/http/route-spec.ts';
import { compact } from './compact.ts';
import * as res from './customers.responses.ts';
import { startBody, stopBody, transferBody } from './customers.schema.ts';
import { previewStart } from './preview-start.ts';
import { serviceContext, today } from './route-context.ts';
import {
  withLinkedMeters,
  type LinkedMeter,
  type ServiceChange,
  type ServiceChangeFollowUp,
} from './service-change.ts';
import { startService } from './start-service.ts';
import { stopService } from './stop-service.ts';
import { transferService } from './transfer-service.ts';
import type { ServiceContext } from './types.ts';

const tags = ['service'];

/**
 * Start, stop and transfer of service. `followUp` (composed by the shell: field orders,
 * seasonal holds, the billed-through check) runs in the same transaction; its orders are in
 * the answer as `fieldOrders`, and its refusal rolls the change back.
 */
export const serviceRoutes = (followUp: ServiceChangeFollowUp): readonly RouteSpec[] => [
  previewRoute,
  ...changeRoutes(followUp),
];

const previewRoute = route({
  method: 'POST',
  url: '/api/service/start/preview',
  access: 'service.start_stop',
  tags,
  summary: 'What a start of service would do — fees, fraud signals, deposits — without writing',
  body: startBody,
  response: res.startPreview,
  handler: (req, ctx) =>
    withClient(ctx.db, (q) =>
      previewStart(q, {
        ...compact(req.body),
        canOverrideFraud: req.principal?.permissions.has('fraud.override') ?? false,
      }),
    ),
});

const changeRoutes = (followUp: ServiceChangeFollowUp): readonly RouteSpec[] => [
  route({
    method: 'POST',
    url: '/api/service/start',
    access: 'service.start_stop',
    tags,
    successStatus: 201,
    summary: 'Start service: account if needed, agreements, fees to the ledger, fraud checks',
    body: startBody,
    response: res.startResult,
    handler: (req, ctx) =>
      withFollowUp(
        ctx,
        followUp,
        serviceContext(req, ctx),
        (tx, sctx) =>
          startService(tx, { ...compact(req.body), canOverrideFraud: canOverrideFraud(req) }, sctx),
        (v) => ({ accountId: v.accountId, started: v.agreements, stopped: [] }),
        (v, linked) => ({ ...v, agreements: withLinkedMeters(v.agreements, linked) }),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/service/stop',
    access: 'service.start_stop',
    tags,
    summary: 'Stop service: agreements pending final bill; landlord agreements take over',
    body: stopBody,
    response: res.stopResult,
    handler: (req, ctx) =>
      withFollowUp(
        ctx,
        followUp,
        serviceContext(req, ctx),
        (tx, sctx) => stopService(tx, compact(req.body), sctx),
        (v) => ({ accountId: req.body.accountId, started: [], stopped: v.stopped }),
        (v) => v,
      ),
  }),
  route({
    method: 'POST',
    url: '/api/service/transfer',
    access: 'service.start_stop',
    tags,
    summary: 'Transfer service (move out / move in) on the same account in one transaction',
    body: transferBody,
    response: res.transferResult,
    handler: (req, ctx) =>
      withFollowUp(
        ctx,
        followUp,
        serviceContext(req, ctx),
        (tx, sctx) =>
          transferService(
            tx,
            { ...compact(req.body), canOverrideFraud: canOverrideFraud(req) },
            sctx,
          ),
        (v) => ({
          accountId: req.body.fromAccountId,
          started: v.started.agreements,
          stopped: v.stopped.stopped,
        }),
        (v, linked) => ({
          ...v,
          started: { ...v.started, agreements: withLinkedMeters(v.started.agreements, linked) },
        }),
      ),
  }),
];

/**
 * One transaction: the change, then the follow-up on what it changed; the answer is the
 * change's result — with the meters the follow-up linked (`relink`) — and the follow-up's
 * `fieldOrders`. Either refusing rolls back both.
 */
function withFollowUp<T extends object, C extends string>(
  app: AppContext,
  followUp: ServiceChangeFollowUp,
  sctx: ServiceContext,
  change: (tx: Tx, sctx: ServiceContext) => Promise<Result<T, C>>,
  changed: (value: T) => Omit<ServiceChange, 'today'>,
  relink: (value: T, linked: readonly LinkedMeter[]) => T,
) {
  return inTransaction(app.db, async (tx) => {
    const done = await change(tx, sctx);
    if (!done.ok) return done;
    const after = await followUp(tx, { ...changed(done.value), today: today(app) }, sctx);
    if (!after.ok) return after;
    return ok({
      ...relink(done.value, after.value.linkedMeters),
      fieldOrders: after.value.fieldOrders,
    });
  });
}

function canOverrideFraud(req: {
  readonly principal?: { readonly permissions: ReadonlySet<string> } | undefined;
}): boolean {
  return req.principal?.permissions.has('fraud.override') ?? false;
}
