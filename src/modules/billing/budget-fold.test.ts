import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate, type LocalDate } from '../../core/dates.ts';
import {
  budgetEligibility,
  foldBudget,
  holdMonths,
  levelize,
  type BudgetBill,
  type BudgetPlanFacts,
  type BudgetPolicy,
  type EligibilityFacts,
} from './budget-fold.ts';

const policy: BudgetPolicy = {
  varianceBp: 1000,
  historyBillsMin: 12,
  reviewThresholdBp: 20_000,
  reviewThresholdCents: 15_000,
  holdMonthsMax: 8,
  combinedWindow: [11, 12, 1],
  gasOnlyWindow: [6, 7, 8],
};

/** Monthly bills ending on the 1st of each month from `firstEnd`, with these totals. */
function bills(firstEnd: string, totals: readonly number[]): BudgetBill[] {
  const out: BudgetBill[] = [];
  let y = Number(firstEnd.slice(0, 4));
  let m = Number(firstEnd.slice(5, 7));
  let start = localDate(
    `${m === 1 ? y - 1 : y}-${String(m === 1 ? 12 : m - 1).padStart(2, '0')}-01`,
  );
  totals.forEach((t, i) => {
    const end = localDate(`${y}-${String(m).padStart(2, '0')}-01`);
    out.push({ billId: i + 1, periodStart: start, periodEnd: end, totalCents: t });
    start = end;
    m += 1;
    if (m === 13) [m, y] = [1, y + 1];
  });
  return out;
}

