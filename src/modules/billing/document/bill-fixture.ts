import { localDate } from '../../../core/dates.ts';
import { cents } from '../../../core/money.ts';
import { expectOk } from '../../../core/result.ts';
import { inTransaction, type Database } from '../../../db/index.ts';
import { systemActor } from '../../audit/index.ts';
import { postEntry } from '../../ledger/index.ts';
import { importReads, installMeter } from '../../metering/index.ts';
import { runBillRun } from '../run-bill-run.ts';

/** Test support for the bill document tests: real rows through the real services. */
export const fixtureCtx = { actor: systemActor('test'), now: new Date('2026-03-01T12:00:00Z') };

export type FixtureAccount = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly meterNumber: string;
};

export type FixtureOptions = {
  readonly key: string;
  readonly cycle: number;
  readonly language?: 'en' | 'es';
  readonly paperless?: boolean;
  readonly email?: string | null;
  readonly zip?: string;
};

async function one(db: Database, sql: string, params: unknown[]): Promise<number> {
  return (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
}

/**
 * An account in `cycle` with water (3/4" W1.1, meter installed 2025-01-01), wastewater S1.1
 * and SW-R90 from 2026-01-01, and 6,000 gallons of water read at every month end of 2025.
 */
export async function fixtureAccount(db: Database, o: FixtureOptions): Promise<FixtureAccount> {
  const customerId = await one(
    db,
    `INSERT INTO customer (kind, first_name, last_name, display_name, email, language,
       created_at, updated_at)
     VALUES ('person', 'Maria', $1, $2, $3, $4, now(), now()) RETURNING id`,
    [`Garcia ${o.key}`, `Garcia ${o.key}, Maria`, o.email ?? null, o.language ?? 'en'],
  );
  const zip = o.zip ?? '85201';
  const premiseId = await one(
    db,
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     VALUES ($1, $2, 'Mesa', $3, 33.4, -111.8, 'single_family', $4, now()) RETURNING id`,
    [`P-${o.key}`, `${o.key.length * 100 + 14} E Main St`, zip, o.cycle],
  );
  const accountNo = `5512${o.key.padStart(2, '0').slice(-2)}-12567${o.cycle % 10}`;
  const accountId = await one(
    db,
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, paperless, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2026-01-01', 'PO Box 1234', 'Mesa', 'AZ', $3,
       $4, now(), now()) RETURNING id`,
    [accountNo, customerId, zip, o.paperless ?? false],
  );
  const meterNumber = `W-${o.key}`;
  for (const [service, schedule, meter, size] of [
    ['water', 'W1.1', meterNumber, '3/4'],
    ['wastewater', 'S1.1', null, null],
    ['solid_waste', 'SW-R90', null, null],
  ] as const) {
    await db.pool.query(
      `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
         start_date, meter_number, meter_size, created_at)
       VALUES ($1, $2, $3, $4, 'active', '2026-01-01', $5, $6, now())`,
      [accountId, premiseId, service, schedule, meter, size],
    );
  }
  expectOk(
    await inTransaction(db, (tx) =>
      installMeter(
        tx,
        {
          premiseId,
          meterNumber,
          service: 'water',
          size: '3/4',
          installedOn: localDate('2025-01-01'),
          registers: [{ kind: 'gallon', dials: 6, initialMilli: 1_000_000 }],
        },
        fixtureCtx,
      ),
    ),
  );
  const ends = Array.from({ length: 12 }, (_, i) =>
    new Date(Date.UTC(2025, i + 1, 0)).toISOString().slice(0, 10),
  );
  await reads(
    db,
    meterNumber,
    ends.map((d, i) => [d, 1000 + 6000 * (i + 1)] as const),
  );
  return { accountId, accountNo, meterNumber };
}

/** Imports reads (date, dial reading) for one meter. */
export async function reads(
  db: Database,
  meterNumber: string,
  rows: readonly (readonly [string, number])[],
): Promise<void> {
  const text =
    'meter_number,read_date,reading\n' +
    rows.map(([d, v]) => `${meterNumber},${d},${v}`).join('\n') +
    '\n';
  expectOk(
    await inTransaction(db, (tx) =>
      importReads(tx, { fileName: `${meterNumber}-${rows[0]![0]}.csv`, text }, fixtureCtx),
    ),
  );
}

/** Runs the cycle's bill run as of `asOf` and returns its run id. */
export async function billCycle(db: Database, cycle: number, asOf: string): Promise<number> {
  const r = expectOk(await runBillRun(db, { cycle, asOf: localDate(asOf) }, fixtureCtx));
  return r.runId!;
}

/** A payment of `amount` cents to the account's water receivable. */
export async function pay(db: Database, accountId: number, amount: number, on: string) {
  expectOk(
    await inTransaction(db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'payment',
          sourceRef: `test-payment:${accountId}:${on}`,
          effectiveDate: localDate(on),
          memo: 'Payment',
          lines: [
            { glAccount: 'cash.bank:water', debitCents: cents(amount) },
            { glAccount: 'receivable:water', creditCents: cents(amount), accountId },
          ],
        },
        fixtureCtx,
      ),
    ),
  );
}

/** The id of the account's issued bill ending on `periodEnd`. */
export async function billIdOf(db: Database, accountId: number, periodEnd: string) {
  return one(
    db,
    `SELECT id FROM bill WHERE account_id = $1 AND period_end = $2 AND status = 'issued'`,
    [accountId, periodEnd],
  );
}
