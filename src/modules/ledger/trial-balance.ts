import { assert } from '../../core/assert.ts';
import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { Fund, GlAccountType } from './types.ts';

export type TrialBalanceRow = {
  readonly glAccount: string;
  readonly name: string;
  readonly fund: Fund;
  readonly type: GlAccountType;
  /** The classic trial balance: the net balance in its debit or its credit column. */
  readonly debitCents: Cents;
  readonly creditCents: Cents;
  /** The net balance signed by the account's normal side: positive is normal. */
  readonly balanceCents: Cents;
};

export type TrialBalance = {
  readonly rows: readonly TrialBalanceRow[];
  readonly totalDebitCents: Cents;
  readonly totalCreditCents: Cents;
};

/**
 * Every GL account's balance from the journal (entries effective on or before `asOf` when
 * given), in chart order, with the column totals; they are equal because every entry
 * balances.
 */
export async function trialBalance(
  q: Queryable,
  options: { readonly asOf?: LocalDate },
): Promise<TrialBalance> {
  const r = await q.query<{
    glAccount: string;
    name: string;
    fund: Fund;
    type: GlAccountType;
    normalBalance: 'debit' | 'credit';
    netCents: number;
  }>(
    `SELECT g.code AS "glAccount", g.name, g.fund, g.type, g.normal_balance AS "normalBalance",
            coalesce(s.net, 0)::int8 AS "netCents"
       FROM gl_account g
       JOIN gl_fund f ON f.code = g.fund
       LEFT JOIN (
         SELECT l.gl_account, sum(l.debit_cents - l.credit_cents) AS net
           FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
          WHERE $1::date IS NULL OR e.effective_date <= $1::date
          GROUP BY l.gl_account) s ON s.gl_account = g.code
      ORDER BY f.sort_order, g.code`,
    [options.asOf ?? null],
  );
  let debit = 0;
  let credit = 0;
  const rows = r.rows.map((row): TrialBalanceRow => {
    const net = row.netCents;
    debit += Math.max(net, 0);
    credit += Math.max(-net, 0);
    return {
      glAccount: row.glAccount,
      name: row.name,
      fund: row.fund,
      type: row.type,
      debitCents: cents(Math.max(net, 0)),
      creditCents: cents(Math.max(-net, 0)),
      balanceCents: cents(row.normalBalance === 'debit' ? net : -net || 0),
    };
  });
  assert(debit === credit, `trial balance does not balance: ${debit} ≠ ${credit}`);
  return { rows, totalDebitCents: cents(debit), totalCreditCents: cents(credit) };
}
