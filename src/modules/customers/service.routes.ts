import { inTransaction, withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { compact } from './compact.ts';
import * as res from './customers.responses.ts';
import { startBody, stopBody, transferBody } from './customers.schema.ts';
import { previewStart } from './preview-start.ts';
import { serviceContext } from './route-context.ts';
import { startService } from './start-service.ts';
import { stopService } from './stop-service.ts';
import { transferService } from './transfer-service.ts';

const tags = ['service'];

export const serviceRoutes: readonly RouteSpec[] = [
  route({
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
  }),
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
      inTransaction(ctx.db, (tx) =>
        startService(
          tx,
          {
            ...compact(req.body),
            canOverrideFraud: req.principal?.permissions.has('fraud.override') ?? false,
          },
          serviceContext(req, ctx),
        ),
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
      inTransaction(ctx.db, (tx) => stopService(tx, compact(req.body), serviceContext(req, ctx))),
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
      inTransaction(ctx.db, (tx) =>
        transferService(
          tx,
          {
            ...compact(req.body),
            canOverrideFraud: req.principal?.permissions.has('fraud.override') ?? false,
          },
          serviceContext(req, ctx),
        ),
      ),
  }),
];
