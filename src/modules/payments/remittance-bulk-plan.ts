import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { funds, type Fund } from '../ledger/index.ts';
import { applyPayment, openItemsOf, type ApplicationRules, type BillDue } from './application.ts';
import type { AppliedLine } from './types.ts';

/**
 * What the application engine needs of one account, as read ONCE for a whole remittance file
 * (remittance-open-items.ts): the receivable balance per fund (chart order), the newest
 * issued bills, and the deposit still due. The planner below keeps it running: each payment
 * takes its part out, exactly as the ledger would show it to the next payment.
 */
export type ApplicationFacts = {
  /** Receivable balance per fund, chart order (ledger.accountBalances `byFund`). */
  readonly balances: Map<Fund, number>;
  readonly billsNewestFirst: readonly BillDue[];
  /** Deposit still required (null: none); its amount shrinks as payments pay it. */
  deposit: { readonly fund: Fund; amountCents: number } | null;
};

/** One matched item as the planner sees it. */
export type PlanItem = {
  readonly accountId: number;
  readonly amountCents: Cents;
  readonly effectiveDate: LocalDate;
};

/**
 * The application of every item, in file order (pure). For each item: the account's open
 * items as of the item's date are derived from the running facts with the same pure
 * `openItemsOf` that postPayment uses (via openItemsFor), then `applyPayment` by the rules in
 * effect on that date; what it paid leaves the running facts (a receivable line lowers its
 * fund's balance — an overpayment credits the overpayment fund — and a deposit line lowers
 * the deposit due). So the items of one account apply in turn, each to what the one before
 * left, as if each had been posted by postPayment after the other (which re-reads the
 * ledger): the balance is re-attributed to the newest bills every time, not decremented
 * item by item.
 */
export function planApplications<T extends PlanItem>(
  items: readonly T[],
  facts: Map<number, ApplicationFacts>,
  rulesOn: (date: LocalDate) => ApplicationRules,
  /** Called with each item's running facts before it applies (a bad-debt recovery grows
   * the receivable it then pays: remittance-post.ts). */
  before?: (item: T, facts: ApplicationFacts) => void,
): (readonly AppliedLine[])[] {
  const out: (readonly AppliedLine[])[] = [];
  for (const item of items) {
    let f = facts.get(item.accountId);
    if (f === undefined) {
      f = { balances: new Map(), billsNewestFirst: [], deposit: null };
      facts.set(item.accountId, f);
    }
    before?.(item, f);
    const balances: { fund: Fund; balanceCents: Cents }[] = [];
    for (const [fund, b] of f.balances) balances.push({ fund, balanceCents: cents(b) });
    // chart order, as ledger.accountBalances gives it (a fund first credited here comes last)
    if (balances.length > 1) balances.sort((a, b) => funds.indexOf(a.fund) - funds.indexOf(b.fund));
    const d = f.deposit;
    const open = openItemsOf({
      balances,
      billsNewestFirst: f.billsNewestFirst,
      asOf: item.effectiveDate,
      depositDue: d === null ? null : { fund: d.fund, amountCents: cents(d.amountCents) },
    });
    const lines = applyPayment(item.amountCents, open, rulesOn(item.effectiveDate)).lines;
    for (const l of lines) {
      if (l.bucket === 'deposit') {
        if (d !== null) d.amountCents -= l.amountCents;
      } else {
        // past due, current and the overpayment are all `receivable:<fund>` credits
        f.balances.set(l.fund, (f.balances.get(l.fund) ?? 0) - l.amountCents);
      }
    }
    out.push(lines);
  }
  return out;
}
