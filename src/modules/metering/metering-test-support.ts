import assert from 'node:assert/strict';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { premise, testAccount, waterMeterAt } from '../../../test/support/test-accounts.ts';
import { importReads, listHeldReads, usageForAgreements } from './index.ts';

export { premise, testAccount, waterMeterAt };

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

/**
 * Puts a meter in service for a test: a customer, an account and an active agreement for the
 * meter's service at its premise naming it — as a start of service would. Validation holds a
 * zero-use read only on a meter in service (a vacant premise's zero use is expected).
 */
export async function inService(db: Database, meterNumber: string): Promise<number> {
  const accountId = await testAccount(db, meterNumber);
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

/** A meter with reads 1000 (Jan 1, initial), 4000 (Jan 31), 7000 (Mar 2): 100 gal/day, then
 * the `april` reading on Apr 1 (25000 → 18,000 in 30 days = 600/day > 3× → high_usage). */
export async function meterWithHeldRead(db: Database, meterNumber: string, april = '25000') {
  const premiseId = await premise(db, `P-${meterNumber}`);
  await waterMeterAt(db, premiseId, meterNumber);
  const text = `meter_number,read_date,reading\n${meterNumber},2026-01-31,4000\n${meterNumber},2026-03-02,7000\n${meterNumber},2026-04-01,${april}\n`;
  expectOk(
    await inTransaction(db, (tx) => importReads(tx, { fileName: `${meterNumber}.csv`, text }, ctx)),
  );
  const held = await listHeldReads(db.pool, {});
  const mine = held.find((h) => h.meterNumber === meterNumber);
  assert.ok(mine, 'the April read is held');
  return { premiseId, held: mine };
}

export const usage = async (db: Database, meterNumber: string, after: string, through: string) =>
  (
    await usageForAgreements(db.pool, [
      { meterNumber, register: 'gallon', after: localDate(after), through: localDate(through) },
    ])
  )[0];
