import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import {
  billCycle,
  billIdOf,
  fixtureAccount,
  pay,
  reads,
  type FixtureAccount,
} from './document/bill-fixture.ts';
import { getBillDetail } from './index.ts';

describeEngines('billing: bill detail', (t) => {
  let acct: FixtureAccount;
  let first = 0;
  let second = 0;

  it('shows the first bill with lines by service, the water reads and no balance forward', async () => {
    acct = await fixtureAccount(t.db, { key: 'D1', cycle: 7, language: 'es', email: 'm@x.test' });
    await reads(t.db, acct.meterNumber, [['2026-01-31', 79_000]]);
    await billCycle(t.db, 7, '2026-01-31');
    first = await billIdOf(t.db, acct.accountId, '2026-01-31');
    const d = expectOk(await getBillDetail(t.db.pool, first));
    assert.equal(d.accountNo, acct.accountNo);
    assert.equal(d.language, 'es');
    assert.equal(d.email, 'm@x.test');
    assert.equal(d.periodDays, 30);
    assert.deepEqual(
      d.services.map((s) => [s.service, s.subtotalCents]),
      // Same hand arithmetic as bill-run.test.ts: 47.14 + 28.56 + 35.19 + 7.32 = 118.21.
      [
        ['water', 4714],
        ['wastewater', 2856],
        ['solid_waste', 3519],
        ['account', 732],
      ],
    );
    const water = d.services[0]!;
    assert.equal(water.taxCents, 244 + 30 + 87);
    assert.deepEqual(
      [water.reads?.previous?.readDate, water.reads?.previous?.value],
      ['2025-12-31', 73_000],
    );
    assert.deepEqual(
      [water.reads?.current?.readDate, water.reads?.current?.value],
      ['2026-01-31', 79_000],
    );
    assert.equal(water.reads?.usage, 6000);
    assert.equal(d.totalCents, 11_821);
    assert.deepEqual(d.balance, {
      previousBalanceCents: 0,
      paymentsAndCreditsCents: 0,
      otherChargesCents: 0,
      balanceForwardCents: 0,
    });
    assert.equal(d.amountDueCents, 11_821);
  });

  it('shows 13 months of usage with the same month last year and daily averages', async () => {
    const d = expectOk(await getBillDetail(t.db.pool, first));
    const h = d.services[0]!.usageHistory!;
    assert.equal(h.months.length, 13);
    assert.deepEqual(h.months[0], { month: '2025-01', usage: 6000 });
    assert.deepEqual(h.months[12], { month: '2026-01', usage: 6000 });
    assert.equal(h.sameMonthLastYear, 6000);
    // 6,000 gal / 30 days = 200.0; last January 6,000 / 31 = 193.5.
    assert.equal(h.dailyAverage, 200);
    assert.equal(h.dailyAverageLastYear, 193.5);
  });

  it('carries the unpaid rest forward and lists the payment since the last bill', async () => {
    await pay(t.db, acct.accountId, 10_000, '2026-02-10');
    await reads(t.db, acct.meterNumber, [['2026-02-28', 88_000]]);
    await billCycle(t.db, 7, '2026-02-28');
    second = await billIdOf(t.db, acct.accountId, '2026-02-28');
    const d = expectOk(await getBillDetail(t.db.pool, second));
    // 118.21 billed − 100.00 paid = 18.21 forward, shown as past due.
    assert.deepEqual(d.balance, {
      previousBalanceCents: 11_821,
      paymentsAndCreditsCents: 10_000,
      otherChargesCents: 0,
      balanceForwardCents: 1821,
    });
    assert.equal(d.pastDueCents, 1821);
    assert.equal(d.amountDueCents, 1821 + d.totalCents);
    assert.equal(d.services[0]!.reads?.usage, 9000);
    assert.equal(d.services[0]!.reads?.previous?.value, 79_000);
  });

  it('keeps the first bill’s balances as they were when later entries arrive', async () => {
    const d = expectOk(await getBillDetail(t.db.pool, first));
    assert.equal(d.balance.balanceForwardCents, 0);
    assert.equal(d.amountDueCents, 11_821);
  });

  it('answers not_found for an unknown bill', async () => {
    const r = await getBillDetail(t.db.pool, 987_654);
    assert.equal(r.ok ? 'ok' : r.code, 'not_found');
  });
});
