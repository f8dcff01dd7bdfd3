import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { newAccount } from './payments-test-support.ts';

describeEngines('autopay status route (the account page read)', (t) => {
  let h: TestApp;
  let csr: string;
  let cashier: string;
  let a = 0;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
    cashier = await h.tokenFor('cashier');
    a = await newAccount(t.db, 'p4-status-a');
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('answers null before enrolment, then the open enrolment, then the stopped one', async () => {
    const none = await call(cashier, 'GET', `/api/accounts/${a}/autopay/status`);
    assert.equal(none.statusCode, 200, none.body);
    assert.deepEqual(none.json(), { enrolment: null });
    assert.equal((await call(cashier, 'GET', `/api/accounts/${a}/autopay`)).statusCode, 404);

    const enrolled = await call(csr, 'POST', `/api/accounts/${a}/autopay`, {
      routingNumber: '231380104',
      accountNumber: '000123456789',
      accountType: 'savings',
      holderName: 'Pat Payer',
    });
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    const open = await call(cashier, 'GET', `/api/accounts/${a}/autopay/status`);
    assert.deepEqual(open.json(), { enrolment: enrolled.json() });
    assert.ok(!open.body.includes('000123456789'));

    const stopped = await call(csr, 'POST', `/api/accounts/${a}/autopay/stop`, {
      reason: 'customer asked',
    });
    assert.equal(stopped.statusCode, 200, stopped.body);
    const after = await call(cashier, 'GET', `/api/accounts/${a}/autopay/status`);
    assert.deepEqual(after.json(), { enrolment: stopped.json() });
    assert.equal(after.json().enrolment.status, 'stopped');
  });
});
