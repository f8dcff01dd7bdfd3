import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import type { Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import type { PostEntryCode } from '../ledger/index.ts';
import { adjustableServices } from './adjustment-entry.ts';
import { approvalLimitOf, withinLimit } from './adjustment-limits.ts';
import {
  postAdjustment,
  readAdjustment,
  readAdjustmentByKey,
  type AdjustContext,
  type AdjustmentView,
} from './adjustment-store.ts';

export type AdjustmentInput = {
  /** The bill to adjust (a bill or bill-line adjustment), or … */
  readonly billId?: number;
  /** … the account (an account adjustment). Exactly one of the two. */
  readonly accountId?: number;
  /** The bill's line (line_no) whose revenue account the adjustment moves. */
  readonly lineNo?: number;
  /** Without a line: whose revenue it moves ('account' = General Fund miscellaneous). */
  readonly service?: string;
  readonly direction: 'credit' | 'debit';
  readonly amountCents: Cents;
  readonly reasonCode: string;
  readonly memo: string;
  /** The ledger effective date (today in the utility's zone). */
  readonly effectiveDate: LocalDate;
  readonly idempotencyKey?: string;
};

export type AdjustmentCode =
  | 'invalid'
  | 'account_not_found'
  | 'bill_not_found'
  | 'bill_cancelled'
  | 'bill_line_not_found'
  | 'unknown_reason_code'
  | 'adjustment_exceeds_line'
  | 'idempotency_key_reused'
  | PostEntryCode;

type Target = {
  readonly accountId: number;
  readonly billId: number | null;
  readonly lineId: number | null;
  readonly service: string;
};

/**
 * Adjusts a bill, one of its lines, or the account (BIL-6): a credit or a debit with a reason
 * code and a memo. Within the actor's approval limit (largest of their roles, effective-dated
 * data) it posts at once — ONE balanced entry, kind `adjustment`, source `adjustment:<id>`
 * (receivable:<fund> against the line's revenue or tax account); above it the adjustment
 * waits `pending` for an approver. Audited either way. A repeated `idempotencyKey` returns
 * the first adjustment.
 *
 * Codes: `invalid`, `account_not_found`, `bill_not_found`, `bill_cancelled`,
 * `bill_line_not_found`, `unknown_reason_code`, `adjustment_exceeds_line` (a credit larger
 * than what is left of the line), `idempotency_key_reused`, ledger codes.
 */
export async function requestAdjustment(
  tx: Tx,
  input: AdjustmentInput,
  ctx: AdjustContext,
): Promise<Result<AdjustmentView, AdjustmentCode>> {
  const problem = inputProblem(input);
  if (problem !== null) return err('invalid', problem.detail, problem.fields);
  const seen = await replayOf(tx, input);
  if (seen !== null) return seen;
  const reason = await tx.query('SELECT 1 FROM adjustment_reason WHERE code = $1 AND active', [
    input.reasonCode,
  ]);
  if (reason.rowCount === 0) return err('unknown_reason_code', input.reasonCode);
  const target = await targetOf(tx, input);
  if (!target.ok) return target;
  const id = await insertPending(tx, input, target.value, ctx);
  // A racing request with the same key committed first: answer as its replay.
  if (id === null) return (await replayOf(tx, input))!;
  const a = (await readAdjustment(tx, id, true))!;
  const limit = await approvalLimitOf(tx, ctx.roles, input.effectiveDate);
  if (withinLimit(limit, input.amountCents)) {
    const posted = await postAdjustment(tx, a, input.effectiveDate, ctx);
    if (!posted.ok) return posted;
  }
  const view = (await readAdjustment(tx, id))!;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: view.status === 'posted' ? 'adjustment.posted' : 'adjustment.requested',
    entityType: 'bill_adjustment',
    entityId: id,
    accountId: view.accountId,
    after: {
      billId: view.billId,
      lineNo: view.lineNo,
      direction: view.direction,
      amountCents: view.amountCents,
      reasonCode: view.reasonCode,
      status: view.status,
      journalEntryId: view.journalEntryId,
    },
  });
  return ok(view);
}

