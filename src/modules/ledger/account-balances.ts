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

/**
 * Per fund, an account's net (debits − credits) on the GL accounts whose code starts with
 * `prefix`, optionally only in entries of the given kinds: one aggregate over the account's
 * lines (the `(account_id, entry_id)` index), for what a balance does not answer — what is
 * still written off (`write_off` less `recovery` receivable lines, PAY-9), deposits held.
 */
export async function accountNetByFund(
  q: Queryable,
  accountId: number,
  prefix: string,
  kinds?: readonly string[],
): Promise<Map<Fund, number>> {
  return (await accountsNetByFund(q, [accountId], prefix, kinds)).get(accountId) ?? new Map();
}

/** accountNetByFund of many accounts in one query (only accounts with such lines appear). */
export async function accountsNetByFund(
  q: Queryable,
  accountIds: readonly number[],
  prefix: string,
  kinds?: readonly string[],
): Promise<Map<number, Map<Fund, number>>> {
  const out = new Map<number, Map<Fund, number>>();
  if (accountIds.length === 0) return out;
  const r = await q.query<{ a: number; fund: Fund; net: number }>(
    `SELECT l.account_id AS a, l.fund, sum(l.debit_cents - l.credit_cents)::int8 AS net
       FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE l.account_id = ANY($1::bigint[]) AND starts_with(l.gl_account, $2)
        AND ($3::text[] IS NULL OR e.kind = ANY($3::text[]))
      GROUP BY 1, 2`,
    [accountIds, prefix, kinds ?? null],
  );
  for (const row of r.rows) {
    const id = Number(row.a);
    const byFund = out.get(id) ?? new Map<Fund, number>();
    byFund.set(row.fund, Number(row.net));
    out.set(id, byFund);
  }
  return out;
}
