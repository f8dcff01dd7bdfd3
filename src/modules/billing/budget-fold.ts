import { daysBetween, type LocalDate } from '../../core/dates.ts';

/**
 * Budget (levelized) billing, the pure part (BIL-9; demo-city-facts.md §9.4): the
 * instalment, eligibility, and the fold of a plan over the account's bills (instalment,
 * review, hold, yearly settlement). No database, no clock. Amounts are integer cents.
 */

/** Policy as data (migrations/0089 `budget_policy`). */
export type BudgetPolicy = {
  /** The "energy variance" added to the 12-month average, in basis points (1000 = 10%). */
  readonly varianceBp: number;
  /** Consecutive bills needed to enrol (12 months at the residence). */
  readonly historyBillsMin: number;
  /** Review when |deferred| exceeds this share of the instalment (bp) … */
  readonly reviewThresholdBp: number;
  /** … and this many cents (the larger of the two). */
  readonly reviewThresholdCents: number;
  readonly holdMonthsMax: number;
  /** Enrolment months (1–12): combined services / gas only. */
  readonly combinedWindow: readonly number[];
  readonly gasOnlyWindow: readonly number[];
};

/**
 * The instalment: the bills' total ÷ 12 × (1 + variance), rounded half up to whole dollars.
 * Integer arithmetic: cents = total × (10000 + bp) / 120000, then to the nearest 100.
 */
export function levelize(totalCents: number, varianceBp: number): number {
  const num = Math.max(0, totalCents) * (10_000 + varianceBp);
  const den = 12 * 10_000 * 100;
  return Math.floor((2 * num + den) / (2 * den)) * 100;
}

export type BudgetBill = {
  readonly billId: number;
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly totalCents: number;
  /** When the bill is due (the late-payment rule); absent in pure tests. */
  readonly dueDate?: LocalDate;
};

/** Trailing bills whose periods join end to start (the last one first), oldest first. */
export function consecutiveBills(bills: readonly BudgetBill[]): readonly BudgetBill[] {
  const out: BudgetBill[] = [];
  for (let i = bills.length - 1; i >= 0; i--) {
    const b = bills[i]!;
    if (out.length > 0 && b.periodEnd !== out[0]!.periodStart) break;
    out.unshift(b);
  }
  return out;
}

export type EligibilityFacts = {
  readonly accountClass: string;
  readonly accountStatus: string;
  readonly onPlan: boolean;
  /** Services of the active agreements. */
  readonly services: readonly string[];
  /** The account's issued bills, oldest first. */
  readonly bills: readonly BudgetBill[];
  /** Receivable balance from the ledger: > 0 = owes. */
  readonly balanceCents: number;
  readonly today: LocalDate;
  /** When a plan was last removed after a late payment (null: never). */
  readonly removedOn: LocalDate | null;
};

/** A late payer waits for the next window: no re-enrolment within a window's length. */
export const reenrolAfterRemovalDays = 92;

export type EnrolRefusal =
  | 'budget_already_enrolled'
  | 'account_closed'
  | 'budget_residential_only'
  | 'budget_removed_this_window'
  | 'budget_outside_window'
  | 'budget_history_too_short'
  | 'budget_balance_unpaid';

/** Gas-only customers enrol in their own (summer) window; everyone else Nov–Jan. */
export function isGasOnly(services: readonly string[]): boolean {
  return services.length > 0 && services.every((s) => s === 'gas');
}

/** The first refusal, or the instalment and its basis (the last 12 consecutive bills). */
export function budgetEligibility(
  f: EligibilityFacts,
  p: BudgetPolicy,
):
  | { readonly ok: false; readonly code: EnrolRefusal; readonly detail: string }
  | { readonly ok: true; readonly instalmentCents: number; readonly basisTotalCents: number } {
  const no = (code: EnrolRefusal, detail: string) => ({ ok: false as const, code, detail });
  if (f.onPlan) return no('budget_already_enrolled', 'the account is on budget billing');
  if (f.accountStatus === 'closed') return no('account_closed', 'the account is closed');
  if (f.accountClass !== 'residential') {
    return no('budget_residential_only', 'budget billing is for residential accounts');
  }
  if (f.removedOn !== null && daysBetween(f.removedOn, f.today) < reenrolAfterRemovalDays) {
    return no('budget_removed_this_window', `removed after a late payment on ${f.removedOn}`);
  }
  const month = Number(f.today.slice(5, 7));
  const window = isGasOnly(f.services) ? p.gasOnlyWindow : p.combinedWindow;
  if (!window.includes(month)) {
    return no('budget_outside_window', `enrolment months: ${window.join(', ')}`);
  }
  const run = consecutiveBills(f.bills);
  if (run.length < p.historyBillsMin) {
    return no(
      'budget_history_too_short',
      `${run.length} consecutive monthly bills; ${p.historyBillsMin} needed`,
    );
  }
  if (f.balanceCents > 0) {
    return no('budget_balance_unpaid', `balance ${f.balanceCents} cents must be paid in full`);
  }
  const basis = run.slice(-p.historyBillsMin).reduce((s, b) => s + b.totalCents, 0);
  return { ok: true, instalmentCents: levelize(basis, p.varianceBp), basisTotalCents: basis };
}

