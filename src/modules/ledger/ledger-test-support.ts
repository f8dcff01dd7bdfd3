import { localDate, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import type { Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import type { JournalLineInput, LedgerContext, PostEntryInput } from './types.ts';

/** Shared by the ledger's tests only: a fixed clock and actor, and short entry builders. */
export const testCtx: LedgerContext = {
  actor: systemActor('ledger-test'),
  now: new Date('2026-11-24T17:00:00Z'),
};

export const day: LocalDate = localDate('2026-11-24');

export function dr(glAccount: string, amount: number, accountId?: number): JournalLineInput {
  return { glAccount, debitCents: cents(amount), ...(accountId ? { accountId } : {}) };
}

export function cr(glAccount: string, amount: number, accountId?: number): JournalLineInput {
  return { glAccount, creditCents: cents(amount), ...(accountId ? { accountId } : {}) };
}

/** A water bill of `amount` cents for `accountId`. */
export function bill(sourceRef: string, accountId: number, amount: number): PostEntryInput {
  return {
    kind: 'bill',
    sourceRef,
    effectiveDate: day,
    memo: 'water bill',
    lines: [dr('receivable:water', amount, accountId), cr('revenue.service:water', amount)],
  };
}

/**
 * Runs raw SQL statements in one transaction on a dedicated connection, bypassing the
 * service functions, so a test can show what the database itself refuses. The error (if
 * any) is rethrown after the connection is cleaned up; COMMIT errors included.
 */
export async function rawTransaction(db: Database, statements: readonly string[]): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    try {
      for (const sql of statements) await client.query(sql);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    client.release();
  }
}

/** The INSERT of an entry header with a fixed source reference, for raw-SQL tests. */
export function rawEntrySql(sourceRef: string, kind = 'manual'): string {
  return `INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date, posted_at,
            memo, actor_kind, actor_name)
          VALUES ('${kind}', '${sourceRef}', repeat('0', 64), '2026-11-24', now(), 'raw', 'system',
            'test')`;
}

/** The INSERT of one line on the entry with `sourceRef`. */
export function rawLineSql(
  sourceRef: string,
  line: {
    no: number;
    gl: string;
    fund: string;
    sub: boolean;
    account: number | null;
    debit: number;
    credit: number;
  },
): string {
  return `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger,
            account_id, debit_cents, credit_cents)
          SELECT id, ${line.no}, '${line.gl}', '${line.fund}', ${line.sub},
                 ${line.account ?? 'NULL'}, ${line.debit}, ${line.credit}
            FROM journal_entry WHERE source_ref = '${sourceRef}'`;
}

/** The INSERT of several lines on the entry with `sourceRef` in ONE statement (0013). */
export function rawLinesSql(
  sourceRef: string,
  lines: readonly Parameters<typeof rawLineSql>[1][],
): string {
  const values = lines
    .map(
      (l) =>
        `(${l.no}, '${l.gl}', '${l.fund}', ${l.sub}, ${l.account ?? 'NULL'}::int8, ${l.debit}, ${l.credit})`,
    )
    .join(', ');
  return `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger,
            account_id, debit_cents, credit_cents)
          SELECT e.id, v.* FROM journal_entry e,
                 (VALUES ${values}) AS v (line_no, gl, fund, sub, account, debit, credit)
           WHERE e.source_ref = '${sourceRef}'`;
}
