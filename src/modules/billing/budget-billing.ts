import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import {
  budgetEligibility,
  foldBudget,
  holdMonths,
  type BudgetBill,
  type BudgetPeriod,
  type BudgetPlanFacts,
  type BudgetPolicy,
  type EnrolRefusal,
} from './budget-fold.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type BudgetPlanView = BudgetPlanFacts & {
  readonly planId: number;
  readonly status: 'active' | 'removed' | 'left';
  readonly endReason: string | null;
  readonly basisTotalCents: number;
};

export async function budgetPolicy(q: Queryable): Promise<BudgetPolicy> {
  const r = await q.query<BudgetPolicy>(
    `SELECT variance_bp AS "varianceBp", history_bills_min AS "historyBillsMin",
            review_threshold_bp AS "reviewThresholdBp",
            review_threshold_cents::int AS "reviewThresholdCents",
            hold_months_max AS "holdMonthsMax", combined_window AS "combinedWindow",
            gas_only_window AS "gasOnlyWindow"
       FROM budget_policy WHERE id = 1`,
  );
  return r.rows[0]!;
}

/** The account's issued bills, oldest first. */
export async function budgetBills(q: Queryable, accountId: number): Promise<BudgetBill[]> {
  const r = await q.query<BudgetBill>(
    `SELECT id::int AS "billId", period_start::text AS "periodStart",
            period_end::text AS "periodEnd", total_cents::int AS "totalCents",
            due_date::text AS "dueDate"
       FROM bill WHERE account_id = $1 AND status = 'issued' ORDER BY period_end`,
    [accountId],
  );
  return r.rows;
}

const planColumns = `id::int AS "planId", status, enrolled_on::text AS "enrolledOn",
  anniversary_on::text AS "anniversaryOn", instalment_cents::int AS "instalmentCents",
  ended_on::text AS "endedOn", end_reason AS "endReason", hold_from::text AS "holdFrom",
  hold_through::text AS "holdThrough", basis_total_cents::int AS "basisTotalCents"`;

/** The account's plans, newest first. */
export async function budgetPlans(q: Queryable, accountId: number): Promise<BudgetPlanView[]> {
  const r = await q.query<BudgetPlanView>(
    `SELECT ${planColumns} FROM budget_plan WHERE account_id = $1 ORDER BY id DESC`,
    [accountId],
  );
  return r.rows;
}

async function activePlanForUpdate(tx: Tx, accountId: number): Promise<BudgetPlanView | null> {
  const r = await tx.query<BudgetPlanView>(
    `SELECT ${planColumns} FROM budget_plan
      WHERE account_id = $1 AND status = 'active' FOR UPDATE`,
    [accountId],
  );
  return r.rows[0] ?? null;
}

/** The end date of the latest plan removed after a late payment. */
export function lastRemoval(plans: readonly BudgetPlanView[]): LocalDate | null {
  const removed = plans.filter((p) => p.endReason === 'late_payment' && p.endedOn !== null);
  return (
    removed
      .map((p) => p.endedOn!)
      .sort()
      .at(-1) ?? null
  );
}

export type EnrolCode = EnrolRefusal | 'account_not_found';

/**
 * Enrols a residential account on budget billing (BIL-9) as of `today`: eligibility from the
 * account class and status (customers), 12 consecutive bills, a ledger balance paid in full
 * and the enrolment window; the instalment is the last 12 bills levelized. The plan year ends
 * on the anniversary (today + 1 year). Audited `budget_plan.enrolled`.
 */
export async function enrolBudgetBilling(
  tx: Tx,
  input: { readonly accountId: number; readonly today: LocalDate },
  ctx: Ctx,
): Promise<Result<BudgetPlanView, EnrolCode>> {
  const overview = await getAccountOverview(tx, input.accountId);
  if (!overview.ok) return overview;
  const o = overview.value;
  const policy = await budgetPolicy(tx);
  const verdict = budgetEligibility(
    {
      accountClass: o.account.accountClass,
      accountStatus: o.account.status,
      onPlan: (await activePlanForUpdate(tx, input.accountId)) !== null,
      services: o.premises.flatMap((p) =>
        p.agreements.filter((a) => a.status === 'active').map((a) => a.service),
      ),
      bills: await budgetBills(tx, input.accountId),
      balanceCents: o.balances.totalCents,
      today: input.today,
      removedOn: lastRemoval(await budgetPlans(tx, input.accountId)),
    },
    policy,
  );
  if (!verdict.ok) return err(verdict.code, verdict.detail);
  const anniversaryOn = `${Number(input.today.slice(0, 4)) + 1}-${input.today.slice(5) === '02-29' ? '02-28' : input.today.slice(5)}`;
  const r = await tx.query<{ id: number }>(
    `INSERT INTO budget_plan (account_id, status, enrolled_on, anniversary_on, instalment_cents,
       basis_total_cents, basis_bills, created_by, created_at)
     VALUES ($1, 'active', $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (account_id) WHERE status = 'active' DO NOTHING RETURNING id::int AS id`,
    [
      input.accountId,
      input.today,
      anniversaryOn,
      verdict.instalmentCents,
      verdict.basisTotalCents,
      policy.historyBillsMin,
      ctx.actor.name,
      ctx.now,
    ],
  );
  if (!r.rows[0]) return err('budget_already_enrolled', 'enrolled concurrently');
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'budget_plan.enrolled',
    entityType: 'budget_plan',
    entityId: r.rows[0].id,
    accountId: input.accountId,
    after: { instalmentCents: verdict.instalmentCents, anniversaryOn },
  });
  const plan = (await budgetPlans(tx, input.accountId)).find((p) => p.planId === r.rows[0]!.id);
  return ok(plan!);
}

