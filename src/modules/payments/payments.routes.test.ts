import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { billAccount, newAccount } from './payments-test-support.ts';

describeEngines('payment routes', (t) => {
  let h: TestApp;
  let cashier: string;
  let supervisor: string;
  let accountId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    cashier = await h.tokenFor('cashier');
    supervisor = await h.tokenFor('supervisor');
    accountId = await newAccount(t.db, 'http');
    await billAccount(t.db, accountId, localDate('2026-11-01'), { water: 4000, solid_waste: 3450 });
  });
  after(async () => h.close());

  const call = (
    token: string,
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    key?: string,
  ) =>
    h.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  const cash = () => ({
    accountId,
    amountCents: 5000,
    tender: { kind: 'cash', tenderedCents: 10000 },
    channel: 'window',
  });

  it('a cashier takes a cash payment once per Idempotency-Key and sees it on the account', async () => {
    const first = await call(cashier, 'POST', '/api/payments', cash(), 'http-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().tender.changeCents, 5000);
    const again = await call(cashier, 'POST', '/api/payments', cash(), 'http-1');
    assert.equal(again.statusCode, 201);
    assert.equal(again.json().paymentId, first.json().paymentId);
    assert.equal(again.json().replayed, true);
    const reused = await call(
      cashier,
      'POST',
      '/api/payments',
      { ...cash(), amountCents: 1 },
      'http-1',
    );
    assert.equal(reused.statusCode, 409);
    assert.equal(reused.json().error.code, 'idempotency_key_reused');
    const list = await call(cashier, 'GET', `/api/accounts/${accountId}/payments`);
    assert.equal(list.json().payments.length, 1);
    const receipt = await call(cashier, 'GET', `/api/payments/${first.json().paymentId}/receipt`);
    assert.equal(receipt.statusCode, 200, receipt.body);
    assert.equal(receipt.json().totalCents, 5000);
  });

  it('a payment without an idempotency key is a 400 naming the field', async () => {
    const res = await call(cashier, 'POST', '/api/payments', cash());
    assert.equal(res.statusCode, 400);
    assert.ok(res.json().error.fields.idempotencyKey);
  });

  it('a declined card is a 402 and a timeout a 504; nothing is posted', async () => {
    const body = { accountId, amountCents: 100, channel: 'phone' };
    const declined = await call(cashier, 'POST', '/api/payments', {
      ...body,
      tender: { kind: 'card', token: 'tok_decline_1' },
      idempotencyKey: 'http-card-1',
    });
    assert.equal(declined.statusCode, 402);
    const timeout = await call(cashier, 'POST', '/api/payments', {
      ...body,
      tender: { kind: 'card', token: 'tok_timeout_2' },
      idempotencyKey: 'http-card-2',
    });
    assert.equal(timeout.statusCode, 504);
    const list = await call(cashier, 'GET', `/api/accounts/${accountId}/payments`);
    assert.equal(list.json().payments.length, 1);
  });

  it('only a supervisor reverses a payment, once', async () => {
    const id = (await call(cashier, 'GET', `/api/accounts/${accountId}/payments`)).json()
      .payments[0].paymentId;
    const denied = await call(cashier, 'POST', `/api/payments/${id}/reverse`, { reason: 'oops' });
    assert.equal(denied.statusCode, 403);
    const ok = await call(supervisor, 'POST', `/api/payments/${id}/reverse`, {
      reason: 'keyed to the wrong account',
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'reversed');
    const twice = await call(supervisor, 'POST', `/api/payments/${id}/reverse`, {
      reason: 'again',
    });
    assert.equal(twice.statusCode, 409);
    const missing = await call(supervisor, 'GET', '/api/payments/999999');
    assert.equal(missing.statusCode, 404);
  });
});
