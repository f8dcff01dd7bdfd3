import type { Database } from '../../db/index.ts';

/**
 * Puts a meter in service for a test: a customer, an account and an active agreement for the
 * meter's service at its premise naming it — as a start of service would. Validation holds a
 * zero-use read only on a meter in service (a vacant premise's zero use is expected).
 */
export async function inService(db: Database, meterNumber: string): Promise<number> {
  const one = async (sql: string, params: unknown[]) =>
    (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
  const customerId = await one(
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     VALUES ('person', $1, $1, now(), now()) RETURNING id`,
    [`Test ${meterNumber}`],
  );
  const accountId = await one(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       now(), now()) RETURNING id`,
    [`A-${meterNumber}`, customerId],
  );
  await db.pool.query(
    `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
       start_date, meter_number, created_at)
     SELECT $1, m.premise_id, m.service,
            CASE m.service WHEN 'electric' THEN 'E1.1' WHEN 'gas' THEN 'G1.1' ELSE 'W1.1' END,
            'active', '2026-01-01', m.meter_number, now()
       FROM meter m WHERE m.meter_number = $2`,
    [accountId, meterNumber],
  );
  return accountId;
}
