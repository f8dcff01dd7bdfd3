import { localDate, localDateOf, type LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import { inTransaction, withClient, type Tx } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { accountParams } from './high-bill.schema.ts';
import { cancelSeasonalHold, endSeasonalHoldEarly } from './seasonal-hold-changes.ts';
import { getSeasonalHolds, holdPhase } from './seasonal-hold-view.ts';
import { placeSeasonalHold } from './seasonal-hold.ts';
import {
  endHoldBody,
  holdParams,
  placeHoldBody,
  seasonalHoldSchema,
  seasonalHoldsSchema,
} from './seasonal-hold.schema.ts';
import type { SeasonalHoldView } from './seasonal-hold-store.ts';

const tags = ['billing'];

function withPhase<C extends string>(
  r: Result<SeasonalHoldView, C>,
  today: LocalDate,
): Result<SeasonalHoldView & { phase: ReturnType<typeof holdPhase> }, C> {
  return r.ok ? ok({ ...r.value, phase: holdPhase(r.value, today) }) : r;
}

export const seasonalHoldRoutes: readonly RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/seasonal-holds',
    access: 'customers.read',
    tags,
    summary: "The account's seasonal holds (furlough) and what a new one can turn off",
    params: accountParams,
    response: seasonalHoldsSchema,
    handler: (req, ctx) =>
      withClient(ctx.db, (q) =>
        getSeasonalHolds(q, req.params.accountId, localDateOf(ctx.now(), ctx.timeZone)),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/seasonal-holds',
    access: 'customers.write',
    tags,
    summary:
      'Place a seasonal hold: turn electric/gas (and water if asked) off from a date and ' +
      'back on after another; field orders, trip fee, no usage charges while off',
    params: accountParams,
    body: placeHoldBody,
    response: seasonalHoldSchema,
    successStatus: 201,
    handler: (req, ctx) => {
      const today = localDateOf(ctx.now(), ctx.timeZone);
      return inTransaction(ctx.db, async (tx: Tx) =>
        withPhase(
          await placeSeasonalHold(
            tx,
            {
              accountId: req.params.accountId,
              from: localDate(req.body.from),
              through: localDate(req.body.through),
              services: req.body.services,
              reason: req.body.reason,
              today,
            },
            { actor: req.actor, now: ctx.now() },
          ),
          today,
        ),
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/seasonal-holds/:holdId/cancel',
    access: 'customers.write',
    tags,
    summary: 'Cancel a seasonal hold that has not started (orders cancelled, fee reversed)',
    params: holdParams,
    response: seasonalHoldSchema,
    handler: (req, ctx) => {
      const today = localDateOf(ctx.now(), ctx.timeZone);
      return inTransaction(ctx.db, async (tx: Tx) =>
        withPhase(
          await cancelSeasonalHold(
            tx,
            { holdId: req.params.holdId, accountId: req.params.accountId, today },
            { actor: req.actor, now: ctx.now() },
          ),
          today,
        ),
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/seasonal-holds/:holdId/end',
    access: 'customers.write',
    tags,
    summary: 'End a started seasonal hold early: the services go back on `on`',
    params: holdParams,
    body: endHoldBody,
    response: seasonalHoldSchema,
    handler: (req, ctx) => {
      const today = localDateOf(ctx.now(), ctx.timeZone);
      return inTransaction(ctx.db, async (tx: Tx) =>
        withPhase(
          await endSeasonalHoldEarly(
            tx,
            {
              holdId: req.params.holdId,
              accountId: req.params.accountId,
              on: localDate(req.body.on),
              today,
            },
            { actor: req.actor, now: ctx.now() },
          ),
          today,
        ),
      );
    },
  }),
];
