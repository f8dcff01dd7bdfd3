import type { Queryable } from '../../db/index.ts';
import type { GlAccount } from './types.ts';

/**
 * The chart of accounts is data (migration 0010). It is small (tens of rows), so each
 * posting reads it whole: no process-level cache that could go stale when the utility
 * edits the chart.
 */
export async function listGlAccounts(q: Queryable): Promise<GlAccount[]> {
  const r = await q.query<GlAccount>(
    `SELECT a.code, a.name, a.type, a.fund, a.normal_balance AS "normalBalance",
            a.is_receivable AS "isReceivable", a.has_subledger AS "hasSubledger", a.active
       FROM gl_account a JOIN gl_fund f ON f.code = a.fund
      ORDER BY f.sort_order, a.code`,
  );
  return r.rows;
}

export type Chart = ReadonlyMap<string, GlAccount>;

export async function loadChart(q: Queryable): Promise<Chart> {
  const accounts = await listGlAccounts(q);
  return new Map(accounts.map((a) => [a.code, a]));
}
