import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { listAudit, systemActor } from '../audit/index.ts';
import { monthlyBills, seedAccount } from './high-bill-test-support.ts';
import { recalcWinterAverages, winterAverageHistory, winterAveragesOf } from './index.ts';

const ctx = { actor: systemActor('winter-average'), now: new Date('2026-03-15T12:00:00Z') };

describeEngines('billing: winter average (BIL-5)', (t) => {
  let steady = 0;
  let fresh = 0;

  it('computes each S1.1 account from its Dec–Feb bills, or 5 kgal without three', async () => {
    const a = await seedAccount(t.db, 'WA-1');
    const b = await seedAccount(t.db, 'WA-2');
    steady = a.accountId;
    fresh = b.accountId;
    // Bills ending Dec 1, Jan 1, Feb 1 (30 + 31 + 31 = 92 days, 6,000 gal each): 18,000 / 92
    // × 30.42 = 5,951.7 gal → 6 kgal. The bill ending Mar 1 is outside the winter.
    await monthlyBills(t.db, a, '2025-11-01', [
      { gallons: 6_000, totalCents: 10_000 },
      { gallons: 6_000, totalCents: 10_000 },
      { gallons: 6_000, totalCents: 10_000 },
      { gallons: 40_000, totalCents: 30_000 },
    ]);
    await monthlyBills(t.db, b, '2026-01-01', [{ gallons: 2_000, totalCents: 5_000 }]);
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        recalcWinterAverages(tx, { asOf: localDate('2026-03-15') }, ctx),
      ),
    );
    assert.equal(r.effectiveFrom, '2026-04-01');
    assert.deepEqual(
      r.rows.map((x) => [
        x.accountId,
        x.kgal,
        x.basis,
        x.winterBills,
        x.winterDays,
        x.winterGallons,
      ]),
      [
        [steady, 6, 'winter_bills', 3, 92, 18_000],
        [fresh, 5, 'default', 1, 31, 2_000],
      ],
    );
  });

  it('applies from April 1 and answers for many accounts in one call', async () => {
    const ids = [steady, fresh, 999_999];
    assert.deepEqual([...(await winterAveragesOf(t.db.pool, ids, localDate('2026-03-31')))], []);
    assert.deepEqual(
      [...(await winterAveragesOf(t.db.pool, ids, localDate('2026-04-01')))].sort(),
      [
        [steady, 6],
        [fresh, 5],
      ].sort(),
    );
  });

  it('recalculates one account on request, effective that day, and audits the change', async () => {
    // After a repaired leak the agent asks again in June: the winter just ended gives the
    // same 6 kgal, now effective from the request date (the next bill uses it).
    const later = { ...ctx, now: new Date('2026-06-10T12:00:00Z') };
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        recalcWinterAverages(tx, { asOf: localDate('2026-06-10'), accountIds: [steady] }, later),
      ),
    );
    assert.deepEqual(
      r.rows.map((x) => [x.accountId, x.effectiveFrom, x.kgal, x.reason]),
      [[steady, '2026-06-10', 6, 'on_request']],
    );
    const history = await winterAverageHistory(t.db.pool, steady);
    assert.deepEqual(
      history.map((h) => [h.effectiveFrom, h.kgal, h.reason]),
      [
        ['2026-06-10', 6, 'on_request'],
        ['2026-04-01', 6, 'yearly'],
      ],
    );
    const audit = await inTransaction(t.db, async (tx) => ({
      ok: true as const,
      value: await listAudit(tx, { entityType: 'account', entityId: steady }),
    }));
    assert.ok(expectOk(audit).some((x) => x.action === 'winter_average.computed'));
  });

  it('re-running the yearly job for the same date replaces rows, never duplicates them', async () => {
    await inTransaction(t.db, (tx) =>
      recalcWinterAverages(tx, { asOf: localDate('2026-03-20') }, ctx),
    );
    const n = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM winter_average WHERE effective_from = '2026-04-01'`,
    );
    assert.equal(n.rows[0]!.n, 2);
  });
});
