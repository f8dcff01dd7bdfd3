import { inTransaction, withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { requestHighBillAction } from './high-bill-actions.ts';
import { investigateHighBill } from './high-bill.ts';
import {
  accountParams,
  highBillActionBody,
  highBillActionSchema,
  highBillQuery,
  highBillSchema,
} from './high-bill.schema.ts';

const tags = ['billing'];

export const highBillRoutes: readonly RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/high-bill',
    access: 'customers.read',
    tags,
    summary:
      'High-bill investigation of a bill (default: the latest): usage against the previous ' +
      'period, last year and the 12-month average, estimated reads, rate changes, leak likelihood',
    params: accountParams,
    query: highBillQuery,
    response: highBillSchema,
    handler: (req, ctx) =>
      withClient(ctx.db, (q) => investigateHighBill(q, req.params.accountId, req.query.billId)),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/high-bill/actions',
    access: 'reads.enter',
    tags,
    summary: "Ask the field crew for a re-read or a leak check of an agreement's meter",
    params: accountParams,
    body: highBillActionBody,
    response: highBillActionSchema,
    successStatus: 201,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        requestHighBillAction(
          tx,
          { ...req.body, accountId: req.params.accountId },
          { actor: req.actor, now: ctx.now() },
        ),
      ),
  }),
];