export type LeaveReason = 'customer_request' | 'late_payment';

/**
 * Ends the active plan on `on`: at the customer's request, or removed after a late payment
 * (the customer may re-enrol in the next window). Bills after `on` ask for the actual
 * charges; the deferred balance is already on the ledger balance, so it becomes due with the
 * next bill. Audited `budget_plan.ended`.
 */
export async function leaveBudgetBilling(
  tx: Tx,
  input: { readonly accountId: number; readonly on: LocalDate; readonly reason: LeaveReason },
  ctx: Ctx,
): Promise<Result<{ planId: number; deferredCents: number }, 'budget_not_enrolled'>> {
  const plan = await activePlanForUpdate(tx, input.accountId);
  if (plan === null) return err('budget_not_enrolled', `account ${input.accountId}`);
  const state = foldBudget(
    { ...plan, endedOn: input.on },
    await budgetBills(tx, input.accountId),
    await budgetPolicy(tx),
  );
  const status = input.reason === 'late_payment' ? 'removed' : 'left';
  await tx.query(
    `UPDATE budget_plan SET status = $2, ended_on = $3, end_reason = $4 WHERE id = $1`,
    [plan.planId, status, input.on, input.reason],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'budget_plan.ended',
    entityType: 'budget_plan',
    entityId: plan.planId,
    accountId: input.accountId,
    before: { status: 'active' },
    after: { status, endedOn: input.on, reason: input.reason, deferredCents: state.deferredCents },
  });
  return ok({ planId: plan.planId, deferredCents: state.deferredCents });
}

export type HoldCode =
  'budget_not_enrolled' | 'budget_hold_empty' | 'budget_hold_too_long' | 'budget_hold_before_start';

/**
 * A seasonal hold (the furlough of BIL-9): from `from` through `through` (1 to
 * `holdMonthsMax` months) the plan asks for the actual charges — fixed charges only while
 * the services are off — and the plan year and deferral wait. Replaces an earlier hold.
 */
export async function holdBudgetBilling(
  tx: Tx,
  input: { readonly accountId: number; readonly from: LocalDate; readonly through: LocalDate },
  ctx: Ctx,
): Promise<Result<BudgetPlanView, HoldCode>> {
  const plan = await activePlanForUpdate(tx, input.accountId);
  if (plan === null) return err('budget_not_enrolled', `account ${input.accountId}`);
  if (input.through <= input.from) return err('budget_hold_empty', 'through must be after from');
  if (input.from < plan.enrolledOn) return err('budget_hold_before_start', plan.enrolledOn);
  const policy = await budgetPolicy(tx);
  if (holdMonths(input.from, input.through) > policy.holdMonthsMax) {
    return err('budget_hold_too_long', `at most ${policy.holdMonthsMax} months`);
  }
  await tx.query(`UPDATE budget_plan SET hold_from = $2, hold_through = $3 WHERE id = $1`, [
    plan.planId,
    input.from,
    input.through,
  ]);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'budget_plan.held',
    entityType: 'budget_plan',
    entityId: plan.planId,
    accountId: input.accountId,
    before: { holdFrom: plan.holdFrom, holdThrough: plan.holdThrough },
    after: { holdFrom: input.from, holdThrough: input.through },
  });
  return ok({ ...plan, holdFrom: input.from, holdThrough: input.through });
}

/**
 * Clears the active plan's seasonal hold when it is the one starting `from` (a cancelled or
 * shortened seasonal hold). Audited `budget_plan.hold_cleared`; nothing to do otherwise.
 */
