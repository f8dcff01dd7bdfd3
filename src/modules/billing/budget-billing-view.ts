import type { LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import {
  budgetBills,
  budgetPlans,
  budgetPolicy,
  lastRemoval,
  type BudgetPlanView,
} from './budget-billing.ts';
import { budgetEligibility, foldBudget, type BudgetPeriod } from './budget-fold.ts';

export type BudgetBillingView = {
  readonly accountId: number;
  /** The active plan, else the latest ended one, else null. */
  readonly plan: BudgetPlanView | null;
  readonly current: {
    readonly instalmentCents: number;
    readonly deferredCents: number;
    readonly nextSettlementOn: LocalDate;
  } | null;
  readonly periods: readonly BudgetPeriod[];
  /** Whether the account could enrol today, and the instalment it would get. */
  readonly eligibility: {
    readonly eligible: boolean;
    readonly code: string | null;
    readonly detail: string | null;
    readonly instalmentCents: number | null;
  };
};

/** The account's budget billing status for the account page and the API. Reads only. */
export async function getBudgetBilling(
  q: Queryable,
  accountId: number,
  today: LocalDate,
): Promise<Result<BudgetBillingView, 'account_not_found'>> {
  const overview = await getAccountOverview(q, accountId);
  if (!overview.ok) return overview;
  const o = overview.value;
  const [plans, bills, policy] = [
    await budgetPlans(q, accountId),
    await budgetBills(q, accountId),
    await budgetPolicy(q),
  ];
  const plan = plans.find((p) => p.status === 'active') ?? plans[0] ?? null;
  const state = plan ? foldBudget(plan, bills, policy) : null;
  const verdict = budgetEligibility(
    {
      accountClass: o.account.accountClass,
      accountStatus: o.account.status,
      onPlan: plan?.status === 'active',
      services: o.premises.flatMap((p) =>
        p.agreements.filter((a) => a.status === 'active').map((a) => a.service),
      ),
      bills,
      balanceCents: o.balances.totalCents,
      today,
      removedOn: lastRemoval(plans),
    },
    policy,
  );
  return ok({
    accountId,
    plan,
    current:
      state && plan?.status === 'active'
        ? {
            instalmentCents: state.instalmentCents,
            deferredCents: state.deferredCents,
            nextSettlementOn: state.nextSettlementOn,
          }
        : null,
    periods: state ? [...state.periods].reverse() : [],
    eligibility: verdict.ok
      ? { eligible: true, code: null, detail: null, instalmentCents: verdict.instalmentCents }
      : { eligible: false, code: verdict.code, detail: verdict.detail, instalmentCents: null },
  });
}
