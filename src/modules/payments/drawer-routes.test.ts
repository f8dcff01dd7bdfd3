import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { newAccount } from './payments-test-support.ts';

describeEngines('cashiering routes', (t) => {
  let h: TestApp;
  let cashier: string;
  let csr: string;
  let supervisor: string;
  let accountId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    cashier = await h.tokenFor('cashier');
    csr = await h.tokenFor('csr1');
    supervisor = await h.tokenFor('supervisor');
    accountId = await newAccount(t.db, 'drawer-http');
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const sale = (key: string) => ({
    idempotencyKey: key,
    lines: [
      { kind: 'utility', accountId, amountCents: 2500 },
      { kind: 'city', itemCode: 'dog_license', reference: 'TAG-7' },
    ],
    tenders: [{ kind: 'cash', tenderedCents: 5000 }],
  });

  it('a cashier’s day over HTTP: open, sell, receipt, close; others see nothing; the supervisor deposits and reconciles', async () => {
    const opened = await call(cashier, 'POST', '/api/drawers', { floatCount: { '2000': 5 } });
    assert.equal(opened.statusCode, 201, opened.body);
    const drawer = opened.json() as { drawerId: number; businessDate: string };
    const base = `/api/drawers/${drawer.drawerId}`;

    // Another user with payments.take: not found, not listed, cannot sell into it.
    assert.equal((await call(csr, 'GET', base)).statusCode, 404);
    assert.equal((await call(csr, 'GET', '/api/drawers')).json().drawers.length, 0);
    assert.equal(
      (await call(csr, 'POST', `${base}/transactions`, sale('csr-key-1'))).statusCode,
      404,
    );

    // 25.00 utility + 18.00 dog licence = 43.00 cash from 50.00: change 7.00.
    const sold = await call(cashier, 'POST', `${base}/transactions`, sale('sale-key-1'));
    assert.equal(sold.statusCode, 201, sold.body);
    assert.equal(sold.json().totalCents, 4300);
    assert.equal(sold.json().changeCents, 700);
    const pdf = await call(
      cashier,
      'GET',
      `/api/window-transactions/${sold.json().transactionId}/receipt.pdf`,
    );
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const byPayment = await call(
      cashier,
      'GET',
      `/api/payments/${sold.json().paymentIds[0]}/receipt.pdf`,
    );
    assert.equal(byPayment.statusCode, 200);

    // A second sale keyed wrong is voided: others 404, a reason required, twice 409.
    const wrong = await call(cashier, 'POST', `${base}/transactions`, sale('sale-key-void'));
    assert.equal(wrong.statusCode, 201, wrong.body);
    const voidUrl = `/api/window-transactions/${wrong.json().transactionId}/void`;
    const notYours = await call(csr, 'POST', voidUrl, { reason: 'x' });
    assert.equal(notYours.statusCode, 404);
    assert.equal(notYours.json().error.code, 'window_transaction_not_found');
    assert.equal((await call(cashier, 'POST', voidUrl, { reason: '' })).statusCode, 400);
    const voided = await call(cashier, 'POST', voidUrl, { reason: 'wrong account' });
    assert.equal(voided.statusCode, 200, voided.body);
    assert.equal(voided.json().voidReason, 'wrong account');
    const twice = await call(cashier, 'POST', voidUrl, { reason: 'again' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().error.code, 'window_transaction_voided');
    const list = (await call(cashier, 'GET', `${base}/transactions`)).json() as {
      transactions: { voidedAt: string | null }[];
    };
    assert.deepEqual(
      list.transactions.map((x) => x.voidedAt !== null),
      [false, true],
    );

    // Expected cash 100.00 + 43.00 = 143.00; counted 142.00 → short 1.00.
    const closed = await call(cashier, 'POST', `${base}/close`, {
      cashCount: { '2000': 7, '100': 2 },
      checkCents: 0,
      cardCents: 0,
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().overShortCents, -100);
    const late = await call(cashier, 'POST', `${base}/transactions`, sale('sale-key-2'));
    assert.equal(late.statusCode, 409);
    assert.equal(late.json().error.code, 'drawer_not_open');
    const afterClose = await call(
      cashier,
      'POST',
      `/api/window-transactions/${sold.json().transactionId}/void`,
      { reason: 'too late' },
    );
    assert.equal(afterClose.statusCode, 409);
    assert.equal(afterClose.json().error.code, 'drawer_not_open');

    assert.equal((await call(cashier, 'POST', `${base}/verify`)).statusCode, 403);
    assert.equal((await call(supervisor, 'POST', `${base}/verify`)).statusCode, 200);
    const dep = await call(supervisor, 'POST', '/api/deposits', { drawerIds: [drawer.drawerId] });
    assert.equal(dep.statusCode, 201, dep.body);
    assert.equal(dep.json().totalCents, 4200);
    const slip = await call(supervisor, 'GET', `/api/deposits/${dep.json().depositId}/slip.pdf`);
    assert.equal(slip.headers['content-type'], 'application/pdf');
    const rec = await call(supervisor, 'GET', `/api/reconciliation?date=${drawer.businessDate}`);
    assert.equal(rec.statusCode, 200, rec.body);
    assert.equal(rec.json().tied, true);
    assert.deepEqual(
      rec.json().differences.map((d: { kind: string }) => d.kind),
      ['over_short'],
    );
  });
});