export async function clearBudgetHold(
  tx: Tx,
  input: { readonly accountId: number; readonly from: LocalDate },
  ctx: Ctx,
): Promise<boolean> {
  const plan = await activePlanForUpdate(tx, input.accountId);
  if (plan === null || plan.holdFrom !== input.from) return false;
  await tx.query(`UPDATE budget_plan SET hold_from = NULL, hold_through = NULL WHERE id = $1`, [
    plan.planId,
  ]);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'budget_plan.hold_cleared',
    entityType: 'budget_plan',
    entityId: plan.planId,
    accountId: input.accountId,
    before: { holdFrom: plan.holdFrom, holdThrough: plan.holdThrough },
    after: { holdFrom: null, holdThrough: null },
  });
  return true;
}

/**
 * Writes the plan's periods (`budget_plan_period`) for the account's plans from the fold:
 * a row per plan bill, replaced when a bill was cancelled or rebilled. Returns the rows
 * written. For the bill run and the nightly job; reads elsewhere recompute the same fold.
 */
export async function syncBudgetPeriods(tx: Tx, accountId: number): Promise<number> {
  const plans = await budgetPlans(tx, accountId);
  if (plans.length === 0) return 0;
  const bills = await budgetBills(tx, accountId);
  const policy = await budgetPolicy(tx);
  let written = 0;
  for (const plan of plans) {
    const periods = foldBudget(plan, bills, policy).periods;
    await tx.query(
      `DELETE FROM budget_plan_period WHERE plan_id = $1 AND NOT (bill_id = ANY($2::bigint[]))`,
      [plan.planId, periods.map((p) => p.billId)],
    );
    if (periods.length === 0) continue;
    await tx.query(
      `INSERT INTO budget_plan_period (plan_id, bill_id, account_id, period_end, actual_cents,
         instalment_cents, settlement_cents, amount_due_cents, deferred_after_cents, event)
       SELECT $1, x.b, $2, x.e, x.a, x.i, x.s, x.d, x.f, x.v
         FROM unnest($3::bigint[], $4::date[], $5::bigint[], $6::bigint[], $7::bigint[],
                     $8::bigint[], $9::bigint[], $10::text[]) AS x(b, e, a, i, s, d, f, v)
       ON CONFLICT (plan_id, bill_id) DO UPDATE SET actual_cents = excluded.actual_cents,
         instalment_cents = excluded.instalment_cents, settlement_cents = excluded.settlement_cents,
         amount_due_cents = excluded.amount_due_cents,
         deferred_after_cents = excluded.deferred_after_cents, event = excluded.event`,
      [plan.planId, accountId, ...columns(periods)],
    );
    written += periods.length;
  }
  return written;
}

function columns(periods: readonly BudgetPeriod[]): unknown[] {
  return [
    periods.map((p) => p.billId),
    periods.map((p) => p.periodEnd),
    periods.map((p) => p.actualCents),
    periods.map((p) => p.instalmentCents),
    periods.map((p) => p.settlementCents),
    periods.map((p) => p.amountDueCents),
    periods.map((p) => p.deferredAfterCents),
    periods.map((p) => p.event),
  ];
}

export type BudgetAmountDue = BudgetPeriod & {
  readonly planId: number;
  /** Charges deferred under the plan before this bill (the previous period's deferral). */
  readonly deferredBeforeCents: number;
};

/**
 * What a bill asks the customer to pay under budget billing (for the bill detail and
 * document): the instalment (+ the settlement on the anniversary bill) against the actual
 * charges; null when the bill is not under a plan (then the amount due is the bill total).
 */
export async function budgetAmountDue(
  q: Queryable,
  accountId: number,
  billId: number,
): Promise<BudgetAmountDue | null> {
  const plans = await budgetPlans(q, accountId);
  if (plans.length === 0) return null;
  const bills = await budgetBills(q, accountId);
  const policy = await budgetPolicy(q);
  for (const plan of plans) {
    const { periods } = foldBudget(plan, bills, policy);
    const i = periods.findIndex((p) => p.billId === billId);
    if (i >= 0) {
      const deferredBeforeCents = i > 0 ? periods[i - 1]!.deferredAfterCents : 0;
      return { ...periods[i]!, planId: plan.planId, deferredBeforeCents };
    }
  }
  return null;
}

/** The nightly job: rewrites the periods of every account with an active plan. */
export async function syncAllBudgetPlans(tx: Tx): Promise<{ plans: number; periods: number }> {
  const r = await tx.query<{ account_id: number }>(
    `SELECT account_id::int AS account_id FROM budget_plan WHERE status = 'active'
      ORDER BY account_id`,
  );
  let periods = 0;
  for (const row of r.rows) periods += await syncBudgetPeriods(tx, row.account_id);
  return { plans: r.rows.length, periods };
}
