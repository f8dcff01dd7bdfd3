import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { importReads, installMeter } from '../metering/index.ts';
import { monthlyBills, seedAccount, type SeededAccount } from './high-bill-test-support.ts';
import { recalcWinterAverages, runBillRun } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-04-02T12:00:00Z') };

/** A water meter reading 1,000 gal since Oct 2025, then 7,000 on Apr 1: 6,000 gal billed. */
async function meterWithAprilRead(db: Database, a: SeededAccount): Promise<void> {
  expectOk(
    await inTransaction(db, (tx) =>
      installMeter(
        tx,
        {
          premiseId: a.premiseId,
          meterNumber: a.meterNumber,
          service: 'water',
          size: '3/4',
          installedOn: localDate('2025-10-01'),
          registers: [{ kind: 'gallon', dials: 6, initialMilli: 1_000_000 }],
        },
        ctx,
      ),
    ),
  );
  const file = `meter_number,read_date,reading\n${a.meterNumber},2026-04-01,7000\n`;
  expectOk(
    await inTransaction(db, (tx) =>
      importReads(tx, { fileName: `${a.meterNumber}.csv`, text: file }, ctx),
    ),
  );
}

async function wastewaterCents(db: Database, accountId: number): Promise<number> {
  const r = await db.pool.query<{ n: string }>(
    `SELECT coalesce(sum(l.amount_cents), 0)::text AS n FROM bill_line l JOIN bill b
        ON b.id = l.bill_id
      WHERE b.account_id = $1 AND b.period_end = '2026-04-01' AND l.service = 'wastewater'
        AND l.code NOT LIKE 'TAX-%'`,
    [accountId],
  );
  return Number(r.rows[0]!.n);
}

describeEngines('billing: the bill uses the computed winter average (BIL-5)', (t) => {
  it('bills wastewater on the account’s winter average, the default without one', async () => {
    const low = await seedAccount(t.db, 'WB-1');
    const fresh = await seedAccount(t.db, 'WB-2');
    // Winter bills ending Dec 1, Jan 1, Feb 1 (92 days, 3,000 gal each): 9,000 / 92 × 30.42 =
    // 2,975.9 gal → 3 kgal. The bill ending Mar 1 (not winter) sets the next period start.
    const month = { gallons: 3_000, totalCents: 9_000 };
    await monthlyBills(t.db, low, '2025-11-01', [month, month, month, month]);
    await monthlyBills(t.db, fresh, '2026-02-01', [month]);
    await meterWithAprilRead(t.db, low);
    await meterWithAprilRead(t.db, fresh);
    expectOk(
      await inTransaction(t.db, (tx) =>
        recalcWinterAverages(tx, { asOf: localDate('2026-03-15') }, ctx),
      ),
    );
    const r = expectOk(await runBillRun(t.db, { cycle: 7, asOf: localDate('2026-04-01') }, ctx));
    assert.equal(r.billed, 2, JSON.stringify(r));
    // 6,000 gal of water this month. Computed average 3 kgal: 12.50 + 3 × 3.10 = 21.80.
    assert.equal(await wastewaterCents(t.db, low.accountId), 2_180);
    // One winter bill only: the 5 kgal default (lower than 6 kgal): 12.50 + 5 × 3.10 = 28.00.
    assert.equal(await wastewaterCents(t.db, fresh.accountId), 2_800);
  });
});
