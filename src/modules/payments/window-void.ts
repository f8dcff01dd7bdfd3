import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { reverseEntry } from '../ledger/index.ts';
import { receiptNoOf } from './drawer-transaction.ts';
import { defaultGateway } from './gateway/sandbox-gateway.ts';
import { reversePayment, type ReversePaymentCode } from './reverse-payment.ts';
import type { PaymentContext } from './types.ts';

export type VoidWindowTransactionCode =
  | ReversePaymentCode
  | 'window_transaction_not_found'
  | 'window_transaction_voided'
  | 'drawer_not_open';

export type VoidWindowTransactionInput = {
  readonly transactionId: number;
  readonly reason: string;
};

/** Who voids: a staff user id, and whether they hold `drawers.supervise`. */
export type VoidViewer = { readonly userId: number; readonly supervisor: boolean };

export type WindowTransactionSummary = {
  readonly transactionId: number;
  readonly receiptNo: string;
  readonly drawerId: number;
  readonly effectiveDate: LocalDate;
  readonly totalCents: Cents;
  readonly paymentIds: readonly number[];
  readonly saleEntryId: number | null;
  readonly takenBy: string;
  readonly takenAt: string;
  readonly voidedAt: string | null;
  readonly voidedBy: string | null;
  readonly voidReason: string | null;
  readonly voidEntryIds: readonly number[];
};

type Row = {
  id: string;
  drawerId: string;
  cashierId: string;
  drawerStatus: string;
  effectiveDate: LocalDate;
  total: string;
  paymentIds: number[];
  saleEntryId: string | null;
  takenBy: string;
  takenAt: string;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  voidEntryIds: number[] | null;
};

const iso = (c: string) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const select = `SELECT w.id, w.drawer_id AS "drawerId", d.cashier_id AS "cashierId",
  d.status AS "drawerStatus", w.effective_date::text AS "effectiveDate", w.total_cents AS total,
  w.payment_ids AS "paymentIds", w.sale_entry_id AS "saleEntryId", w.taken_by AS "takenBy",
  ${iso('w.taken_at')} AS "takenAt", ${iso('w.voided_at')} AS "voidedAt",
  w.voided_by AS "voidedBy", w.void_reason AS "voidReason", w.void_entry_ids AS "voidEntryIds"
  FROM window_transaction w JOIN cash_drawer d ON d.id = w.drawer_id`;

function summary(r: Row): WindowTransactionSummary {
  return {
    transactionId: Number(r.id),
    receiptNo: receiptNoOf(Number(r.id)),
    drawerId: Number(r.drawerId),
    effectiveDate: r.effectiveDate,
    totalCents: cents(Number(r.total)),
    paymentIds: r.paymentIds,
    saleEntryId: r.saleEntryId === null ? null : Number(r.saleEntryId),
    takenBy: r.takenBy,
    takenAt: r.takenAt,
    voidedAt: r.voidedAt,
    voidedBy: r.voidedBy,
    voidReason: r.voidReason,
    voidEntryIds: r.voidEntryIds ?? [],
  };
}

/** The transactions of a drawer (oldest first), voided ones included and marked. */
export async function listDrawerTransactions(
  q: Queryable,
  drawerId: number,
): Promise<WindowTransactionSummary[]> {
  const r = await q.query<Row>(`${select} WHERE w.drawer_id = $1 ORDER BY w.id`, [drawerId]);
  return r.rows.map(summary);
}

/**
 * Voids a window transaction keyed in error (PAY-2) while its drawer is still OPEN (the same
 * business day). Only the drawer's cashier, or a supervisor (`drawers.supervise`), may void
 * (anyone else: `window_transaction_not_found`). Every money movement is reversed through the
 * ledger, dated the transaction's business date: each utility payment by `reversePayment`
 * (its entry mirrored, the debt owed again; a card part VOIDED at the gateway, not refunded;
 * no returned-payment fee, no return counted), the city-receivable entry by `reverseEntry`,
 * its card parts voided at the gateway. The void is recorded on the transaction (who, when,
 * why, the reversal entries); nothing is deleted. The drawer's receipts then leave the
 * transaction out (payments `reversed`, the sales of a voided transaction), so close,
 * over/short, the deposit by fund and the daily reconciliation tie. Audited
 * `window_transaction.voided`.
 *
 * Codes: `invalid` (reason), `window_transaction_not_found`, `window_transaction_voided`
 * (a second void changes nothing), `drawer_not_open` (closed, verified or deposited: correct
 * by reversal or returned check instead), reversal and ledger codes.
 */
