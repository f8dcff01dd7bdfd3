import { z } from 'zod';
import { localDateOf, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import type { AppContext, RouteRequest } from '../../shells/http/route-spec.ts';
import { route } from '../../shells/http/route-spec.ts';
import { listCityReceivables } from './city-receivable-catalog.ts';
import { createDeposit, getDeposit, listDeposits } from './deposit-by-fund.ts';
import { depositSlipPdf } from './deposit-slip-pdf.ts';
import {
  closeDrawerBody,
  cityReceivableListSchema,
  dateQuery,
  depositBody,
  depositIdParams,
  depositListSchema,
  depositSchema,
  drawerIdParams,
  drawerListQuery,
  drawerListSchema,
  drawerSchema,
  dropBody,
  openDrawerBody,
  paymentIdParams,
  reconciliationSchema,
  transactionBody,
  transactionIdParams,
  transactionSchema,
  voidBody,
  windowTransactionListSchema,
  windowTransactionSummarySchema,
} from './drawer-schema.ts';
import {
  closeDrawer,
  dropCash,
  getDrawer,
  listDrawers,
  openDrawer,
  verifyDrawer,
} from './drawer.ts';
import { takeWindowTransaction } from './drawer-transaction.ts';
import type { DrawerViewer } from './drawer-types.ts';
import { paymentReceipt, windowReceipt } from './receipt-pdf-data.ts';
import { receiptPdf } from './receipt-pdf-render.ts';
import { dailyReconciliation } from './reconciliation-daily.ts';
import { listDrawerTransactions, voidWindowTransaction } from './window-void.ts';

const tags = ['cashiering'];
const fileResponse = z.any().describe('A file (application/pdf).');

type Req = RouteRequest<unknown, unknown, unknown>;

/** Route responses are plain JSON: readonly views go out as they are. */
function plain<C extends string>(r: Result<unknown, C>): Result<never, C> {
  return r as Result<never, C>;
}

function viewer(req: Req): DrawerViewer {
  return {
    userId: req.principal?.userId ?? -1,
    supervisor: req.principal?.permissions.has('drawers.supervise') ?? false,
  };
}

function ctxOf(req: Req, ctx: AppContext) {
  return { actor: req.actor, now: ctx.now() };
}

function today(ctx: AppContext): LocalDate {
  return localDateOf(ctx.now(), ctx.timeZone);
}

function pdf(body: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${fileName}"`,
      'cache-control': 'no-store',
    },
  });
}

