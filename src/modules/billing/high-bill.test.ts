import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { listServiceOrders } from '../field/index.ts';
import { installMeter } from '../metering/index.ts';
import { localDate } from '../../core/dates.ts';
import {
  insertBill,
  monthlyBills,
  seedAccount,
  type SeededAccount,
} from './high-bill-test-support.ts';
import { investigateHighBill, requestHighBillAction } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-08-05T12:00:00Z') };

describeEngines('billing: high-bill investigation (BIL-8)', (t) => {
  let a: SeededAccount;
  let latest = 0;

  it('compares the latest bill with the previous period, last year and the 12 months', async () => {
    a = await seedAccount(t.db, 'HB-1');
    // Jul 2025 → Jul 2026: 6,000 gal a month (≈ 200/day), then Jul 2026 at 15,500 gal in 31
    // days = 500/day; the bill takes a rate version effective Jul 15 inside the period.
    await monthlyBills(
      t.db,
      a,
      '2025-06-01',
      Array(13).fill({ gallons: 6_000, totalCents: 9_000 }),
    );
    latest = await insertBill(t.db, a, {
      start: '2026-07-01',
      end: '2026-08-01',
      gallons: 15_500,
      totalCents: 16_000,
      versions: ['2026-01-01', '2026-07-15'],
    });
    const r = expectOk(await investigateHighBill(t.db.pool, a.accountId));
    assert.deepEqual(r.bill, {
      billId: latest,
      periodStart: '2026-07-01',
      periodEnd: '2026-08-01',
      days: 31,
      totalCents: 16_000,
      previousTotalCents: 9_000,
      lastYearTotalCents: 9_000,
    });
    assert.equal(r.services.length, 1);
    const w = r.services[0]!;
    assert.deepEqual(
      [w.service, w.meterNumber, w.current.usage, w.current.dailyAverage],
      ['water', 'W-HB-1', 15_500, 500],
    );
    // Previous: [Jun 1, Jul 1) 6,000 / 30 = 200/day → +150%. Last year: [Jul 1, Aug 1) 2025
    // 6,000 / 31 = 193.55/day → 15,500 / 6,000 − 1 = +158%.
    assert.deepEqual([w.previous?.dailyAverage, w.previous?.changePct], [200, 150]);
    assert.deepEqual([w.lastYear?.periodEnd, w.lastYear?.changePct], ['2025-08-01', 158]);
    assert.deepEqual(w.rateChanges, [{ scheduleCode: 'W1.1', effectiveFrom: '2026-07-15' }]);
    assert.equal(w.estimatedReads, 0);
    assert.match(w.seasonNote, /^Summer/);
    assert.equal(w.leak?.likelihood, 'high');
    assert.deepEqual(w.actions, ['re_read', 'leak_check']);
  });

  it('investigates an earlier bill by id, and refuses a bill of another account', async () => {
    const other = await seedAccount(t.db, 'HB-2');
    const otherBill = await insertBill(t.db, other, {
      start: '2026-06-01',
      end: '2026-07-01',
      gallons: 1_000,
      totalCents: 5_000,
    });
    const r = await investigateHighBill(t.db.pool, a.accountId, otherBill);
    assert.equal(r.ok ? 'ok' : r.code, 'bill_not_found');
    const none = expectOk(
      await investigateHighBill(t.db.pool, (await seedAccount(t.db, 'HB-3')).accountId),
    );
    assert.deepEqual([none.bill, none.services], [null, []]);
    const missing = await investigateHighBill(t.db.pool, 987_654);
    assert.equal(missing.ok ? 'ok' : missing.code, 'account_not_found');
  });

  it('counts estimated reads in the period and lowers the leak score for them', async () => {
    expectOk(
      await inTransaction(t.db, (tx) =>
        installMeter(
          tx,
          {
            premiseId: a.premiseId,
            meterNumber: a.meterNumber,
            service: 'water',
            size: '3/4',
            installedOn: localDate('2025-06-01'),
            registers: [{ kind: 'gallon', dials: 6, initialMilli: 0 }],
          },
          ctx,
        ),
      ),
    );
    await t.db.pool.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, source, kind, status,
         created_at)
       SELECT rg.id, m.premise_id, '2026-07-20', 100, 'estimate', 'regular', 'accepted', now()
         FROM meter m JOIN register rg ON rg.meter_id = m.id WHERE m.meter_number = $1`,
      [a.meterNumber],
    );
    const w = expectOk(await investigateHighBill(t.db.pool, a.accountId)).services[0]!;
    assert.equal(w.estimatedReads, 1);
    assert.ok(w.leak!.reasons.some((x) => x.includes('estimated read')));
  });

  it('asks the field crew for a leak check once, and refuses an agreement without a meter', async () => {
    const first = expectOk(
      await inTransaction(t.db, (tx) =>
        requestHighBillAction(
          tx,
          { accountId: a.accountId, agreementId: a.waterAgreementId, action: 'leak_check' },
          ctx,
        ),
      ),
    );
    const again = expectOk(
      await inTransaction(t.db, (tx) =>
        requestHighBillAction(
          tx,
          { accountId: a.accountId, agreementId: a.waterAgreementId, action: 'leak_check' },
          ctx,
        ),
      ),
    );
    assert.deepEqual([first.created, again.created, again.orderId], [true, false, first.orderId]);
    const orders = await listServiceOrders(t.db.pool, { premiseId: a.premiseId });
    assert.deepEqual(
      orders.map((o) => [o.kind, o.meterNumber, o.accountId]),
      [['leak_check', a.meterNumber, a.accountId]],
    );
    const sewer = await inTransaction(t.db, (tx) =>
      requestHighBillAction(
        tx,
        { accountId: a.accountId, agreementId: a.sewerAgreementId, action: 're_read' },
        ctx,
      ),
    );
    assert.equal(sewer.ok ? 'ok' : sewer.code, 'agreement_has_no_meter');
  });
});
