import { z } from 'zod';
import { localDateOf } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { inTransaction, withClient } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { cyclesPerMonth } from './cycles-schedule.ts';
import { cyclesToBill, listCycleSchedule } from './cycles-store.ts';

const tags = ['billing'];

export const billCyclesQuery = z
  .object({ year: z.coerce.number().int().min(2000).max(2200) })
  .strict();

const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** One scheduled cycle read: the bill run's as-of (read date) and the bills' date. */
const cycleRead = z.object({
  cycle: z.number().int().min(1).max(cyclesPerMonth),
  periodMonth: z.string().regex(/^\d{4}-\d{2}$/),
  readDate: dateText,
  billDate: dateText,
});

export const billCyclesSchema = z.object({
  year: z.number().int(),
  cyclesPerMonth: z.number().int(),
  cycles: z.array(cycleRead),
});

export const cyclesToBillSchema = z.object({
  today: dateText,
  cycles: z.array(
    cycleRead.extend({
      state: z.enum(['ready', 'running', 'failed']),
      lastRunId: z.number().int().nullable(),
    }),
  ),
});

export const billCycleRoutes = [
  route({
    method: 'GET',
    url: '/api/bill-cycles/to-bill',
    access: 'billing.run',
    summary:
      'The cycle reads of the last 45 days that no completed bill run covers yet, oldest first ' +
      '(ready, running, or failed on its last run): what is left to bill',
    tags,
    response: cyclesToBillSchema,
    handler: (_req, ctx) =>
      withClient(ctx.db, async (q) => {
        const today = localDateOf(ctx.now(), ctx.timeZone);
        return ok({ today, cycles: await cyclesToBill(q, today) });
      }),
  }),
  route({
    method: 'GET',
    url: '/api/bill-cycles',
    access: 'customers.read',
    summary:
      "A year's meter-reading schedule: each cycle's read date (the bill run's as-of) and bill " +
      'date per month; empty until `cis cycles schedule --year Y` has filled the year',
    tags,
    query: billCyclesQuery,
    response: billCyclesSchema,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) =>
        ok({
          year: req.query.year,
          cyclesPerMonth,
          cycles: await listCycleSchedule(tx, req.query.year),
        }),
      ),
  }),
];