const drawerRoutesA = [
  route({
    method: 'GET',
    url: '/api/drawers',
    access: 'payments.take',
    summary: 'Cash drawers: a cashier sees only their own; a supervisor sees all (by date/status)',
    tags,
    query: drawerListQuery,
    response: drawerListSchema,
    handler: async (req, ctx) => {
      const q = req.query;
      const filter = {
        ...(q.date === undefined ? {} : { businessDate: q.date as LocalDate }),
        ...(q.status === undefined ? {} : { status: q.status }),
      };
      return plain(ok({ drawers: await listDrawers(ctx.db.pool, filter, viewer(req)) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/drawers',
    access: 'payments.take',
    summary: 'Open my cash drawer for today with a float counted by denomination',
    tags,
    body: openDrawerBody,
    response: drawerSchema,
    successStatus: 201,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) =>
          openDrawer(
            tx,
            { businessDate: today(ctx), floatCount: req.body.floatCount },
            ctxOf(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/drawers/:drawerId',
    access: 'payments.take',
    summary: 'A cash drawer (a cashier: only their own, else 404)',
    tags,
    params: drawerIdParams,
    response: drawerSchema,
    handler: async (req, ctx) =>
      plain(await getDrawer(ctx.db.pool, req.params.drawerId, viewer(req))),
  }),
  route({
    method: 'POST',
    url: '/api/drawers/:drawerId/drops',
    access: 'payments.take',
    summary: 'Drop counted cash from my open drawer to the safe',
    tags,
    params: drawerIdParams,
    body: dropBody,
    response: drawerSchema,
    successStatus: 201,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) =>
          dropCash(tx, { drawerId: req.params.drawerId, count: req.body.count }, ctxOf(req, ctx)),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/drawers/:drawerId/close',
    access: 'payments.take',
    summary: 'Close my drawer with its count by denomination; over/short is posted',
    tags,
    params: drawerIdParams,
    body: closeDrawerBody,
    response: drawerSchema,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) =>
          closeDrawer(
            tx,
            {
              drawerId: req.params.drawerId,
              cashCount: req.body.cashCount,
              checkCents: cents(req.body.checkCents),
              cardCents: cents(req.body.cardCents),
            },
            ctxOf(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/drawers/:drawerId/verify',
    access: 'drawers.supervise',
    summary: 'A supervisor verifies a closed drawer (not their own)',
    tags,
    params: drawerIdParams,
    response: drawerSchema,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) => verifyDrawer(tx, req.params.drawerId, ctxOf(req, ctx))),
      ),
  }),
];

const missingKey = err('invalid', 'an idempotency key is required', {
  idempotencyKey: 'required: the body field or the Idempotency-Key header',
});

const drawerRoutesB = [
  route({
    method: 'POST',
    url: '/api/drawers/:drawerId/transactions',
    access: 'payments.take',
    summary:
      'One customer at the window: utility payments and city receivables, split tender, one receipt',
    tags,
    params: drawerIdParams,
    body: transactionBody,
    response: transactionSchema,
    successStatus: 201,
    handler: async (req, ctx) => {
      const key = req.body.idempotencyKey ?? req.idempotencyKey;
      if (key === undefined) return missingKey;
      const b = req.body;
      return plain(
        await inTransaction(ctx.db, (tx) =>
          takeWindowTransaction(
            tx,
            {
              drawerId: req.params.drawerId,
              effectiveDate: today(ctx),
              idempotencyKey: key,
              lines: b.lines.map((l) =>
                l.kind === 'utility'
                  ? { ...l, amountCents: cents(l.amountCents) }
                  : {
                      kind: 'city' as const,
                      itemCode: l.itemCode,
                      quantity: l.quantity,
                      ...(l.amountCents === undefined ? {} : { amountCents: cents(l.amountCents) }),
                      ...(l.reference === undefined ? {} : { reference: l.reference }),
                    },
              ),
              tenders: b.tenders.map((t) =>
                t.kind === 'cash'
                  ? { kind: 'cash' as const, tenderedCents: cents(t.tenderedCents) }
                  : { ...t, amountCents: cents(t.amountCents) },
              ),
            },
            ctxOf(req, ctx),
          ),
        ),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/drawers/:drawerId/transactions',
    access: 'payments.take',
    summary: "A drawer's window transactions (voided ones marked); a cashier: only their own",
    tags,
    params: drawerIdParams,
    response: windowTransactionListSchema,
    handler: async (req, ctx) => {
      const d = await getDrawer(ctx.db.pool, req.params.drawerId, viewer(req));
      if (!d.ok) return d;
      return plain(
        ok({ transactions: await listDrawerTransactions(ctx.db.pool, req.params.drawerId) }),
      );
    },
  }),
  route({
    method: 'POST',
    url: '/api/window-transactions/:transactionId/void',
    access: 'payments.take',
    summary:
      'Void a window transaction keyed in error while its drawer is open (its cashier or a supervisor), with a reason',
    tags,
    params: transactionIdParams,
    body: voidBody,
    response: windowTransactionSummarySchema,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) =>
          voidWindowTransaction(
            tx,
            { transactionId: req.params.transactionId, reason: req.body.reason },
            viewer(req),
            ctxOf(req, ctx),
          ),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/window-transactions/:transactionId/receipt.pdf',
    access: 'payments.take',
    summary: 'The printable receipt of a window transaction (application/pdf)',
    tags,
    params: transactionIdParams,
    response: fileResponse,
    handler: async (req, ctx) => {
      const r = await windowReceipt(ctx.db.pool, req.params.transactionId);
      if (!r.ok) return r;
      return ok(pdf(await receiptPdf(r.value), `receipt-${r.value.receiptNo}.pdf`));
    },
  }),
  route({
    method: 'GET',
    url: '/api/payments/:paymentId/receipt.pdf',
    access: 'customers.read',
    summary: 'The printable receipt of a payment (its whole window transaction) (application/pdf)',
    tags,
    params: paymentIdParams,
    response: fileResponse,
    handler: async (req, ctx) => {
      const r = await paymentReceipt(ctx.db.pool, req.params.paymentId);
      if (!r.ok) return r;
      return ok(pdf(await receiptPdf(r.value), `receipt-${r.value.receiptNo}.pdf`));
    },
  }),
  route({
    method: 'GET',
    url: '/api/city-receivables',
    access: 'payments.take',
    summary: 'The other-city-receivables catalog (fines, bus passes, permits, licences)',
    tags,
    response: cityReceivableListSchema,
    handler: async (_req, ctx) => plain(ok({ items: await listCityReceivables(ctx.db.pool) })),
  }),
];

const depositRoutes = [
  route({
    method: 'POST',
    url: '/api/deposits',
    access: 'drawers.supervise',
    summary: 'Group verified drawers into one bank deposit by fund',
    tags,
    body: depositBody,
    response: depositSchema,
    successStatus: 201,
    handler: async (req, ctx) =>
      plain(
        await inTransaction(ctx.db, (tx) =>
          createDeposit(tx, { drawerIds: req.body.drawerIds }, ctxOf(req, ctx)),
        ),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/deposits',
    access: 'drawers.supervise',
    summary: 'The bank deposits of a business day',
    tags,
    query: dateQuery,
    response: depositListSchema,
    handler: async (req, ctx) =>
      plain(ok({ deposits: await listDeposits(ctx.db.pool, req.query.date as LocalDate) })),
  }),
  route({
    method: 'GET',
    url: '/api/deposits/:depositId/slip.pdf',
    access: 'drawers.supervise',
    summary: 'The deposit slip by fund with tender counts (application/pdf)',
    tags,
    params: depositIdParams,
    response: fileResponse,
    handler: async (req, ctx) => {
      const d = await getDeposit(ctx.db.pool, req.params.depositId);
      if (!d) return err('deposit_not_found', `deposit ${req.params.depositId}`);
      return ok(pdf(await depositSlipPdf(d), `deposit-${d.depositId}.pdf`));
    },
  }),
  route({
    method: 'GET',
    url: '/api/reconciliation',
    access: 'drawers.supervise',
    summary: 'The daily reconciliation: receipts vs drawers vs deposits vs ledger',
    tags,
    query: dateQuery,
    response: reconciliationSchema,
    handler: async (req, ctx) =>
      plain(ok(await dailyReconciliation(ctx.db.pool, req.query.date as LocalDate))),
  }),
];

/** Cashiering (PAY-2 … PAY-4): drawers, window transactions, receipts, deposits, reconciliation. */
export const drawerRoutes = [...drawerRoutesA, ...drawerRoutesB, ...depositRoutes];
