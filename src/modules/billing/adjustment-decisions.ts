import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import type { PostEntryCode } from '../ledger/index.ts';
import { approvalLimitOf, describeLimit, withinLimit } from './adjustment-limits.ts';
import {
  isRequester,
  pendingAdjustments,
  postAdjustment,
  readAdjustment,
  type AdjustContext,
  type AdjustmentView,
  type StoredAdjustment,
} from './adjustment-store.ts';

export type AdjustmentDecisionCode =
  | 'invalid'
  | 'adjustment_not_found'
  | 'adjustment_not_pending'
  | 'own_adjustment'
  | 'over_approval_limit'
  | 'bill_cancelled'
  | PostEntryCode;

type Decision = {
  readonly adjustmentId: number;
  /** Approve: the ledger effective date; deny: unused. */
  readonly effectiveDate: LocalDate;
  readonly reason?: string;
};

/** The checks every decision makes: pending, somebody else's, within the decider's limit. */
async function decidable(
  tx: Tx,
  input: Decision,
  ctx: AdjustContext,
): Promise<Result<StoredAdjustment, AdjustmentDecisionCode>> {
  const a = await readAdjustment(tx, input.adjustmentId, true);
  if (!a) return err('adjustment_not_found', `adjustment ${input.adjustmentId}`);
  if (a.status !== 'pending') return err('adjustment_not_pending', `it is ${a.status}`);
  if (isRequester(a, ctx.actor)) {
    return err('own_adjustment', 'an adjustment is approved or denied by someone else');
  }
  const limit = await approvalLimitOf(tx, ctx.roles, input.effectiveDate);
  if (!withinLimit(limit, a.amountCents)) {
    return err('over_approval_limit', `your approval limit is ${describeLimit(limit)}`);
  }
  return ok(a);
}

/**
 * Approves a pending adjustment (BIL-6): the approver is not the requester and their limit
 * covers the amount; posts its entry. Audited `adjustment.approved`.
 *
 * Codes: `adjustment_not_found`, `adjustment_not_pending`, `own_adjustment`,
 * `over_approval_limit`, `bill_cancelled` (its bill was cancelled meanwhile), ledger codes.
 */
export async function approveAdjustment(
  tx: Tx,
  input: Decision,
  ctx: AdjustContext,
): Promise<Result<AdjustmentView, AdjustmentDecisionCode>> {
  const checked = await decidable(tx, input, ctx);
  if (!checked.ok) return checked;
  const a = checked.value;
  if (a.billId !== null) {
    const b = await tx.query<{ status: string }>('SELECT status FROM bill WHERE id = $1', [
      a.billId,
    ]);
    if (b.rows[0]?.status !== 'issued') return err('bill_cancelled', `bill ${a.billId}`);
  }
  const posted = await postAdjustment(tx, a, input.effectiveDate, ctx);
  if (!posted.ok) return posted;
  if (input.reason !== undefined) {
    await tx.query('UPDATE bill_adjustment SET decision_reason = $2 WHERE id = $1', [
      a.adjustmentId,
      input.reason,
    ]);
  }
  return decided(tx, a, 'adjustment.approved', ctx);
}

/**
 * Denies a pending adjustment with a reason (BIL-6); nothing is posted. Same checks as
 * approving. Audited `adjustment.denied`.
 */
export async function denyAdjustment(
  tx: Tx,
  input: Decision,
  ctx: AdjustContext,
): Promise<Result<AdjustmentView, AdjustmentDecisionCode>> {
  const reason = input.reason?.trim() ?? '';
  if (reason.length === 0 || reason.length > limits.journalMemoCharsMax) {
    return err('invalid', 'a reason is required', { reason: 'required, at most 500 characters' });
  }
  const checked = await decidable(tx, input, ctx);
  if (!checked.ok) return checked;
  await tx.query(
    `UPDATE bill_adjustment SET status = 'denied', decided_by_name = $2, decided_at = $3,
            decision_reason = $4 WHERE id = $1`,
    [checked.value.adjustmentId, ctx.actor.name, ctx.now, reason],
  );
  return decided(tx, checked.value, 'adjustment.denied', ctx);
}

async function decided(
  tx: Tx,
  before: StoredAdjustment,
  action: string,
  ctx: AdjustContext,
): Promise<Result<AdjustmentView, never>> {
  const after = (await readAdjustment(tx, before.adjustmentId))!;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'bill_adjustment',
    entityId: before.adjustmentId,
    accountId: before.accountId,
    before: { status: before.status },
    after: {
      status: after.status,
      decisionReason: after.decisionReason,
      journalEntryId: after.journalEntryId,
    },
  });
  return ok(after);
}

/** A pending adjustment and whether the viewer may decide it. */
export type PendingAdjustment = AdjustmentView & { readonly canDecide: boolean };

/** The approval queue, oldest first, each marked whether `viewer` (with `roles`) may decide. */
export async function listPendingAdjustments(
  q: Queryable,
  viewer: { readonly actor: Actor; readonly roles: readonly string[]; readonly today: LocalDate },
  limit: number,
): Promise<readonly PendingAdjustment[]> {
  const rows = await pendingAdjustments(q, limit);
  const own = await approvalLimitOf(q, viewer.roles, viewer.today);
  return rows.map((a) => {
    const { requester: _requester, ...view } = a;
    return { ...view, canDecide: !isRequester(a, viewer.actor) && withinLimit(own, a.amountCents) };
  });
}
