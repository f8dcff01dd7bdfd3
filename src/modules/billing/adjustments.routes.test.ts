import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { billedAccount, receivable } from './adjustments-test-support.ts';

describeEngines('adjustment, cancel/rebill and late-fee routes', (t) => {
  let h: TestApp;
  let csr1: string;
  let supervisor: string;
  let accountId = 0;
  let billId = 0;
  let pendingId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    csr1 = await h.tokenFor('csr1');
    supervisor = await h.tokenFor('supervisor');
    ({ accountId, billId } = await billedAccount(t.db, 3, 'W-RT-1'));
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('lists the reason codes and the caller’s limit', async () => {
    const res = await call(csr1, 'GET', '/api/adjustments/reasons');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().limitCents, 5000);
    assert.ok(res.json().reasons.some((r: { code: string }) => r.code === 'billing_error'));
  });

  it('a clerk’s small credit on a bill line posts; a larger account credit waits', async () => {
    const small = await call(csr1, 'POST', `/api/bills/${billId}/adjustments`, {
      lineNo: 1,
      direction: 'credit',
      amountCents: 500,
      reasonCode: 'billing_error',
      memo: 'service charge prorated wrongly',
    });
    assert.equal(small.statusCode, 201, small.body);
    assert.equal(small.json().status, 'posted');
    const big = await call(csr1, 'POST', `/api/accounts/${accountId}/adjustments`, {
      direction: 'credit',
      amountCents: 6000,
      reasonCode: 'leak_credit',
      memo: 'leak fixed',
    });
    assert.equal(big.statusCode, 201, big.body);
    assert.equal(big.json().status, 'pending');
    pendingId = big.json().adjustmentId;
    assert.equal(await receivable(t.db, accountId), 11_821 - 500);
  });

  it('the queue says who may decide; the requester gets 403, a supervisor approves', async () => {
    const mine = await call(csr1, 'GET', '/api/adjustments/pending');
    assert.deepEqual(
      mine.json().adjustments.map((a: { canDecide: boolean }) => a.canDecide),
      [false],
    );
    const theirs = await call(supervisor, 'GET', '/api/adjustments/pending');
    assert.equal(theirs.json().adjustments[0].canDecide, true);
    const own = await call(csr1, 'POST', `/api/adjustments/${pendingId}/approve`, {});
    assert.deepEqual([own.statusCode, own.json().error.code], [403, 'own_adjustment']);
    const ok = await call(supervisor, 'POST', `/api/adjustments/${pendingId}/approve`, {});
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'posted');
    const list = await call(csr1, 'GET', `/api/accounts/${accountId}/adjustments`);
    assert.deepEqual(
      list
        .json()
        .adjustments.map((a: { status: string; amountCents: number }) => [a.status, a.amountCents]),
      [
        ['posted', 6000],
        ['posted', 500],
      ],
    );
    const missing = await call(supervisor, 'POST', '/api/adjustments/999999/deny', {
      reason: 'no',
    });
    assert.equal(missing.statusCode, 404);
  });

  it('cancel with rebill answers the pair, and the bill history shows it', async () => {
    const res = await call(supervisor, 'POST', `/api/bills/${billId}/cancel`, {
      reason: 'rate correction',
      rebill: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      [body.cancelledBillId, body.rebill.totalCents, body.netChangeCents],
      [billId, 11_821, 0],
    );
    const history = await call(csr1, 'GET', `/api/accounts/${accountId}/bill-history`);
    assert.deepEqual(
      history
        .json()
        .bills.map((b: { status: string; replacesBillId: number | null }) => [
          b.status,
          b.replacesBillId,
        ]),
      [
        ['issued', billId],
        ['cancelled', null],
      ],
    );
  });

  it('runs the late-fee job as a dry run for billing.run', async () => {
    const res = await call(supervisor, 'POST', '/api/jobs/late-fees', {
      asOf: '2026-11-20',
      dryRun: true,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().dryRun, true);
    const bad = await call(supervisor, 'POST', '/api/jobs/late-fees', { asOf: '2026-02-30' });
    assert.equal(bad.statusCode, 400);
  });
});
