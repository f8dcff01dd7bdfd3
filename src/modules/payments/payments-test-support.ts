import { localDate, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { setSpecialStatus } from '../customers/index.ts';
import { postEntry, type Fund } from '../ledger/index.ts';
import { sandboxGateway } from './gateway/sandbox-gateway.ts';
import type { PaymentContext } from './types.ts';

/** Test support for payments (not used by the product). */
export const testNow = new Date('2026-03-10T17:00:00Z');
export const today = localDate('2026-03-10');

export function payCtx(gateway = sandboxGateway()): PaymentContext {
  return { actor: { kind: 'staff', id: 7, name: 'cashier-7' }, now: testNow, gateway };
}

async function one(db: Database, sql: string, params: unknown[]): Promise<number> {
  return Number((await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id);
}

/** A residential account with no balance. */
export async function newAccount(db: Database, tag: string): Promise<number> {
  const customerId = await one(
    db,
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     VALUES ('person', $1, $1, now(), now()) RETURNING id`,
    [`Payer ${tag}`],
  );
  return one(
    db,
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       now(), now()) RETURNING id`,
    [`A-${tag}`, customerId],
  );
}

const serviceOf: Readonly<Record<Fund, string>> = {
  electric: 'electric',
  gas: 'gas',
  water: 'water',
  wastewater: 'wastewater',
  solid_waste: 'solid_waste',
  general: 'account',
};

/**
 * A bill as billing leaves it: the `bill` row with one line per fund, and its ledger entry
 * (receivable:<fund> debits against revenue). Billed on `billDate`, due 21 days later.
 */
export async function billAccount(
  db: Database,
  accountId: number,
  billDate: LocalDate,
  byFund: Partial<Record<Fund, number>>,
): Promise<void> {
  const due = localDate(
    new Date(Date.parse(`${billDate}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10),
  );
  const total = Object.values(byFund).reduce((s, a) => s + (a ?? 0), 0);
  const billId = await one(
    db,
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       status, created_at)
     VALUES ($1, $2::date - 30, $2, $2, $3, $4, 'issued', now()) RETURNING id`,
    [accountId, billDate, due, total],
  );
  let lineNo = 0;
  for (const [fund, amount] of Object.entries(byFund) as [Fund, number][]) {
    lineNo += 1;
    await db.pool.query(
      `INSERT INTO bill_line (bill_id, line_no, account_id, service, code, description, quantity,
         unit, amount_cents, explanation)
       VALUES ($1, $2, $3, $4, 'TEST', 'test charge', 1, 'each', $5, '{}')`,
      [billId, lineNo, accountId, serviceOf[fund], amount],
    );
  }
  expectOk(
    await inTransaction(db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'bill',
          sourceRef: `bill:${accountId}:${billDate}`,
          effectiveDate: billDate,
          memo: 'test bill',
          lines: (Object.entries(byFund) as [Fund, number][]).flatMap(([fund, amount]) => [
            { glAccount: `receivable:${fund}`, debitCents: cents(amount), accountId },
            { glAccount: `revenue.service:${fund}`, creditCents: cents(amount) },
          ]),
        },
        { actor: systemActor('test'), now: testNow },
      ),
    ),
  );
}

/** Cash-only from 2026-03-01 for a year (returned payments, ACC-7). */
export async function makeCashOnly(db: Database, accountId: number, reason: string): Promise<void> {
  expectOk(
    await inTransaction(db, (tx) =>
      setSpecialStatus(
        tx,
        {
          accountId,
          startsOn: localDate('2026-03-01'),
          reason,
          details: { status: 'cash_only', endsOn: localDate('2027-03-01') },
        },
        payCtx(),
      ),
    ),
  );
}