export async function voidWindowTransaction(
  tx: Tx,
  input: VoidWindowTransactionInput,
  viewer: VoidViewer,
  ctx: PaymentContext,
): Promise<Result<WindowTransactionSummary, VoidWindowTransactionCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > limits.journalMemoCharsMax)
    return err('invalid', 'a reason is required', { reason: 'required, at most 500 characters' });
  // Lock the drawer first (as takeWindowTransaction and closeDrawer do), then the transaction.
  const d = await tx.query<{ id: string }>(
    `SELECT d.id FROM cash_drawer d JOIN window_transaction w ON w.drawer_id = d.id
      WHERE w.id = $1 FOR UPDATE OF d`,
    [input.transactionId],
  );
  if (!d.rows[0]) return err('window_transaction_not_found', `transaction ${input.transactionId}`);
  const r = await tx.query<Row>(`${select} WHERE w.id = $1 FOR UPDATE OF w`, [input.transactionId]);
  const t = r.rows[0]!;
  if (!viewer.supervisor && Number(t.cashierId) !== viewer.userId)
    return err('window_transaction_not_found', `transaction ${input.transactionId}`);
  const before = summary(t);
  if (t.voidedAt !== null)
    return err('window_transaction_voided', `${before.receiptNo} was voided by ${t.voidedBy}`);
  if (t.drawerStatus !== 'open')
    return err(
      'drawer_not_open',
      `drawer ${t.drawerId} is ${t.drawerStatus}: correct it by a reversal or a returned check`,
    );
  const why = `void ${before.receiptNo}: ${reason}`.slice(0, limits.journalMemoCharsMax);
  const reversed = await reverseAll(tx, input.transactionId, before, t.effectiveDate, why, ctx);
  if (!reversed.ok) return reversed;
  const { entryIds, saleReversal } = reversed.value;
  await tx.query(
    `UPDATE window_transaction SET voided_at = $2, voided_by = $3, void_reason = $4,
       void_sale_entry_id = $5, void_entry_ids = $6 WHERE id = $1`,
    [input.transactionId, ctx.now, ctx.actor.name, reason, saleReversal, JSON.stringify(entryIds)],
  );
  const after = summary(
    (await tx.query<Row>(`${select} WHERE w.id = $1`, [input.transactionId])).rows[0]!,
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'window_transaction.voided',
    entityType: 'window_transaction',
    entityId: input.transactionId,
    before: { voidedAt: null, totalCents: before.totalCents, paymentIds: before.paymentIds },
    after: {
      voidedAt: after.voidedAt,
      voidedBy: after.voidedBy,
      reason,
      voidEntryIds: after.voidEntryIds,
    },
  });
  return ok(after);
}

/** Each payment reversed (its card voided), then the city-receivable entry and its cards. */
async function reverseAll(
  tx: Tx,
  transactionId: number,
  t: WindowTransactionSummary,
  date: LocalDate,
  why: string,
  ctx: PaymentContext,
): Promise<Result<{ entryIds: number[]; saleReversal: number | null }, VoidWindowTransactionCode>> {
  const entryIds: number[] = [];
  for (const paymentId of t.paymentIds) {
    const rev = await reversePayment(
      tx,
      { paymentId, reason: why, effectiveDate: date, card: 'void' },
      ctx,
    );
    if (!rev.ok) {
      if (rev.code === 'already_reversed') continue; // reversed on its own before: nothing left
      return rev;
    }
    entryIds.push(rev.value.reversalEntryId!);
  }
  if (t.saleEntryId === null) return ok({ entryIds, saleReversal: null });
  const rev = await reverseEntry(
    tx,
    { entryId: t.saleEntryId, reason: why, effectiveDate: date },
    ctx,
  );
  if (!rev.ok) return rev;
  entryIds.push(rev.value.entryId);
  await voidCityCards(tx, transactionId, ctx);
  return ok({ entryIds, saleReversal: rev.value.entryId });
}

async function voidCityCards(tx: Tx, transactionId: number, ctx: PaymentContext): Promise<void> {
  const gateway = ctx.gateway ?? defaultGateway;
  const r = await tx.query<{ id: string; auth: string }>(
    `SELECT id, card_authorization_id AS auth FROM city_receivable_sale
      WHERE transaction_id = $1 AND tender = 'card' AND card_authorization_id IS NOT NULL
      ORDER BY id`,
    [transactionId],
  );
  for (const s of r.rows)
    await gateway.void({ authorizationId: s.auth, idempotencyKey: `void:city:${s.id}` });
}
