import { cents, formatCents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { postEntry } from '../ledger/index.ts';
import type { FraudDecision } from './fraud-signals.ts';
import type { PlannedDeposit, PlannedFee } from './start-fees.ts';
import { recordTimelineEvent } from './timeline.ts';
import { actorName, actorStaffId, type ServiceContext } from './types.ts';

/**
 * Posts a start's fees as ONE journal entry (kind 'fee', source `service-start:<first
 * agreement id>`): per fee, a receivable debit in the fee's fund carrying the account id and
 * a revenue credit. Returns null when there is nothing to post.
 */
export async function postStartFees(
  tx: Tx,
  s: {
    readonly accountId: number;
    readonly firstAgreementId: number;
    readonly accountNo: string;
    readonly fees: readonly PlannedFee[];
    readonly date: LocalDate;
  },
  ctx: ServiceContext,
): Promise<Result<number | null, 'fee_posting_failed'>> {
  const fees = s.fees.filter((f) => f.amountCents > 0);
  if (fees.length === 0) return ok(null);
  const lines = fees.flatMap((f) => [
    {
      glAccount: `receivable:${f.fund}`,
      debitCents: cents(f.amountCents),
      accountId: s.accountId,
      memo: f.description,
    },
    { glAccount: f.glRevenue, creditCents: cents(f.amountCents), memo: f.description },
  ]);
  const posted = await postEntry(
    tx,
    {
      kind: 'fee',
      sourceRef: `service-start:${s.firstAgreementId}`,
      effectiveDate: s.date,
      memo: `Start-of-service fees, account ${s.accountNo}`,
      lines,
    },
    ctx,
  );
  // The lines are built from fee_schedule rows; a refusal here is a configuration error
  // (an unknown GL code), reported with the ledger's code rather than a crash.
  if (!posted.ok) return err('fee_posting_failed', `${posted.code}: ${posted.detail ?? ''}`);
  const total = fees.reduce((n, f) => n + f.amountCents, 0);
  await recordTimelineEvent(
    tx,
    {
      accountId: s.accountId,
      kind: 'fees_charged',
      summary: `Fees charged: ${fees.map((f) => f.description).join(', ')} (${formatCents(cents(total))})`,
      refType: 'journal_entry',
      refId: posted.value.entryId,
    },
    ctx,
  );
  return ok(posted.value.entryId);
}

/**
 * Records the fraud outcome of a start: a fraud_override row (+ audit + timeline) for each
 * signal passed by an override, and an open account_fraud_signal row for each signal that
 * was not overridden (shown on the account overview).
 */
export async function recordFraudOutcome(
  tx: Tx,
  s: {
    readonly accountId: number;
    readonly customerId: number;
    readonly decision: FraudDecision;
    readonly reason: string | null;
  },
  ctx: ServiceContext,
): Promise<void> {
  const overridden = new Set(s.decision.overridden);
  for (const signal of s.decision.signals) {
    if (!overridden.has(signal)) {
      await tx.query(
        `INSERT INTO account_fraud_signal (account_id, signal, detail, raised_at) VALUES ($1, $2, $3, $4)`,
        [s.accountId, signal.kind, JSON.stringify(signal), ctx.now],
      );
      continue;
    }
    const r = await tx.query<{ id: number }>(
      `INSERT INTO fraud_override (account_id, customer_id, signal, detail, reason, overridden_by,
         overridden_by_name, overridden_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        s.accountId,
        s.customerId,
        signal.kind,
        JSON.stringify(signal),
        s.reason,
        actorStaffId(ctx.actor),
        actorName(ctx.actor),
        ctx.now,
      ],
    );
    const id = (r.rows[0] as { id: number }).id;
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'fraud.overridden',
      entityType: 'fraud_override',
      entityId: id,
      accountId: s.accountId,
      after: { signal, reason: s.reason },
    });
    await recordTimelineEvent(
      tx,
      {
        accountId: s.accountId,
        kind: 'fraud_override',
        summary: `Fraud signal ${signal.kind} overridden: ${s.reason}`,
        refType: 'fraud_override',
        refId: id,
      },
      ctx,
    );
  }
}

/** Records the deposits a start requires (collections bills them), audited. */
export async function recordDeposits(
  tx: Tx,
  s: {
    readonly accountId: number;
    readonly deposits: readonly PlannedDeposit[];
    readonly date: LocalDate;
  },
  ctx: ServiceContext,
): Promise<void> {
  for (const d of s.deposits) {
    const r = await tx.query<{ id: number }>(
      `INSERT INTO account_deposit_requirement (account_id, fee_code, amount_cents, reason,
         required_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.accountId, d.feeCode, d.amountCents, d.reason, s.date, ctx.now],
    );
    const id = (r.rows[0] as { id: number }).id;
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'account.deposit_required',
      entityType: 'account_deposit_requirement',
      entityId: id,
      accountId: s.accountId,
      after: d,
    });
    await recordTimelineEvent(
      tx,
      {
        accountId: s.accountId,
        kind: 'deposit_required',
        summary: `Deposit of ${formatCents(cents(d.amountCents))} required (${d.reason})`,
        refType: 'account_deposit_requirement',
        refId: id,
      },
      ctx,
    );
  }
}