describe('budget billing (BIL-9), pure', () => {
  it('levelizes the 12-month total ÷ 12 + 10%, rounded to whole dollars', () => {
    // 120,000 ÷ 12 = 10,000 × 1.1 = 11,000 cents = $110.
    assert.equal(levelize(120_000, 1000), 11_000);
    // 100,000 ÷ 12 × 1.1 = 9,166.67 → $92 (9,200).
    assert.equal(levelize(100_000, 1000), 9_200);
    // 98,181 × 1.1 ÷ 12 = 8,999.93 → $90.
    assert.equal(levelize(98_181, 1000), 9_000);
    // 103,636 × 1.1 ÷ 12 = 9,499.97 → $95; 103,635 × 1.1 ÷ 12 = 9,499.88 → $95 too.
    assert.equal(levelize(103_636, 1000), 9_500);
    // Exactly half a dollar rounds up: 12 × 9,450 = 113,400 with no variance → $94.50 → $95.
    assert.equal(levelize(113_400, 0), 9_500);
    assert.equal(levelize(-5_000, 1000), 0);
  });

  const facts = (over: Partial<EligibilityFacts>): EligibilityFacts => ({
    accountClass: 'residential',
    accountStatus: 'active',
    onPlan: false,
    services: ['water', 'wastewater', 'electric'],
    bills: bills('2025-12-01', Array(12).fill(10_000)),
    balanceCents: 0,
    today: localDate('2026-11-26'),
    removedOn: null,
    ...over,
  });
  const refusals: readonly (readonly [string, Partial<EligibilityFacts>, string])[] = [
    ['an account already on a plan', { onPlan: true }, 'budget_already_enrolled'],
    ['a commercial account', { accountClass: 'commercial' }, 'budget_residential_only'],
    ['combined services in September', { today: localDate('2026-09-10') }, 'budget_outside_window'],
    ['gas only in November', { services: ['gas'] }, 'budget_outside_window'],
    [
      'eleven bills',
      { bills: bills('2026-01-01', Array(11).fill(10_000)) },
      'budget_history_too_short',
    ],
    ['a balance still owed', { balanceCents: 1 }, 'budget_balance_unpaid'],
    ['a closed account', { accountStatus: 'closed' }, 'account_closed'],
    [
      'a late payer in the same window',
      { removedOn: localDate('2026-11-02') },
      'budget_removed_this_window',
    ],
  ];
  for (const [name, over, code] of refusals) {
    it(`refuses ${name} with ${code}`, () => {
      const r = budgetEligibility(facts(over), policy);
      assert.equal(r.ok ? 'ok' : r.code, code);
    });
  }

  it('counts only consecutive bills: a gap restarts the 12 months', () => {
    const b = bills('2025-12-01', Array(12).fill(10_000));
    const gap = [...b.slice(0, 5), ...b.slice(6)];
    const r = budgetEligibility(facts({ bills: gap }), policy);
    assert.deepEqual(r.ok ? 'ok' : [r.code, r.detail], [
      'budget_history_too_short',
      '6 consecutive monthly bills; 12 needed',
    ]);
  });

  it('enrols a paid-up residential account with the levelized instalment; gas only in July', () => {
    // 12 × $100 = $1,200 ÷ 12 × 1.1 = $110.
    assert.deepEqual(budgetEligibility(facts({}), policy), {
      ok: true,
      instalmentCents: 11_000,
      basisTotalCents: 120_000,
    });
    const gas = budgetEligibility(
      facts({ services: ['gas'], today: localDate('2026-07-01'), balanceCents: -500 }),
      policy,
    );
    assert.equal(gas.ok, true);
  });

  const plan = (over: Partial<BudgetPlanFacts> = {}): BudgetPlanFacts => ({
    enrolledOn: localDate('2025-12-15'),
    anniversaryOn: localDate('2026-12-15'),
    instalmentCents: 11_000,
    endedOn: null,
    holdFrom: null,
    holdThrough: null,
    ...over,
  });

  it('asks for the instalment and defers the difference', () => {
    // History to 2025-12-01, then Jan 1 $130 (+20), Feb 1 $90 (−20), Mar 1 $125 (+15).
    const all = bills('2024-12-01', [...Array(13).fill(10_000), 13_000, 9_000, 12_500]);
    const s = foldBudget(plan(), all, policy);
    assert.deepEqual(
      s.periods.map((x) => [
        x.periodEnd,
        x.actualCents,
        x.amountDueCents,
        x.deferredAfterCents,
        x.event,
      ]),
      [
        ['2026-01-01', 13_000, 11_000, 2_000, null],
        ['2026-02-01', 9_000, 11_000, 0, null],
        ['2026-03-01', 12_500, 11_000, 1_500, null],
      ],
    );
    assert.equal(s.instalmentCents, 11_000);
    assert.equal(s.nextSettlementOn, '2026-12-15');
  });

  it('reviews the instalment when the deferral passes the larger of 2 instalments and $150', () => {
    // Summer bills of $250 against $110: +140, +280 > 220 → review on the 2nd. Last 12 bills:
    // 10 × $100 + 2 × $250 = $1,500, + $280 deferred = $1,780 ÷ 12 × 1.1 = $163.17 → $163.
    const all = bills('2025-03-01', [...Array(10).fill(10_000), 25_000, 25_000]);
    const s = foldBudget(plan({ enrolledOn: localDate('2025-12-15') }), all, policy);
    assert.deepEqual(
      s.periods.map((x) => [x.periodEnd, x.deferredAfterCents, x.event]),
      [
        ['2026-01-01', 14_000, null],
        ['2026-02-01', 28_000, 'review'],
      ],
    );
    assert.equal(s.instalmentCents, 16_300);
  });

  it('settles on the first bill on or after the anniversary and starts a new year', () => {
    // 12 plan bills of $120 against $110: +$10 each; the bill ending 2026-12-01 is before
    // the anniversary (deferred $120 after 12), the 13th, ending 2027-01-01, settles $130.
    const all = bills('2025-01-01', [...Array(12).fill(10_000), ...Array(12).fill(12_000)]);
    const s = foldBudget(plan(), all, policy);
    const last = s.periods.at(-1)!;
    assert.equal(s.periods.length, 12);
    assert.deepEqual(
      [
        last.periodEnd,
        last.instalmentCents,
        last.settlementCents,
        last.amountDueCents,
        last.deferredAfterCents,
        last.event,
      ],
      ['2026-12-01', 11_000, 0, 11_000, 12_000, null],
    );
    const more = foldBudget(
      plan(),
      bills('2025-01-01', [...Array(12).fill(10_000), ...Array(13).fill(12_000)]),
      policy,
    );
    const settled = more.periods.at(-1)!;
    // Deferred 13 × $10 = $130: due $110 + $130 = $240; next year 12 × $120 × 1.1 ÷ 12 = $132.
    assert.deepEqual(
      [settled.periodEnd, settled.settlementCents, settled.amountDueCents, settled.event],
      ['2027-01-01', 13_000, 24_000, 'settlement'],
    );
    assert.deepEqual(
      [more.instalmentCents, more.deferredCents, more.nextSettlementOn],
      [13_200, 0, '2027-12-15'],
    );
  });

  it('credits an overpaid year and never asks for less than zero', () => {
    // 13 plan bills of $20 against $110 (no review): −$90 each, −$1,170 at settlement: due
    // max(0, 110 − 1,170) = 0.
    const all = bills('2025-01-01', [...Array(12).fill(10_000), ...Array(13).fill(2_000)]);
    const noReview = { ...policy, reviewThresholdCents: 10_000_000 };
    const settled = foldBudget(plan(), all, noReview).periods.filter(
      (x) => x.event === 'settlement',
    );
    assert.deepEqual(
      settled.map((x) => [x.settlementCents, x.amountDueCents]),
      [[-117_000, 0]],
    );
  });

  it('asks for the actual charges during a seasonal hold and keeps the deferral', () => {
    const all = bills('2024-12-01', [...Array(13).fill(10_000), 13_000, 3_000, 3_000, 13_000]);
    const held = plan({ holdFrom: localDate('2026-01-15'), holdThrough: localDate('2026-03-15') });
    assert.deepEqual(
      foldBudget(held, all, policy).periods.map((x) => [
        x.periodEnd as LocalDate,
        x.amountDueCents,
        x.deferredAfterCents,
        x.event,
      ]),
      [
        ['2026-01-01', 11_000, 2_000, null],
        ['2026-02-01', 3_000, 2_000, 'hold'],
        ['2026-03-01', 3_000, 2_000, 'hold'],
        ['2026-04-01', 11_000, 4_000, null],
      ],
    );
  });

  it('stops at the end of the plan', () => {
    const all = bills('2024-12-01', [...Array(13).fill(10_000), 13_000, 13_000]);
    const s = foldBudget(plan({ endedOn: localDate('2026-01-10') }), all, policy);
    assert.equal(s.periods.length, 1);
  });

  it('measures a hold in months of 30.42 days, rounded up', () => {
    assert.equal(holdMonths(localDate('2026-05-01'), localDate('2026-06-01')), 2); // 31 days
    assert.equal(holdMonths(localDate('2026-05-01'), localDate('2026-05-31')), 1);
    assert.equal(holdMonths(localDate('2026-05-01'), localDate('2026-12-27')), 8); // 240 days
    assert.equal(holdMonths(localDate('2026-05-01'), localDate('2026-12-31')), 9); // 244 days
  });
});
