import { z } from 'zod';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { getBillDetail } from './bill-detail.ts';
import { billDetailSchema } from './document/bill-detail.schema.ts';

const tags = ['billing'];
const billIdParams = z.object({
  billId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** Bill documents (BIL-7): the bill as data. Staff only for now (the portal comes later). */
export const billRoutes = [
  route({
    method: 'GET',
    url: '/api/bills/:billId',
    access: 'customers.read',
    summary:
      'Everything a bill shows: lines by service, reads, usage history, balances, amount due',
    tags,
    params: billIdParams,
    response: billDetailSchema,
    handler: (req, ctx) => inTransaction(ctx.db, (tx) => getBillDetail(tx, req.params.billId)),
  }),
];
