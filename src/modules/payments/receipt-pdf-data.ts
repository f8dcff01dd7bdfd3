import { cents, formatCents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { receiptNoOf } from './drawer-transaction.ts';
import { getReceipt, type Receipt, type ReceiptTender } from './receipt.ts';

/** What a printed receipt shows: one window transaction, or one payment taken elsewhere. */
export type PrintableReceipt = {
  readonly receiptNo: string;
  readonly takenAt: string;
  readonly takenBy: string;
  readonly effectiveDate: string;
  readonly drawerId: number | null;
  readonly lines: readonly { description: string; detail: string; amountCents: Cents }[];
  readonly tenders: readonly { description: string; amountCents: Cents }[];
  readonly totalCents: Cents;
  readonly tenderedCents: Cents | null;
  readonly changeCents: Cents;
  /** A voided window transaction: when, by whom, why (the receipt prints VOID). */
  readonly voided?: { readonly at: string; readonly by: string; readonly reason: string };
};

function tenderText(t: ReceiptTender): string {
  switch (t.kind) {
    case 'cash':
      return 'Cash';
    case 'check':
      return `Check no. ${t.checkNumber} (account …${t.accountLast4})`;
    case 'card':
      return `Card ${t.brand.toUpperCase()} …${t.last4} (auth ${t.authorizationId})`;
    case 'ach':
      return `Bank draft (account …${t.accountLast4})`;
  }
}

function paymentLines(r: Receipt): PrintableReceipt['lines'] {
  const lines = [
    {
      description: `Utility account ${r.accountNo} — ${r.customerName}`,
      detail: `Balance after payment ${formatCents(r.balanceAfterCents)}`,
      amountCents: r.amountCents,
    },
  ];
  if (r.feeCents > 0)
    lines.push({ description: 'Card convenience fee', detail: '', amountCents: r.feeCents });
  return lines;
}

type TxRow = {
  id: string;
  drawerId: string;
  total: string;
  tendered: string;
  change: string;
  paymentIds: number[];
  takenBy: string;
  takenAt: string;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  effectiveDate: string;
};

/** The receipt of a window transaction (all its lines and tenders). */
export async function windowReceipt(
  q: Queryable,
  transactionId: number,
): Promise<Result<PrintableReceipt, 'payment_not_found'>> {
  const r = await q.query<TxRow>(
    `SELECT id, drawer_id AS "drawerId", total_cents AS total, tendered_cents AS tendered,
       change_cents AS change, payment_ids AS "paymentIds", taken_by AS "takenBy",
       to_char(taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "takenAt",
       effective_date::text AS "effectiveDate",
       to_char(voided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "voidedAt",
       voided_by AS "voidedBy", void_reason AS "voidReason"
       FROM window_transaction WHERE id = $1`,
    [transactionId],
  );
  const t = r.rows[0];
  if (!t) return err('payment_not_found', `transaction ${transactionId}`);
  const lines: { description: string; detail: string; amountCents: Cents }[] = [];
  const tenders: { description: string; amountCents: Cents }[] = [];
  for (const id of t.paymentIds) {
    const p = await getReceipt(q, id);
    if (!p.ok) return p;
    lines.push(...paymentLines(p.value));
    tenders.push({ description: tenderText(p.value.tender), amountCents: p.value.totalCents });
  }
  const sales = await q.query<{
    name: string;
    reference: string | null;
    tender: string;
    amount: string;
  }>(
    `SELECT i.name, s.reference, s.tender, s.amount_cents AS amount
       FROM city_receivable_sale s JOIN city_receivable_item i ON i.code = s.item_code
      WHERE s.transaction_id = $1 ORDER BY s.id`,
    [transactionId],
  );
  for (const s of sales.rows) {
    const amount = cents(Number(s.amount));
    lines.push({ description: s.name, detail: s.reference ?? '', amountCents: amount });
    tenders.push({
      description: s.tender === 'cash' ? 'Cash' : s.tender === 'check' ? 'Check' : 'Card',
      amountCents: amount,
    });
  }
  return ok({
    receiptNo: receiptNoOf(Number(t.id)),
    takenAt: t.takenAt,
    takenBy: t.takenBy,
    effectiveDate: t.effectiveDate,
    drawerId: Number(t.drawerId),
    lines,
    tenders: mergeTenders(tenders),
    totalCents: cents(Number(t.total)),
    tenderedCents: cents(Number(t.tendered)),
    changeCents: cents(Number(t.change)),
    ...(t.voidedAt === null
      ? {}
      : { voided: { at: t.voidedAt, by: t.voidedBy ?? '', reason: t.voidReason ?? '' } }),
  });
}

/** Same description → one tender line (cash paying two lines prints once). */
function mergeTenders(ts: { description: string; amountCents: Cents }[]) {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t.description, (m.get(t.description) ?? 0) + t.amountCents);
  return [...m].map(([description, a]) => ({ description, amountCents: cents(a) }));
}

/** The receipt of a payment: its window transaction's, or the payment alone. */
export async function paymentReceipt(
  q: Queryable,
  paymentId: number,
): Promise<Result<PrintableReceipt, 'payment_not_found'>> {
  const t = await q.query<{ id: string }>(
    `SELECT id FROM window_transaction WHERE payment_ids @> $1::jsonb`,
    [JSON.stringify([paymentId])],
  );
  if (t.rows[0]) return windowReceipt(q, Number(t.rows[0].id));
  const p = await getReceipt(q, paymentId);
  if (!p.ok) return p;
  const r = p.value;
  return ok({
    receiptNo: r.receiptNo,
    takenAt: r.receivedAt,
    takenBy: r.receivedBy,
    effectiveDate: r.effectiveDate,
    drawerId: null,
    lines: paymentLines(r),
    tenders: [{ description: tenderText(r.tender), amountCents: r.totalCents }],
    totalCents: r.totalCents,
    tenderedCents: r.tender.kind === 'cash' ? r.tender.tenderedCents : null,
    changeCents: r.tender.kind === 'cash' ? r.tender.changeCents : cents(0),
  });
}
