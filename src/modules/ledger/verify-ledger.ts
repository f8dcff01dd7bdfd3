import { limits } from '../../core/limits.ts';
import type { Queryable } from '../../db/index.ts';

export type LedgerCheck = { readonly name: string; readonly ok: boolean; readonly detail: string };
export type LedgerVerification = { readonly ok: boolean; readonly checks: readonly LedgerCheck[] };

/**
 * Each check is one set-based query returning the offending rows as text (the database
 * stops at the first `limits.ledgerVerifyExamplesMax + 1`, so a badly broken ledger does
 * not flood the report) — scans and hash joins, fast at millions of lines.
 */
const checks: readonly { name: string; what: string; sql: string }[] = [
  {
    name: 'entries_balance',
    what: 'entries with fewer than 2 lines or debits ≠ credits',
    sql: `SELECT 'entry ' || e.id FROM journal_entry e
            LEFT JOIN (SELECT entry_id, count(*) AS n, sum(debit_cents) AS d,
                              sum(credit_cents) AS c
                         FROM journal_line GROUP BY entry_id) s ON s.entry_id = e.id
           WHERE s.entry_id IS NULL OR s.n < 2 OR s.d <> s.c`,
  },
  {
    name: 'lines_one_sided',
    what: 'lines without exactly one positive side',
    sql: `SELECT 'line ' || entry_id || '/' || line_no FROM journal_line
           WHERE debit_cents < 0 OR credit_cents < 0 OR (debit_cents > 0) = (credit_cents > 0)`,
  },
  {
    name: 'subledger_lines_name_account',
    what:
      'receivable/deposit lines without an account id, other lines with one, or a fund ' +
      "that is not the GL account's",
    sql: `SELECT 'line ' || l.entry_id || '/' || l.line_no || ' on ' || l.gl_account
            FROM journal_line l JOIN gl_account g ON g.code = l.gl_account
           WHERE g.has_subledger <> (l.account_id IS NOT NULL) OR l.fund <> g.fund`,
  },
  {
    name: 'subledger_equals_control',
    what:
      'sub-ledger accounts (receivable per fund, deposits held) whose sum over customer ' +
      'accounts differs from the control account',
    sql: `WITH per_account AS (
            SELECT gl_account, account_id, sum(debit_cents - credit_cents) AS bal
              FROM journal_line WHERE account_id IS NOT NULL GROUP BY 1, 2),
          sub AS (SELECT gl_account, sum(bal) AS s FROM per_account GROUP BY 1),
          ctl AS (SELECT gl_account, sum(debit_cents - credit_cents) AS c
                    FROM journal_line GROUP BY 1)
          SELECT g.code || ': control ' || coalesce(ctl.c, 0)
                 || ', sub-ledger ' || coalesce(sub.s, 0)
            FROM gl_account g LEFT JOIN ctl ON ctl.gl_account = g.code
            LEFT JOIN sub ON sub.gl_account = g.code
           WHERE g.has_subledger AND coalesce(ctl.c, 0) <> coalesce(sub.s, 0)`,
  },
  {
    name: 'reversal_targets',
    what: 'reversals of a missing entry or of a reversal, or entries reversed more than once',
    sql: `SELECT 'reversal ' || r.id || ' of ' || coalesce(r.reverses_entry_id::text, 'nothing')
            FROM journal_entry r LEFT JOIN journal_entry o ON o.id = r.reverses_entry_id
           WHERE (r.kind = 'reversal') <> (r.reverses_entry_id IS NOT NULL)
              OR (r.reverses_entry_id IS NOT NULL AND (o.id IS NULL OR o.kind = 'reversal'))
          UNION ALL
          SELECT 'entry ' || reverses_entry_id || ' reversed ' || count(*) || ' times'
            FROM journal_entry WHERE reverses_entry_id IS NOT NULL
           GROUP BY reverses_entry_id HAVING count(*) > 1`,
  },
  {
    name: 'reversals_mirror_originals',
    what: 'reversals whose lines are not the mirror of the original entry',
    sql: `WITH rl AS (
            SELECT e.id AS rid, l.gl_account, coalesce(l.account_id, 0) AS acct,
                   sum(l.debit_cents - l.credit_cents) AS net
              FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
             WHERE e.reverses_entry_id IS NOT NULL GROUP BY 1, 2, 3),
          ol AS (
            SELECT e.id AS rid, l.gl_account, coalesce(l.account_id, 0) AS acct,
                   sum(l.credit_cents - l.debit_cents) AS net
              FROM journal_entry e JOIN journal_line l ON l.entry_id = e.reverses_entry_id
             GROUP BY 1, 2, 3)
          SELECT DISTINCT 'reversal ' || coalesce(rl.rid, ol.rid)
            FROM rl FULL JOIN ol ON ol.rid = rl.rid AND ol.gl_account = rl.gl_account
                                AND ol.acct = rl.acct
           WHERE rl.net IS DISTINCT FROM ol.net`,
  },
  {
    name: 'no_orphan_lines',
    what: 'lines whose entry or GL account does not exist',
    sql: `SELECT 'line ' || l.entry_id || '/' || l.line_no FROM journal_line l
           WHERE NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = l.entry_id)
              OR NOT EXISTS (SELECT 1 FROM gl_account g WHERE g.code = l.gl_account)`,
  },
  {
    name: 'trial_balance',
    what: 'total debits ≠ total credits over the whole journal',
    sql: `SELECT 'debits ' || d || ', credits ' || c
            FROM (SELECT coalesce(sum(debit_cents), 0) AS d, coalesce(sum(credit_cents), 0) AS c
                    FROM journal_line) t
           WHERE d <> c`,
  },
];

/**
 * Checks every ledger invariant over the whole database (`npx cis ledger verify`, the
 * nightly job). The database already refuses most of these at write time; this catches what
 * slipped past it (triggers disabled, replication in replica mode, a restored dump, a bug).
 * For one consistent picture run it in a REPEATABLE READ transaction.
 */
export async function verifyLedger(q: Queryable): Promise<LedgerVerification> {
  const results: LedgerCheck[] = [];
  const examplesMax = limits.ledgerVerifyExamplesMax;
  for (const c of checks) {
    const r = await q.query<{ problem: string }>(
      `SELECT problem FROM (${c.sql}) AS found (problem) ORDER BY 1 LIMIT $1`,
      [examplesMax + 1],
    );
    const found = r.rows.map((row) => row.problem);
    const shown = found.slice(0, examplesMax).join('; ');
    const count = found.length > examplesMax ? `more than ${examplesMax}` : String(found.length);
    results.push({
      name: c.name,
      ok: found.length === 0,
      detail: found.length === 0 ? `none: ${c.what}` : `${count} ${c.what}: ${shown}`,
    });
  }
  return { ok: results.every((c) => c.ok), checks: results };
}

/** The report `cis ledger verify` prints: one line per check, then a verdict. */
export function formatVerifyReport(result: LedgerVerification): string {
  const width = Math.max(...result.checks.map((c) => c.name.length));
  const lines = result.checks.map(
    (c) => `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}`,
  );
  const failed = result.checks.filter((c) => !c.ok).length;
  lines.push(
    failed === 0
      ? `ledger verify: all ${result.checks.length} checks passed`
      : `ledger verify: ${failed} of ${result.checks.length} checks FAILED`,
  );
  return `${lines.join('\n')}\n`;
}