function inputProblem(
  input: AdjustmentInput,
): { detail: string; fields: Record<string, string> } | null {
  if ((input.billId === undefined) === (input.accountId === undefined)) {
    return { detail: 'a bill or an account', fields: { billId: 'a bill or an account' } };
  }
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    return { detail: 'amount', fields: { amountCents: 'a positive number of cents' } };
  }
  const memo = input.memo.trim();
  if (memo.length === 0 || memo.length > limits.journalMemoCharsMax) {
    return { detail: 'memo', fields: { memo: 'required, at most 500 characters' } };
  }
  if (input.service !== undefined && !adjustableServices.includes(input.service)) {
    return { detail: 'service', fields: { service: `one of ${adjustableServices.join(', ')}` } };
  }
  return null;
}

async function targetOf(tx: Tx, input: AdjustmentInput): Promise<Result<Target, AdjustmentCode>> {
  if (input.accountId !== undefined) {
    const account = await getAccountOverview(tx, input.accountId);
    if (!account.ok) return err('account_not_found', `account ${input.accountId}`);
    const service = input.service ?? 'account';
    return ok({ accountId: input.accountId, billId: null, lineId: null, service });
  }
  const billId = input.billId!;
  const b = await tx.query<{ account_id: number; status: string }>(
    'SELECT account_id, status FROM bill WHERE id = $1 FOR UPDATE',
    [billId],
  );
  const bill = b.rows[0];
  if (!bill) return err('bill_not_found', `bill ${billId}`);
  if (bill.status !== 'issued') return err('bill_cancelled', `bill ${billId} is cancelled`);
  const accountId = Number(bill.account_id);
  if (input.lineNo === undefined) {
    return ok({ accountId, billId, lineId: null, service: input.service ?? 'account' });
  }
  const l = await tx.query<{ id: number; service: string; amount_cents: string; left: string }>(
    `SELECT l.id, l.service, l.amount_cents,
            (l.amount_cents - coalesce((SELECT sum(CASE a.direction WHEN 'credit'
                THEN a.amount_cents ELSE -a.amount_cents END) FROM bill_adjustment a
               WHERE a.bill_line_id = l.id AND a.status <> 'denied'), 0))::text AS left
       FROM bill_line l WHERE l.bill_id = $1 AND l.line_no = $2`,
    [billId, input.lineNo],
  );
  const line = l.rows[0];
  if (!line) return err('bill_line_not_found', `bill ${billId} line ${input.lineNo}`);
  if (input.direction === 'credit' && input.amountCents > Number(line.left)) {
    return err('adjustment_exceeds_line', `at most ${line.left} cents are left on the line`);
  }
  return ok({ accountId, billId, lineId: Number(line.id), service: line.service });
}

/** The earlier adjustment of the same idempotency key, or null when the key is new. */
async function replayOf(
  tx: Tx,
  input: AdjustmentInput,
): Promise<Result<AdjustmentView, 'idempotency_key_reused'> | null> {
  if (input.idempotencyKey === undefined) return null;
  const seen = await readAdjustmentByKey(tx, input.idempotencyKey);
  if (!seen) return null;
  const same = seen.amountCents === input.amountCents && seen.direction === input.direction;
  return same ? ok(seen) : err('idempotency_key_reused', `adjustment ${seen.adjustmentId}`);
}

/** The pending row; null when the idempotency key was taken meanwhile. */
async function insertPending(
  tx: Tx,
  input: AdjustmentInput,
  t: Target,
  ctx: AdjustContext,
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO bill_adjustment (account_id, bill_id, bill_line_id, service, direction,
       amount_cents, reason_code, memo, status, requested_by_kind, requested_by_id,
       requested_by_name, requested_at, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $11, $12, $13)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      t.accountId,
      t.billId,
      t.lineId,
      t.service,
      input.direction,
      input.amountCents,
      input.reasonCode,
      input.memo.trim(),
      ctx.actor.kind,
      ctx.actor.kind === 'system' ? null : ctx.actor.id,
      ctx.actor.name,
      ctx.now,
      input.idempotencyKey ?? null,
    ],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
