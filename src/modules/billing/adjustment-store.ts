import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { adjustmentEntry } from './adjustment-entry.ts';

/** Who asks for an adjustment and what they may do: the actor plus their staff roles. */
export type AdjustContext = {
  readonly actor: Actor;
  readonly now: Date;
  readonly roles: readonly string[];
};

export type AdjustmentStatus = 'pending' | 'posted' | 'denied';

/** One adjustment as the API shows it. */
export type AdjustmentView = {
  readonly adjustmentId: number;
  readonly accountId: number;
  readonly billId: number | null;
  readonly lineNo: number | null;
  readonly lineCode: string | null;
  readonly service: string;
  readonly direction: 'credit' | 'debit';
  readonly amountCents: Cents;
  readonly reasonCode: string;
  readonly memo: string;
  readonly status: AdjustmentStatus;
  readonly requestedBy: string;
  readonly requestedAt: Date;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly journalEntryId: number | null;
};

type Row = Omit<AdjustmentView, 'amountCents'> & {
  amountCents: string | number;
  requestedByKind: string;
  requestedById: number | null;
};

const selectSql = `SELECT a.id AS "adjustmentId", a.account_id AS "accountId", a.bill_id AS "billId",
       l.line_no AS "lineNo", l.code AS "lineCode", a.service, a.direction,
       a.amount_cents AS "amountCents", a.reason_code AS "reasonCode", a.memo, a.status,
       a.requested_by_kind AS "requestedByKind", a.requested_by_id AS "requestedById",
       a.requested_by_name AS "requestedBy", a.requested_at AS "requestedAt",
       a.decided_by_name AS "decidedBy", a.decided_at AS "decidedAt",
       a.decision_reason AS "decisionReason", a.journal_entry_id AS "journalEntryId"
  FROM bill_adjustment a LEFT JOIN bill_line l ON l.id = a.bill_line_id`;

export type StoredAdjustment = AdjustmentView & {
  readonly requester: { readonly kind: string; readonly id: number | null };
};

function fromRow(row: Row): StoredAdjustment {
  const { requestedByKind, requestedById, ...rest } = row;
  return {
    ...rest,
    amountCents: cents(Number(row.amountCents)),
    requester: { kind: requestedByKind, id: requestedById === null ? null : Number(requestedById) },
  };
}

/** One adjustment; `lock` takes a row lock for a decision. */
export async function readAdjustment(
  q: Queryable,
  id: number,
  lock = false,
): Promise<StoredAdjustment | undefined> {
  const r = await q.query<Row>(`${selectSql} WHERE a.id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [
    id,
  ]);
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}

export async function readAdjustmentByKey(
  q: Queryable,
  key: string,
): Promise<StoredAdjustment | undefined> {
  const r = await q.query<Row>(`${selectSql} WHERE a.idempotency_key = $1`, [key]);
  return r.rows[0] ? fromRow(r.rows[0]) : undefined;
}

/** Pending adjustments, oldest first. */
export async function pendingAdjustments(
  q: Queryable,
  limit: number,
): Promise<readonly StoredAdjustment[]> {
  const r = await q.query<Row>(
    `${selectSql} WHERE a.status = 'pending' ORDER BY a.requested_at, a.id LIMIT $1`,
    [limit],
  );
  return r.rows.map(fromRow);
}

/** An account's adjustments, newest first (every status). */
export async function accountAdjustments(
  q: Queryable,
  accountId: number,
  limit: number,
): Promise<readonly StoredAdjustment[]> {
  const r = await q.query<Row>(
    `${selectSql} WHERE a.account_id = $1 ORDER BY a.requested_at DESC, a.id DESC LIMIT $2`,
    [accountId, limit],
  );
  return r.rows.map(fromRow);
}

/** True when `actor` asked for the adjustment (nobody approves their own). */
export function isRequester(a: StoredAdjustment, actor: Actor): boolean {
  if (actor.kind === 'system') return a.requester.kind === 'system' && a.requestedBy === actor.name;
  return a.requester.kind === actor.kind && a.requester.id === actor.id;
}

/**
 * Posts a pending adjustment's journal entry (source `adjustment:<id>`) and marks it posted
 * by `ctx.actor`. The caller holds the row lock.
 */
export async function postAdjustment(
  tx: Tx,
  a: StoredAdjustment,
  effectiveDate: LocalDate,
  ctx: AdjustContext,
): Promise<Result<number, PostEntryCode>> {
  const entry = adjustmentEntry({
    adjustmentId: a.adjustmentId,
    accountId: a.accountId,
    service: a.service,
    lineCode: a.lineCode,
    direction: a.direction,
    amountCents: a.amountCents,
    effectiveDate,
    memo: `Adjustment ${a.adjustmentId} (${a.reasonCode}): ${a.memo}`.slice(0, 500),
  });
  const posted = await postEntry(tx, entry, ctx);
  if (!posted.ok) return posted;
  await tx.query(
    `UPDATE bill_adjustment SET status = 'posted', decided_by_name = $2, decided_at = $3,
            journal_entry_id = $4 WHERE id = $1`,
    [a.adjustmentId, ctx.actor.name, ctx.now, posted.value.entryId],
  );
  return ok(posted.value.entryId);
}
