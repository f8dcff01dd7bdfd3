import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { enrolBudgetBilling } from './budget-billing.ts';

/** Test fixtures for BIL-5/8/9: an account with water (metered), wastewater S1.1 and solid
 * waste at a premise, and bills inserted directly (billing's own tables). */
export type SeededAccount = {
  readonly accountId: number;
  readonly premiseId: number;
  readonly waterAgreementId: number;
  readonly sewerAgreementId: number;
  readonly meterNumber: string;
};

async function one(db: Database, sql: string, params: unknown[]): Promise<number> {
  return (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
}

export async function seedAccount(
  db: Database,
  tag: string,
  accountClass: 'residential' | 'commercial' = 'residential',
): Promise<SeededAccount> {
  const customerId = await one(
    db,
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     VALUES ('person', $1, $1, now(), now()) RETURNING id`,
    [`Test ${tag}`],
  );
  const premiseId = await one(
    db,
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family', 7, now())
     RETURNING id`,
    [`P-${tag}`],
  );
  const accountId = await one(
    db,
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     VALUES ($1, $2, $3, 'active', '2024-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       now(), now()) RETURNING id`,
    [`A-${tag}`, customerId, accountClass],
  );
  const meterNumber = `W-${tag}`;
  const agreement = (service: string, schedule: string, meter: string | null) =>
    one(
      db,
      `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
         start_date, meter_number, meter_size, created_at)
       VALUES ($1, $2, $3, $4, 'active', '2024-01-01', $5, $6, now()) RETURNING id`,
      [accountId, premiseId, service, schedule, meter, meter ? '3/4' : null],
    );
  const waterAgreementId = await agreement('water', 'W1.1', meterNumber);
  const sewerAgreementId = await agreement('wastewater', 'S1.1', null);
  return { accountId, premiseId, waterAgreementId, sewerAgreementId, meterNumber };
}

/** One issued bill [start, end) with a water usage line (gallons) and a wastewater line. */
export async function insertBill(
  db: Database,
  a: SeededAccount,
  b: {
    readonly start: string;
    readonly end: string;
    readonly gallons: number;
    readonly totalCents: number;
    readonly versions?: readonly string[];
  },
): Promise<number> {
  const billId = await one(
    db,
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       status, created_at)
     VALUES ($1, $2, $3, $3, $3::date + 21, $4, 'issued', now()) RETURNING id`,
    [a.accountId, b.start, b.end, b.totalCents],
  );
  const versions = JSON.stringify(b.versions ?? ['2025-01-01']);
  await db.pool.query(
    `INSERT INTO bill_line (bill_id, line_no, account_id, agreement_id, service, code, description,
       quantity, unit, amount_cents, explanation)
     VALUES ($1, 1, $2, $3, 'water', 'W-USAGE', 'Water', $4, 'gallon', $5,
             jsonb_build_object('scheduleCode', 'W1.1', 'versionsEffectiveFrom', $6::jsonb)),
            ($1, 2, $2, $7, 'wastewater', 'S-VOL', 'Wastewater', 5, 'kgal', 0,
             jsonb_build_object('scheduleCode', 'S1.1', 'versionsEffectiveFrom', $6::jsonb))`,
    [
      billId,
      a.accountId,
      a.waterAgreementId,
      b.gallons,
      b.totalCents,
      versions,
      a.sewerAgreementId,
    ],
  );
  return billId;
}

/** Monthly bills ending on the 1st: `from` is the first period start (YYYY-MM-01). */
export async function monthlyBills(
  db: Database,
  a: SeededAccount,
  from: string,
  rows: readonly { readonly gallons: number; readonly totalCents: number }[],
): Promise<number[]> {
  const ids: number[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (const r of rows) {
    const start = `${y}-${String(m).padStart(2, '0')}-01`;
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
    const end = `${y}-${String(m).padStart(2, '0')}-01`;
    ids.push(await insertBill(db, a, { start, end, ...r }));
  }
  return ids;
}

/**
 * A residential account with 12 monthly $100.00 water bills from 2025-11-01 (their ids, oldest
 * first), enrolled on budget billing on 2026-11-26: instalment $1,200 ÷ 12 × 1.10 = $110.00.
 */
export async function budgetAccount(
  db: Database,
  tag: string,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<{ readonly account: SeededAccount; readonly billIds: readonly number[] }> {
  const account = await seedAccount(db, tag);
  const year = Array(12).fill({ gallons: 6_000, totalCents: 10_000 });
  const billIds = await monthlyBills(db, account, '2025-11-01', year);
  expectOk(
    await inTransaction(db, (tx) =>
      enrolBudgetBilling(tx, { accountId: account.accountId, today: localDate('2026-11-26') }, ctx),
    ),
  );
  return { account, billIds };
}
