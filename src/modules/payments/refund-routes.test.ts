import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { billAccount, newAccount } from './payments-test-support.ts';

describeEngines('autopay, returned-check, transfer and refund routes', (t) => {
  let h: TestApp;
  let csr: string;
  let supervisor: string;
  let a = 0;
  let b = 0;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
    supervisor = await h.tokenFor('supervisor');
    a = await newAccount(t.db, 'p4-http-a');
    b = await newAccount(t.db, 'p4-http-b');
    await billAccount(t.db, a, localDate('2026-11-01'), { water: 4000 });
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('a CSR enrols an account in autopay and sees the bank account masked', async () => {
    const r = await call(csr, 'POST', `/api/accounts/${a}/autopay`, {
      routingNumber: '231380104',
      accountNumber: '000123456789',
      accountType: 'checking',
      holderName: 'Pat Payer',
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual([r.json().status, r.json().accountMasked], ['prenote', '****6789']);
    assert.ok(!r.body.includes('000123456789'));
    const bad = await call(csr, 'POST', `/api/accounts/${b}/autopay`, {
      routingNumber: '231380105',
      accountNumber: '12345678',
      accountType: 'checking',
      holderName: 'Pat',
    });
    assert.equal(bad.statusCode, 400);
  });

  it('a supervisor records a returned check, moves a misapplied payment and refunds by CSV', async () => {
    const check = {
      kind: 'check',
      checkNumber: '77',
      routingNumber: '231380104',
      accountLast4: '1234',
    };
    const paid = await call(supervisor, 'POST', '/api/payments', {
      accountId: a,
      amountCents: 4000,
      tender: check,
      channel: 'mail',
      idempotencyKey: 'p4-h-1',
    });
    assert.equal(paid.statusCode, 201, paid.body);
    const ret = await call(
      supervisor,
      'POST',
      `/api/payments/${paid.json().paymentId}/returned-check`,
      {
        returnCode: 'NSF',
        reason: 'insufficient funds',
      },
    );
    assert.equal(ret.statusCode, 200, ret.body);
    assert.equal(ret.json().feeCents, 2500);
    const wrong = await call(supervisor, 'POST', '/api/payments', {
      accountId: a,
      amountCents: 1500,
      tender: { ...check, checkNumber: '78' },
      channel: 'mail',
      idempotencyKey: 'p4-h-2',
    });
    const moved = await call(
      supervisor,
      'POST',
      `/api/payments/${wrong.json().paymentId}/transfer`,
      {
        toAccountId: b,
        reason: 'wrong stub',
      },
    );
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().toPayment.accountId, b);
    const refund = await call(supervisor, 'POST', `/api/accounts/${b}/refunds`, {
      kind: 'credit_balance',
      reason: 'overpaid',
      idempotencyKey: 'p4-rf-1',
    });
    assert.equal(refund.statusCode, 201, refund.body);
    assert.equal(refund.json().amountCents, 1500);
    const csv = await call(supervisor, 'POST', '/api/refunds/export', {});
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.match(csv.body, /Payer p4-http-b,.*,15\.00,credit_balance,/);
    const denied = await call(csr, 'POST', '/api/refunds/export', {});
    assert.equal(denied.statusCode, 403);
  });
});
