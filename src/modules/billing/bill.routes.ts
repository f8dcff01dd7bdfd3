import { z } from 'zod';
import { err, ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { route } from '../../shells/http/route-spec.ts';
import { getBillDetail } from './bill-detail.ts';
import { billFileName, billPdf } from './document/bill-pdf.ts';
import { billDetailSchema } from './document/bill-detail.schema.ts';
import { printFile } from './document/print-file.ts';

const tags = ['billing'];
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const billIdParams = z.object({ billId: id });
const runIdParams = z.object({ runId: id });

/**
 * A file download: the server sends a WHATWG `Response` as is (status, headers, body), so a
 * route can answer a PDF or CSV without a JSON serializer in the way.
 */
const fileResponse = z.any().describe('A file (see the route summary for its media type).');

function download(body: Buffer | string, type: string, fileName: string): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': type,
      'content-disposition': `inline; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
}

/** Bill documents (BIL-7): the bill as data and as a PDF; a run's print file. Staff only. */
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
  route({
    method: 'GET',
    url: '/api/bills/:billId/pdf',
    access: 'customers.read',
    summary: 'The bill as a PDF (application/pdf) in the account’s language',
    tags,
    params: billIdParams,
    response: fileResponse,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const r = await billPdf(tx, req.params.billId);
        if (!r.ok) return r;
        return ok(download(r.value.pdf, 'application/pdf', billFileName(r.value.bill)));
      }),
  }),
  route({
    method: 'GET',
    url: '/api/bill-runs/:runId/print-file',
    access: 'billing.run',
    summary:
      'The print file of a run (application/pdf): its paper bills in mail (zip) order; ' +
      '`?part=index` answers the vendor index as CSV (text/csv)',
    tags,
    params: runIdParams,
    query: z.object({ part: z.enum(['pdf', 'index']).optional() }),
    response: fileResponse,
    handler: (req, ctx) =>
      inTransaction(ctx.db, async (tx) => {
        const r = await printFile(tx, req.params.runId);
        if (r === null) return err('not_found', `No bill run ${req.params.runId}.`);
        const base = `print-run-${req.params.runId}`;
        return ok(
          req.query.part === 'index'
            ? download(r.indexCsv, 'text/csv; charset=utf-8', `${base}.csv`)
            : download(r.pdf, 'application/pdf', `${base}.pdf`),
        );
      }),
  }),
];
