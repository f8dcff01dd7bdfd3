import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { reverseEntry, type ReverseEntryCode } from '../ledger/index.ts';
import { approvalLimitOf, describeLimit, withinLimit } from './adjustment-limits.ts';
import type { AdjustContext } from './adjustment-store.ts';
import { rebillPeriod, type RebillCode, type Rebilled } from './rebill.ts';

export type CancelBillCode =
  | 'invalid'
  | 'bill_not_found'
  | 'bill_already_cancelled'
  | 'bill_not_latest'
  | 'over_approval_limit'
  | RebillCode
  | ReverseEntryCode;

export type CancelledBill = {
  readonly cancelledBillId: number;
  readonly reversalEntryId: number | null;
  readonly rebill: Rebilled | null;
  /** New total − cancelled total (without a rebill: − the cancelled total). */
  readonly netChangeCents: Cents;
};

type BillRow = {
  id: number;
  account_id: number;
  period_end: LocalDate;
  total_cents: string | number;
  journal_entry_id: number | null;
  status: string;
};

/**
 * Cancels an issued bill (BIL-6) with a reason — its journal entry reversed through the
 * ledger, the bill `cancelled` with who, when and why — and, with `rebill`, bills the same
 * period again with the current data (a corrected read, a fixed rate). All in the caller's
 * transaction: when the rebill fails (e.g. `no_read`) nothing is cancelled. The actor's
 * approval limit applies to the net change |new − old| (old total without a rebill); above
 * it the caller gets `over_approval_limit` (a supervisor cancels it). Only an account's
 * latest issued bill can be cancelled, so periods stay contiguous. Audited `bill.cancelled`.
 *
 * Codes: `invalid` (reason), `bill_not_found`, `bill_already_cancelled`, `bill_not_latest`,
 * `over_approval_limit`, the rebill's codes, the reversal's codes.
 */
export async function cancelBill(
  tx: Tx,
  input: {
    readonly billId: number;
    readonly reason: string;
    readonly rebill: boolean;
    /** Today in the utility's zone: the reversal's effective date and the new bill date. */
    readonly today: LocalDate;
  },
  ctx: AdjustContext,
): Promise<Result<CancelledBill, CancelBillCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > limits.journalMemoCharsMax) {
    return err('invalid', 'a reason is required', { reason: 'required, at most 500 characters' });
  }
  const found = await lockBill(tx, input.billId);
  if (!found.ok) return found;
  const bill = found.value;
  await tx.query(
    `UPDATE bill SET status = 'cancelled', cancelled_at = $2, cancelled_by = $3, cancel_reason = $4
      WHERE id = $1`,
    [bill.id, ctx.now, ctx.actor.name, reason],
  );
  const reversed = await reverseBill(tx, bill, reason, input.today, ctx);
  if (!reversed.ok) return reversed;
  const reversalEntryId = reversed.value;
  let rebill: Rebilled | null = null;
  if (input.rebill) {
    const r = await rebillPeriod(
      tx,
      {
        accountId: Number(bill.account_id),
        periodEnd: bill.period_end,
        replacesBillId: bill.id,
        billDate: input.today,
      },
      ctx,
    );
    if (!r.ok) return r;
    rebill = r.value;
  }
  const oldTotal = Number(bill.total_cents);
  const net = cents((rebill?.totalCents ?? 0) - oldTotal);
  const limit = await approvalLimitOf(tx, ctx.roles, input.today);
  if (!withinLimit(limit, cents(Math.abs(net)))) {
    return err(
      'over_approval_limit',
      `the net change ${net} cents is over your limit ${describeLimit(limit)}`,
    );
  }
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'bill.cancelled',
    entityType: 'bill',
    entityId: bill.id,
    accountId: Number(bill.account_id),
    before: { status: 'issued', totalCents: oldTotal },
    after: {
      status: 'cancelled',
      reason,
      reversalEntryId,
      rebillId: rebill?.billId ?? null,
      netChangeCents: net,
    },
  });
  return ok({ cancelledBillId: bill.id, reversalEntryId, rebill, netChangeCents: net });
}

/** Reverses the bill's entry (none for a zero bill) and records the reversal on the bill. */
async function reverseBill(
  tx: Tx,
  bill: BillRow,
  reason: string,
  today: LocalDate,
  ctx: AdjustContext,
): Promise<Result<number | null, ReverseEntryCode>> {
  if (bill.journal_entry_id === null) return ok(null);
  const memo = `Bill ${bill.id} cancelled: ${reason}`.slice(0, limits.journalMemoCharsMax);
  const reversed = await reverseEntry(
    tx,
    { entryId: bill.journal_entry_id, reason: memo, effectiveDate: today },
    ctx,
  );
  if (!reversed.ok) return reversed;
  await tx.query('UPDATE bill SET cancel_entry_id = $2 WHERE id = $1', [
    bill.id,
    reversed.value.entryId,
  ]);
  return ok(reversed.value.entryId);
}

async function lockBill(tx: Tx, billId: number): Promise<Result<BillRow, CancelBillCode>> {
  const r = await tx.query<BillRow>(
    `SELECT id, account_id, period_end::text AS period_end, total_cents, journal_entry_id, status
       FROM bill WHERE id = $1 FOR UPDATE`,
    [billId],
  );
  const bill = r.rows[0];
  if (!bill) return err('bill_not_found', `bill ${billId}`);
  if (bill.status !== 'issued') return err('bill_already_cancelled', `bill ${billId}`);
  const later = await tx.query(
    `SELECT 1 FROM bill WHERE account_id = $1 AND status = 'issued' AND period_end > $2 LIMIT 1`,
    [bill.account_id, bill.period_end],
  );
  if (later.rowCount) return err('bill_not_latest', 'cancel the later bills first');
  return ok({ ...bill, id: Number(bill.id) });
}

/** One bill in the history: cancelled bills keep why; a rebill names the bill it replaces. */
export type BillHistoryRow = {
  readonly billId: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly billDate: string;
  readonly dueDate: string;
  readonly totalCents: number;
  readonly status: string;
  readonly cancelledAt: Date | null;
  readonly cancelledBy: string | null;
  readonly cancelReason: string | null;
  readonly replacesBillId: number | null;
  readonly replacedByBillId: number | null;
};

/** An account's bills newest first, each cancelled bill next to the bill that replaced it. */
export async function billHistory(
  q: Queryable,
  accountId: number,
  limit: number,
): Promise<readonly BillHistoryRow[]> {
  const r = await q.query<BillHistoryRow & { totalCents: string | number }>(
    `SELECT b.id AS "billId", b.period_start::text AS "periodStart",
            b.period_end::text AS "periodEnd", b.bill_date::text AS "billDate",
            b.due_date::text AS "dueDate", b.total_cents AS "totalCents", b.status,
            b.cancelled_at AS "cancelledAt", b.cancelled_by AS "cancelledBy",
            b.cancel_reason AS "cancelReason", b.replaces_bill_id AS "replacesBillId",
            (SELECT n.id FROM bill n WHERE n.replaces_bill_id = b.id) AS "replacedByBillId"
       FROM bill b WHERE b.account_id = $1
      ORDER BY b.period_end DESC, b.id DESC LIMIT $2`,
    [accountId, limit],
  );
  return r.rows.map((b) => ({ ...b, totalCents: Number(b.totalCents) }));
}
