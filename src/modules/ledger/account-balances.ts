import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import { funds, type Fund } from './types.ts';

export type AccountBalances = {
  readonly accountId: number;
  /** Receivable balance per fund (debits − credits): positive = the customer owes. Only
   * funds the account has receivable lines in, in chart order. */
  readonly byFund: readonly { readonly fund: Fund; readonly balanceCents: Cents }[];
  readonly totalCents: Cents;
  /** Deposits held for the account (credits − debits on `deposit.held:*`): positive = held. */
  readonly depositsHeldCents: Cents;
};

/**
 * A customer account's balances, derived from its journal lines every time — never stored,
 * so they cannot drift from the ledger. Uses the `(account_id, entry_id)` index.
 */
export async function accountBalances(q: Queryable, accountId: number): Promise<AccountBalances> {
  const r = await q.query<{ fund: Fund; kind: 'receivable' | 'deposit'; netCents: number }>(
    `SELECT l.fund,
            CASE WHEN g.is_receivable THEN 'receivable' ELSE 'deposit' END AS kind,
            sum(l.debit_cents - l.credit_cents)::int8 AS "netCents"
       FROM journal_line l JOIN gl_account g ON g.code = l.gl_account
      WHERE l.account_id = $1 AND (g.is_receivable OR g.code LIKE 'deposit.held:%')
      GROUP BY 1, 2`,
    [accountId],
  );
  const receivable = r.rows
    .filter((row) => row.kind === 'receivable')
    .sort((a, b) => funds.indexOf(a.fund) - funds.indexOf(b.fund))
    .map((row) => ({ fund: row.fund, balanceCents: cents(row.netCents) }));
  const deposits = r.rows.filter((row) => row.kind === 'deposit');
  return {
    accountId,
    byFund: receivable,
    totalCents: cents(receivable.reduce((s, row) => s + row.balanceCents, 0)),
    depositsHeldCents: cents(deposits.reduce((s, row) => s - row.netCents, 0)),
  };
}
