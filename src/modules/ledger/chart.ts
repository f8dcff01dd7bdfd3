import type { Queryable } from '../../db/index.ts';
import type { GlAccount } from './types.ts';

/**
 * The chart of accounts is data (migration 0010). It is small (tens of rows); bulk postings
 * read it whole (`loadChart`). The single-entry hot path (`postEntry`) resolves lines with
 * `cachedChart` and proves the cache still right in its insert statement (insert-entry.ts:
 * every line's code, fund and sub-ledger flag is an active GL account, or nothing is
 * written), reloading on any doubt: a code's fund and sub-ledger flag never change (0013
 * refuses it), only `active` and new accounts, and both are caught.
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

let cached: Chart | null = null;

/** The chart as last read by this process (read now if never); see `forgetCachedChart`. */
export async function cachedChart(q: Queryable): Promise<Chart> {
  cached ??= await loadChart(q);
  return cached;
}

/** Reads the chart again (inside `q`'s transaction) and keeps it as the cached one. */
export async function reloadChart(q: Queryable): Promise<Chart> {
  cached = await loadChart(q);
  return cached;
}
