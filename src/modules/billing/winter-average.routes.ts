import { z } from 'zod';
import { localDateOf } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { inTransaction, withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { getAccountOverview } from '../customers/index.ts';
import { accountParams } from './high-bill.schema.ts';
import {
  recalcWinterAverages,
  winterAverageHistory,
  winterAveragesOf,
} from './winter-average-store.ts';
import { defaultWinterAverageKgal } from './types.ts';

const tags = ['billing'];

const row = z.object({
  accountId: z.number().int(),
  effectiveFrom: z.string(),
  kgal: z.number().int(),
  basis: z.enum(['winter_bills', 'default']),
  winterBills: z.number().int(),
  winterDays: z.number().int(),
  winterGallons: z.number().int(),
  reason: z.enum(['yearly', 'on_request']),
});
const winterAverageSchema = z.object({
  accountId: z.number().int(),
  /** The average the next bill uses (the default when none was computed). */
  inEffectKgal: z.number().int(),
  history: z.array(row).readonly(),
});

export const winterAverageRoutes: readonly RouteSpec[] = [
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/winter-average',
    access: 'customers.read',
    tags,
    summary: "The account's wastewater winter average in effect today and its history (BIL-5)",
    params: accountParams,
    response: winterAverageSchema,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) => {
        const found = await getAccountOverview(q, req.params.accountId);
        if (!found.ok) return found;
        const today = localDateOf(ctx.now(), ctx.timeZone);
        const inEffect = await winterAveragesOf(q, [req.params.accountId], today);
        return ok({
          accountId: req.params.accountId,
          inEffectKgal: inEffect.get(req.params.accountId) ?? defaultWinterAverageKgal,
          history: await winterAverageHistory(q, req.params.accountId),
        });
      }),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/winter-average',
    access: 'billing.adjust',
    tags,
    summary: 'Recalculate the winter average on request (after a repaired leak), effective today',
    params: accountParams,
    body: z.object({}).strict(),
    response: winterAverageSchema,
    handler: (req, ctx) => {
      const today = localDateOf(ctx.now(), ctx.timeZone);
      return inTransaction(ctx.db, async (tx) => {
        const found = await getAccountOverview(tx, req.params.accountId);
        if (!found.ok) return found;
        await recalcWinterAverages(
          tx,
          { asOf: today, accountIds: [req.params.accountId] },
          { actor: req.actor, now: ctx.now() },
        );
        const inEffect = await winterAveragesOf(tx, [req.params.accountId], today);
        return ok({
          accountId: req.params.accountId,
          inEffectKgal: inEffect.get(req.params.accountId) ?? defaultWinterAverageKgal,
          history: await winterAverageHistory(tx, req.params.accountId),
        });
      });
    },
  }),
];
