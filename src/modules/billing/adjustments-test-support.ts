import { localDate, type LocalDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor, type Actor } from '../audit/index.ts';
import { importReads } from '../metering/index.ts';
import type { AdjustContext } from './adjustment-store.ts';
import { meteredAccount } from './billing-test-support.ts';
import { runBillRun } from './run-bill-run.ts';

/** Test support for adjustments, cancel/rebill and late fees (not used by the product). */
export const testNow = new Date('2026-02-01T12:00:00Z');
export const today = localDate('2026-02-01');

export function staff(id: number, role: string): AdjustContext {
  const actor: Actor = { kind: 'staff', id, name: `${role}-${id}` };
  return { actor, now: testNow, roles: [role] };
}

async function one(db: Database, sql: string, params: unknown[]): Promise<number> {
  return Number((await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id);
}

/**
 * A residential account in `cycle` with water (3/4" W1.1), wastewater S1.1 and SW-R90 from
 * Jan 1, its meter read at `reading` gallons on `readDate` (installed at 1,000), billed as
 * of Jan 31 by a bill run: 6,000 gal → $118.21 (see bill-run.test.ts for the arithmetic).
 */
export async function billedAccount(
  db: Database,
  cycle: number,
  meterNumber: string,
  reading = 7000,
  readDate: LocalDate = localDate('2026-01-31'),
): Promise<{ accountId: number; billId: number }> {
  const ctx = { actor: systemActor('test'), now: testNow };
  const accountId = await meteredAccount(db, cycle, meterNumber);
  await addRead(db, meterNumber, readDate, reading);
  expectOk(await runBillRun(db, { cycle, asOf: localDate('2026-01-31') }, ctx));
  const billId = await one(db, `SELECT id FROM bill WHERE account_id = $1`, [accountId]);
  return { accountId, billId };
}

export async function addRead(
  db: Database,
  meterNumber: string,
  readDate: LocalDate,
  reading: number,
): Promise<void> {
  const ctx = { actor: systemActor('test'), now: testNow };
  const text = `meter_number,read_date,reading\n${meterNumber},${readDate},${reading}\n`;
  const fileName = `${meterNumber}-${readDate}-${reading}.csv`;
  expectOk(await inTransaction(db, (tx) => importReads(tx, { fileName, text }, ctx)));
}

/** The account's receivable balance from the ledger, in cents. */
export async function receivable(db: Database, accountId: number): Promise<number> {
  const r = await db.pool.query<{ n: string }>(
    `SELECT coalesce(sum(debit_cents - credit_cents), 0)::text AS n FROM journal_line
      WHERE account_id = $1 AND gl_account LIKE 'receivable:%'`,
    [accountId],
  );
  return Number(r.rows[0]!.n);
}
