import type { Database } from '../../db/index.ts';
import { premise, testAccount, waterMeterAt } from '../../../test/support/test-accounts.ts';

// Test support for the billing tests (not used by the product).

/** An account in `cycle` with water (3/4" W1.1), wastewater S1.1 and SW-R90 from Jan 1. */
export async function meteredAccount(
  db: Database,
  cycle: number,
  meterNumber: string,
): Promise<number> {
  const premiseId = await premise(db, `P-${meterNumber}`, cycle);
  const accountId = await testAccount(db, meterNumber);
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
  await waterMeterAt(db, premiseId, meterNumber);
  return accountId;
}
