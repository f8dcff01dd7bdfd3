import { localDate } from '../../src/core/dates.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction, type Database } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { installMeter } from '../../src/modules/metering/index.ts';

// Accounts, premises and meters for the module tests that need a customer with service
// (metering's and billing's test support), written the way a conversion would load them.

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

/** A residential customer and active account (`A-<meterNumber>`, opened Jan 1) for a test. */
export async function testAccount(db: Database, meterNumber: string): Promise<number> {
  const one = async (sql: string, params: unknown[]) =>
    (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
  const customerId = await one(
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     VALUES ('person', $1, $1, now(), now()) RETURNING id`,
    [`Test ${meterNumber}`],
  );
  return one(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       now(), now()) RETURNING id`,
    [`A-${meterNumber}`, customerId],
  );
}

/** A 3/4" six-dial water meter installed Jan 1, 2026 at 1,000 gal. */
export async function waterMeterAt(
  db: Database,
  premiseId: number,
  meterNumber: string,
): Promise<void> {
  expectOk(
    await inTransaction(db, (tx) =>
      installMeter(
        tx,
        {
          premiseId,
          meterNumber,
          service: 'water',
          size: '3/4',
          installedOn: localDate('2026-01-01'),
          registers: [{ kind: 'gallon', dials: 6, initialMilli: 1_000_000 }],
        },
        ctx,
      ),
    ),
  );
}

/** A premise on `cycle` for a test meter. */
export async function premise(db: Database, no: string, cycle = 1): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', $2, now()) RETURNING id`,
    [no, cycle],
  );
  return r.rows[0]!.id;
}
