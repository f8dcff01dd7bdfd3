import { z } from 'zod';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { err, ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import {
  closeServiceOrder,
  listServiceOrders,
  lockOpenOrder,
  serviceOrderKinds,
  serviceOrderStatuses,
} from './service-orders.ts';
import { openOrderQueue } from './order-queue.ts';

const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const listQuery = z.object({
  accountId: idParam.optional(),
  premiseId: idParam.optional(),
  status: z.enum(serviceOrderStatuses).optional(),
});

/** What every order answer shows of an order. */
const orderBase = z.object({
  id: z.number().int(),
  kind: z.enum(serviceOrderKinds),
  premiseId: z.number().int(),
  accountId: z.number().int().nullable(),
  meterNumber: z.string().nullable(),
  reason: z.string(),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  dueOn: z.string().nullable(),
});

const orderList = z.object({
  orders: z
    .array(
      orderBase.extend({
        status: z.enum(serviceOrderStatuses),
        closedAt: z.string().nullable(),
        closedBy: z.string().nullable(),
        result: z.string().nullable(),
      }),
    )
    .readonly(),
});

const queueQuery = z.object({
  kind: z.enum(serviceOrderKinds).optional(),
  cycle: z.coerce.number().int().min(1).max(16).optional(),
  dueBy: z
    .string()
    .refine((d) => parseLocalDate(d) !== undefined, 'a calendar date YYYY-MM-DD')
    .transform((d) => d as LocalDate)
    .optional(),
  after: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const queueSchema = z.object({
  orders: z
    .array(
      orderBase.extend({
        address: z.string(),
        cycle: z.number().int(),
        accountNo: z.string().nullable(),
      }),
    )
    .readonly(),
  /** Open orders matching the filters, all pages. */
  total: z.number().int(),
  /** The `after` of the next page, null on the last. */
  next: z.number().int().nullable(),
});

const orderParams = z.object({ orderId: idParam });
const closeBody = z.object({
  /** What the crew found, or why the order is cancelled. */
  result: z.string().trim().min(1).max(2000),
});
const closedSchema = z.object({
  orderId: z.number().int(),
  status: z.enum(['completed', 'cancelled']),
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
          orders: orders.map((o) => ({
            ...o,
            createdAt: o.createdAt.toISOString(),
            closedAt: o.closedAt?.toISOString() ?? null,
          })),
        });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/service-orders/open',
    access: 'customers.read',
    summary:
      "The dispatcher's work list: open service orders oldest first, with address, cycle and account (filters: kind, cycle, dueBy; `next` → after)",
    tags: ['field'],
    query: queueQuery,
    response: queueSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const page = await openOrderQueue(tx, { ...req.query, afterId: req.query.after });
        return ok({
          ...page,
          orders: page.orders.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
        });
      }),
  }),
  closeRoute(
    'complete',
    'Complete an open service order with what the crew found (a re-read order records its read through POST /api/service-orders/:orderId/reads)',
  ),
  closeRoute('cancel', 'Cancel an open service order, saying why'),
];

/**
 * POST /api/service-orders/:orderId/complete | cancel: the open order is locked and closed
 * with its result. A re-read is completed only with its reading (metering's route).
 */
function closeRoute(action: 'complete' | 'cancel', summary: string) {
  return route({
    method: 'POST',
    url: `/api/service-orders/:orderId/${action}`,
    access: 'orders.complete',
    summary,
    tags: ['field'],
    params: orderParams,
    body: closeBody,
    response: closedSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const order = await lockOpenOrder(tx, req.params.orderId);
        if (!order.ok) return order;
        if (action === 'complete' && order.value.kind === 're_read')
          return err('re_read_needs_reading', `order ${order.value.id} is a re-read`);
        const status = action === 'complete' ? 'completed' : 'cancelled';
        const { orderId } = req.params;
        const closed = await closeServiceOrder(
          tx,
          { orderId, status, result: req.body.result },
          { actor: req.actor, now: ctx.now() },
        );
        if (!closed.ok) return closed;
        return ok({ orderId, status });
      }),
  });
}
