import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import { openBillsOf } from '../billing/index.ts';
import { accountBalances, type Fund } from '../ledger/index.ts';
import { feeAsOf } from '../rates/index.ts';
import { openItemsOf, type OpenItem } from './application.ts';

/**
 * What open items need of an account: its id and the deposits still required (customers'
 * `getAccountOverview` has this shape; hot paths build it from `accountFacts`).
 */
export type OpenItemsAccount = {
  readonly account: { readonly accountId: number };
  readonly depositRequirements: readonly {
    readonly feeCode: string;
    readonly amountCents: number;
  }[];
};

/**
 * What the account owes today as open items: receivable balances per fund from the ledger,
 * split into past due and current by the account's bills (billing `openBillsOf`), and a
 * deposit due = required deposits − deposits held (its fund from the deposit's fee).
 * Payment arrangements do not exist yet (COL-4): that bucket is always empty.
 */
export async function openItemsFor(
  q: Queryable,
  account: OpenItemsAccount,
  asOf: LocalDate,
): Promise<OpenItem[]> {
  const accountId = account.account.accountId;
  const balances = await accountBalances(q, accountId);
  const bills = await openBillsOf(q, accountId);
  return openItemsOf({
    balances: balances.byFund,
    billsNewestFirst: bills,
    asOf,
    depositDue: await depositDue(q, account, balances.depositsHeldCents, asOf),
  });
}

async function depositDue(
  q: Queryable,
  account: OpenItemsAccount,
  heldCents: number,
  asOf: LocalDate,
): Promise<{ fund: Fund; amountCents: ReturnType<typeof cents> } | null> {
  const required = account.depositRequirements;
  const first = required[0];
  if (!first) return null;
  const total = required.reduce((s, r) => s + Number(r.amountCents), 0);
  const due = total - heldCents;
  if (due <= 0) return null;
  const fee = await feeAsOf(q, first.feeCode, asOf);
  const fund: Fund = fee.ok ? fee.value.fund : 'general';
  return { fund, amountCents: cents(due) };
}
