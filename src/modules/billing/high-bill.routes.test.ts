import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import {
  insertBill,
  monthlyBills,
  seedAccount,
  type SeededAccount,
} from './high-bill-test-support.ts';

describeEngines('high bill, budget billing and winter average routes', (t) => {
  let h: TestApp;
  let csr: string;
  let cashier: string;
  let a: SeededAccount;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
    cashier = await h.tokenFor('cashier');
    a = await seedAccount(t.db, 'HR-1');
    // 12 bills to Nov 1 2026 (today in the test app is 2026-11-24), then a high one.
    await monthlyBills(
      t.db,
      a,
      '2025-10-01',
      Array(12).fill({ gallons: 4_000, totalCents: 9_000 }),
    );
    await insertBill(t.db, a, {
      start: '2026-10-01',
      end: '2026-11-01',
      gallons: 12_400,
      totalCents: 15_000,
    });
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('GET high-bill compares the latest bill and offers a re-read and a leak check', async () => {
    const res = await call(cashier, 'GET', `/api/accounts/${a.accountId}/high-bill`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    // 12,400 / 31 = 400/day against 4,000 / 30 = 133.33/day: +200%.
    assert.equal(body.bill.totalCents, 15_000);
    assert.deepEqual(body.services[0].previous.changePct, 200);
    assert.deepEqual(body.services[0].actions, ['re_read', 'leak_check']);
    const missing = await call(
      cashier,
      'GET',
      `/api/accounts/${a.accountId}/high-bill?billId=999999`,
    );
    assert.equal(missing.statusCode, 404, missing.body);
  });

  it('POST high-bill/actions opens a field order (201) and refuses a meterless agreement', async () => {
    const url = `/api/accounts/${a.accountId}/high-bill/actions`;
    const res = await call(csr, 'POST', url, {
      agreementId: a.waterAgreementId,
      action: 're_read',
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().created, true);
    const sewer = await call(csr, 'POST', url, {
      agreementId: a.sewerAgreementId,
      action: 're_read',
    });
    assert.deepEqual([sewer.statusCode, sewer.json().error.code], [422, 'agreement_has_no_meter']);
  });

  it('budget billing: the agent sees the instalment, enrols, and a second enrolment is a 409', async () => {
    const url = `/api/accounts/${a.accountId}/budget-billing`;
    const view = await call(cashier, 'GET', url);
    assert.equal(view.statusCode, 200, view.body);
    // Last 12 bills: 11 × $90 + $150 = $1,140 ÷ 12 × 1.1 = $104.50 → $105.
    assert.deepEqual(view.json().eligibility, {
      eligible: true,
      code: null,
      detail: null,
      instalmentCents: 10_500,
    });
    const enrol = await call(csr, 'POST', url, { action: 'enrol' });
    assert.equal(enrol.statusCode, 200, enrol.body);
    assert.deepEqual(
      [enrol.json().plan.status, enrol.json().current.instalmentCents],
      ['active', 10_500],
    );
    const again = await call(csr, 'POST', url, { action: 'enrol' });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'budget_already_enrolled']);
    const hold = await call(csr, 'POST', url, {
      action: 'hold',
      from: '2027-05-01',
      through: '2027-04-01',
    });
    assert.equal(hold.statusCode, 400, hold.body);
  });

  it('winter average: GET shows the default, POST recalculates on request', async () => {
    const url = `/api/accounts/${a.accountId}/winter-average`;
    const get = await call(cashier, 'GET', url);
    assert.deepEqual([get.statusCode, get.json().inEffectKgal, get.json().history], [200, 5, []]);
    const post = await call(csr, 'POST', url, {});
    assert.equal(post.statusCode, 200, post.body);
    // Winter Dec 2025 – Feb 2026: bills ending Dec 1, Jan 1, Feb 1 (30 + 31 + 31 = 92 days,
    // 12,000 gal): 12,000 / 92 × 30.42 = 3,967.8 → 4 kgal, effective today (2026-11-24).
    assert.deepEqual(
      [post.json().inEffectKgal, post.json().history[0].effectiveFrom],
      [4, '2026-11-24'],
    );
  });
});
