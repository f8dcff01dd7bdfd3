import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { listServiceOrders, serviceOrderKinds, serviceOrderStatuses } from './service-orders.ts';

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const listQuery = z.object({
  accountId: idParam.optional(),
  premiseId: idParam.optional(),
  status: z.enum(serviceOrderStatuses).optional(),
});

const orderList = z.object({
  orders: z
    .array(
      z.object({
        id: z.number().int(),
        kind: z.enum(serviceOrderKinds),
        status: z.enum(serviceOrderStatuses),
        premiseId: z.number().int(),
        accountId: z.number().int().nullable(),
        meterNumber: z.string().nullable(),
        reason: z.string(),
        note: z.string().nullable(),
        createdBy: z.string(),
        createdAt: z.string(),
        dueOn: z.string().nullable(),
      }),
    )
    .readonly(),
});

export const fieldRoutes = [
  route({
    method: 'GET',
    url: '/api/service-orders',
    access: 'customers.read',
    summary: 'Service orders (re-reads, leak checks, hydrant issue/return), newest first',
    tags: ['field'],
    query: listQuery,
    response: orderList,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const orders = await listServiceOrders(tx, req.query);
        return ok({
          orders: orders.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
        });
      }),
  }),
];
