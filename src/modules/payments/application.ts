import { compareDates, type LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Fund } from '../ledger/index.ts';
import type { AppliedLine, Bucket } from './types.ts';

/** Something the account owes that a payment can pay, in one fund. */
export type OpenItem = {
  readonly bucket: Bucket;
  readonly fund: Fund;
  /** `receivable:<fund>`, or `deposit.held:<fund>` for a deposit due. */
  readonly glAccount: string;
  /** Null: older than every bill we know (opening balances, fees before the first bill). */
  readonly dueDate: LocalDate | null;
  readonly amountCents: Cents;
};

/** The application policy in effect (payment_application_policy, effective-dated data). */
export type ApplicationRules = {
  /** Buckets in order of priority; a bucket not listed is never paid by a payment. */
  readonly buckets: readonly Bucket[];
  /** Breaks ties between funds with the same due date. */
  readonly fundOrder: readonly Fund[];
  /** Where what is left over goes: a credit balance on `receivable:<fund>`. */
  readonly overpaymentFund: Fund;
};

export type Application = {
  readonly lines: readonly AppliedLine[];
  readonly overpaymentCents: Cents;
};

/** Null due dates (the oldest debt) first, then by date. */
function byDueDate(a: LocalDate | null, b: LocalDate | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compareDates(a, b);
}

/**
 * Applies a payment to what an account owes (PAY-1), pure: bucket by bucket in the rules'
 * order; inside a bucket the oldest due date first, then the rules' fund order. Each item
 * takes what is left, up to its amount; the remainder is an overpayment, a credit on
 * `receivable:<overpaymentFund>`. The lines always sum to `amountCents`: no cent is lost.
 */
export function applyPayment(
  amountCents: Cents,
  items: readonly OpenItem[],
  rules: ApplicationRules,
): Application {
  const rank = (f: Fund): number => {
    const i = rules.fundOrder.indexOf(f);
    return i === -1 ? rules.fundOrder.length : i;
  };
  const ordered = items
    .filter((i) => i.amountCents > 0 && rules.buckets.includes(i.bucket))
    .slice()
    .sort(
      (a, b) =>
        rules.buckets.indexOf(a.bucket) - rules.buckets.indexOf(b.bucket) ||
        byDueDate(a.dueDate, b.dueDate) ||
        rank(a.fund) - rank(b.fund),
    );
  const lines: AppliedLine[] = [];
  let left = amountCents as number;
  for (const item of ordered) {
    if (left === 0) break;
    const part = Math.min(left, item.amountCents);
    lines.push({
      bucket: item.bucket,
      fund: item.fund,
      glAccount: item.glAccount,
      amountCents: cents(part),
      dueDate: item.dueDate,
    });
    left -= part;
  }
  if (left > 0) {
    lines.push({
      bucket: 'overpayment',
      fund: rules.overpaymentFund,
      glAccount: `receivable:${rules.overpaymentFund}`,
      amountCents: cents(left),
      dueDate: null,
    });
  }
  return { lines, overpaymentCents: cents(left) };
}

/** One issued bill's receivable per fund, and its due date (billing `openBillsOf`). */
export type BillDue = {
  readonly dueDate: LocalDate;
  readonly byFund: readonly { readonly fund: Fund; readonly amountCents: Cents }[];
};

/**
 * What an account owes as open items (pure). A fund's receivable balance is attributed to
 * the newest bills first — earlier payments paid the oldest debt, so what is left is the most
 * recent — up to each bill's amount in that fund; a bill due on or after `asOf` is current,
 * an earlier one past due; what no bill explains is past due with no date (the oldest).
 * Funds in credit owe nothing. A deposit due comes first as its own item.
 */
export function openItemsOf(facts: {
  readonly balances: readonly { readonly fund: Fund; readonly balanceCents: Cents }[];
  readonly billsNewestFirst: readonly BillDue[];
  readonly asOf: LocalDate;
  readonly depositDue: { readonly fund: Fund; readonly amountCents: Cents } | null;
}): OpenItem[] {
  const items: OpenItem[] = [];
  const d = facts.depositDue;
  if (d !== null && d.amountCents > 0) {
    items.push({
      bucket: 'deposit',
      fund: d.fund,
      glAccount: `deposit.held:${d.fund}`,
      dueDate: null,
      amountCents: d.amountCents,
    });
  }
  for (const { fund, balanceCents } of facts.balances) {
    let left = balanceCents as number;
    const glAccount = `receivable:${fund}`;
    for (const bill of facts.billsNewestFirst) {
      if (left <= 0) break;
      const billed = bill.byFund.find((f) => f.fund === fund)?.amountCents ?? 0;
      const part = Math.min(left, billed);
      if (part <= 0) continue;
      const current = compareDates(bill.dueDate, facts.asOf) >= 0;
      const bucket = current ? 'current' : 'past_due';
      items.push({ bucket, fund, glAccount, dueDate: bill.dueDate, amountCents: cents(part) });
      left -= part;
    }
    if (left > 0) {
      items.push({ bucket: 'past_due', fund, glAccount, dueDate: null, amountCents: cents(left) });
    }
  }
  return items;
}
