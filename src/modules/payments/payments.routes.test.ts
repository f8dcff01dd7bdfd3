import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { postEntry, verifyLedger } from '../ledger/index.ts';
import { paymentBatcher } from './payment-batcher.ts';
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

  it('racing posts of one key make one payment; every statement runs prepared, many times', async () => {
    const race = await newAccount(t.db, 'http-race');
    await billAccount(t.db, race, localDate('2026-11-01'), { water: 9000 });
    const body = { accountId: race, amountCents: 700, tender: { kind: 'cash' }, channel: 'window' };
    const racing = await Promise.all(
      Array.from({ length: 12 }, () => call(cashier, 'POST', '/api/payments', body, 'http-race')),
    );
    assert.deepEqual(
      racing.map((r) => r.statusCode),
      racing.map(() => 201),
    );
    const ids = new Set(racing.map((r) => r.json().paymentId));
    assert.equal(ids.size, 1);
    assert.equal(racing.filter((r) => r.json().replayed === false).length, 1);
    // More posts than the plan cache's five custom plans: the generic plans answer the same.
    for (let i = 0; i < 8; i++) {
      const res = await call(cashier, 'POST', '/api/payments', body, `http-race-${i}`);
      assert.equal(res.statusCode, 201, res.body);
      const paid = res.json();
      assert.equal(paid.amountCents, 700);
      assert.equal(
        paid.application.reduce((s: number, l: { amountCents: number }) => s + l.amountCents, 0),
        700,
      );
    }
    const counts = await t.db.pool.query<{ payments: number; entries: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM payment WHERE account_id = $1) AS payments,
              (SELECT count(*)::int FROM payment p JOIN journal_entry e ON e.id = p.journal_entry_id
                WHERE p.account_id = $1 AND e.source_ref = 'payment:' || p.id) AS entries,
              (SELECT count(*)::int FROM audit_log
                WHERE action = 'payment.posted' AND account_id = $1) AS audits`,
      [race],
    );
    assert.deepEqual(counts.rows[0], { payments: 9, entries: 9, audits: 9 });
    const list = (await call(cashier, 'GET', `/api/accounts/${race}/payments`)).json().payments;
    // 9000 owed: nine payments of 700 (6300) pay the water receivable, none is an overpayment.
    assert.ok(
      list.every((p: { application: { bucket: string }[] }) =>
        p.application.every((l) => l.bucket !== 'overpayment'),
      ),
    );
  });

  it('a payment on a written-off account recovers the bad debt first, once per key', async () => {
    const w = await newAccount(t.db, 'http-written-off');
    await billAccount(t.db, w, localDate('2026-10-01'), { water: 8000 });
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'write_off',
            sourceRef: `write_off:${w}`,
            effectiveDate: localDate('2026-10-20'),
            memo: 'written off at referral',
            lines: [
              { glAccount: 'expense.bad_debt:water', debitCents: cents(8000) },
              { glAccount: 'receivable:water', creditCents: cents(8000), accountId: w },
            ],
          },
          { actor: systemActor('test'), now: new Date('2026-10-20T17:00:00Z') },
        ),
      ),
    );
    await t.db.pool.query("UPDATE account SET status = 'written_off' WHERE id = $1", [w]);
    const body = { accountId: w, amountCents: 3000, tender: { kind: 'cash' }, channel: 'window' };
    const first = await call(cashier, 'POST', '/api/payments', body, 'http-wo-1');
    assert.equal(first.statusCode, 201, first.body);
    const again = await call(cashier, 'POST', '/api/payments', body, 'http-wo-1');
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual(
      [again.json().paymentId, again.json().replayed],
      [first.json().paymentId, true],
    );
    const recovery = await t.db.pool.query<{ entries: number; cents: number }>(
      `SELECT count(DISTINCT e.id)::int AS entries, sum(l.credit_cents)::int AS cents
         FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
        WHERE e.kind = 'recovery' AND e.source_ref = 'recovery:http-wo-1'
          AND l.gl_account = 'revenue.bad_debt_recovery:water'`,
    );
    assert.deepEqual(recovery.rows[0], { entries: 1, cents: 3000 });
    assert.deepEqual(
      first
        .json()
        .application.map((l: { fund: string; amountCents: number }) => [l.fund, l.amountCents]),
      [['water', 3000]],
    );
  });

  it('a payment on an unknown account is a 404 (before a bad input, as always), posts nothing', async () => {
    const post = (accountId: number, channel: string, key: string) =>
      call(
        cashier,
        'POST',
        '/api/payments',
        { accountId, amountCents: 100, tender: { kind: 'cash' }, channel },
        key,
      );
    for (const [id, channel] of [
      [987_654_321, 'window'],
      [987_654_321, 'mail'], // cash by mail is invalid: the unknown account answers first
      [Number.MAX_SAFE_INTEGER, 'window'], // past the advisory lock's int4 key
    ] as const) {
      const res = await post(id, channel, `http-nobody-${channel}-${id}`);
      assert.equal(res.statusCode, 404, res.body);
      assert.equal(res.json().error.code, 'account_not_found');
    }
    const invalid = await post(accountId, 'mail', 'http-cash-by-mail');
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.ok(invalid.json().error.fields.channel);
  });
  it('50 concurrent requests: one key posts once, the rest post together, each answered as alone', async () => {
    const accounts = [
      await newAccount(t.db, 'http-c1'),
      await newAccount(t.db, 'http-c2'),
      await newAccount(t.db, 'http-c3'),
    ];
    for (const id of accounts)
      await billAccount(t.db, id, localDate('2026-11-01'), { water: 2500, electric: 1200 });
    const batched0 = paymentBatcher(t.db).stats.batched;
    const body = (i: number) => ({
      accountId: accounts[i % 3],
      amountCents: 700 + i,
      tender: { kind: 'cash' },
      channel: 'window',
    });
    const responses = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) =>
        call(cashier, 'POST', '/api/payments', body(i), `c-${i}`),
      ),
      ...Array.from({ length: 10 }, () =>
        call(cashier, 'POST', '/api/payments', body(99), 'c-same'),
      ),
    ]);
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      responses.map(() => 201),
      responses.find((r) => r.statusCode !== 201)?.body,
    );
    const same = responses
      .slice(40)
      .map((r) => r.json() as { paymentId: number; replayed: boolean });
    assert.equal(new Set(same.map((p) => p.paymentId)).size, 1);
    assert.equal(same.filter((p) => !p.replayed).length, 1);
    for (const [i, r] of responses.slice(0, 40).entries()) {
      assert.equal(r.json().accountId, accounts[i % 3]);
      assert.equal(r.json().amountCents, 700 + i);
      assert.equal(r.json().replayed, false);
    }
    const n = await t.db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM payment WHERE idempotency_key LIKE 'c-%'`,
    );
    assert.equal(Number(n.rows[0]!.n), 41);
    // Concurrent requests went through group posting, not only one by one.
    assert.ok(
      paymentBatcher(t.db).stats.batched > batched0,
      JSON.stringify(paymentBatcher(t.db).stats),
    );
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });
});