export type BudgetPlanFacts = {
  readonly enrolledOn: LocalDate;
  readonly anniversaryOn: LocalDate;
  readonly instalmentCents: number;
  /** When the plan ended (left or removed): later bills are not budget bills. */
  readonly endedOn: LocalDate | null;
  readonly holdFrom: LocalDate | null;
  readonly holdThrough: LocalDate | null;
};

export type BudgetEvent = 'review' | 'settlement' | 'hold';

/** One bill under the plan. `deferredAfterCents` > 0: billed more than asked so far. */
export type BudgetPeriod = {
  readonly billId: number;
  readonly periodEnd: LocalDate;
  readonly actualCents: number;
  readonly instalmentCents: number;
  readonly settlementCents: number;
  readonly amountDueCents: number;
  readonly deferredAfterCents: number;
  readonly event: BudgetEvent | null;
};

export type BudgetState = {
  readonly periods: readonly BudgetPeriod[];
  /** The instalment the next bill will ask for. */
  readonly instalmentCents: number;
  readonly deferredCents: number;
  readonly nextSettlementOn: LocalDate;
};

function nextYear(d: LocalDate): LocalDate {
  const y = Number(d.slice(0, 4)) + 1;
  const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
  return `${y}-${md}` as LocalDate;
}

function reviewDue(deferred: number, instalment: number, p: BudgetPolicy): boolean {
  const share = Math.floor((instalment * p.reviewThresholdBp) / 10_000);
  return Math.abs(deferred) > Math.max(share, p.reviewThresholdCents);
}

/**
 * Folds the plan over the account's bills (all issued bills, oldest first): each bill ending
 * after enrolment (and not after the plan ended) asks for the instalment and adds
 * actual − instalment to the deferred balance. A bill inside a seasonal hold asks for its
 * actual charges and leaves the deferral alone. When |deferred| drifts past the review
 * threshold the next instalment is recomputed from the last 12 bills plus the deferral. The
 * first bill ending on or after the anniversary settles: it asks for instalment + deferred
 * (never below zero; a larger credit stays on the ledger balance), and the next year's
 * instalment is the last 12 bills levelized.
 */
export function foldBudget(
  plan: BudgetPlanFacts,
  bills: readonly BudgetBill[],
  p: BudgetPolicy,
): BudgetState {
  let instalment = plan.instalmentCents;
  let deferred = 0;
  let anniversary = plan.anniversaryOn;
  const periods: BudgetPeriod[] = [];
  bills.forEach((b, i) => {
    if (b.periodEnd <= plan.enrolledOn) return;
    if (plan.endedOn !== null && b.periodEnd > plan.endedOn) return;
    const last12 = bills.slice(Math.max(0, i - 11), i + 1).reduce((s, x) => s + x.totalCents, 0);
    const base = { billId: b.billId, periodEnd: b.periodEnd, actualCents: b.totalCents };
    const held =
      plan.holdFrom !== null &&
      plan.holdThrough !== null &&
      b.periodEnd > plan.holdFrom &&
      b.periodEnd <= plan.holdThrough;
    if (held) {
      periods.push({
        ...base,
        instalmentCents: 0,
        settlementCents: 0,
        amountDueCents: b.totalCents,
        deferredAfterCents: deferred,
        event: 'hold',
      });
      return;
    }
    deferred += b.totalCents - instalment;
    if (b.periodEnd >= anniversary) {
      const settlement = deferred;
      periods.push({
        ...base,
        instalmentCents: instalment,
        settlementCents: settlement,
        amountDueCents: Math.max(0, instalment + settlement),
        deferredAfterCents: 0,
        event: 'settlement',
      });
      deferred = 0;
      instalment = levelize(last12, p.varianceBp);
      while (anniversary <= b.periodEnd) anniversary = nextYear(anniversary);
      return;
    }
    const review = reviewDue(deferred, instalment, p);
    periods.push({
      ...base,
      instalmentCents: instalment,
      settlementCents: 0,
      amountDueCents: instalment,
      deferredAfterCents: deferred,
      event: review ? 'review' : null,
    });
    if (review) instalment = levelize(last12 + deferred, p.varianceBp);
  });
  return {
    periods,
    instalmentCents: instalment,
    deferredCents: deferred,
    nextSettlementOn: anniversary,
  };
}

/** Months (30.42 days) a hold spans, rounded up: a hold is 1 to `holdMonthsMax` months. */
export function holdMonths(from: LocalDate, through: LocalDate): number {
  return Math.ceil((daysBetween(from, through) * 100) / 3042);
}
