import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { newAccount } from './payments-test-support.ts';

const bai2 = readFileSync(
  new URL('../../../../shared/testdata/external/bai2/svb_us_example.bai2', import.meta.url),
  'utf8',
);

describeEngines('remittance routes (PAY-5)', (t) => {
  let h: TestApp;
  let supervisor: string;
  let cashier: string;
  let accountId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    supervisor = await h.tokenFor('supervisor');
    cashier = await h.tokenFor('cashier');
    accountId = await newAccount(t.db, 'web');
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('a supervisor imports a BAI2 file; its two ACH credits wait in the unapplied-cash queue', async () => {
    const r = await call(supervisor, 'POST', '/api/remittance/import', {
      format: 'bai2',
      fileName: 'svb.bai2',
      text: bai2,
    });
    assert.equal(r.statusCode, 200, r.body);
    // 490196 + 905800 cents, no customer reference: both unmatched
    assert.deepEqual([r.json().unmatched, r.json().unmatchedCents], [2, 1_395_996]);
    const queue = await call(supervisor, 'GET', '/api/unapplied-cash');
    assert.deepEqual(
      queue.json().items.map((i: { amountCents: number }) => i.amountCents),
      [490196, 905800],
    );
  });

  it('a malformed file is refused with the line and field; a cashier may not import', async () => {
    const bad = await call(supervisor, 'POST', '/api/remittance/import', {
      format: 'bai2',
      fileName: 'bad.bai2',
      text: bai2.replace('49,138884258,7/', '49,138884259,7/'),
    });
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().error.code, 'file_malformed');
    assert.deepEqual(bad.json().error.fields, {
      'line 9': '49 account control total: says 138884259, the records sum to 138884258',
    });
    const denied = await call(cashier, 'GET', '/api/unapplied-cash');
    assert.equal(denied.statusCode, 403);
  });

  it('a supervisor applies an item to an account; it leaves the open queue', async () => {
    const queue = await call(supervisor, 'GET', '/api/unapplied-cash');
    const id = queue.json().items[0].id as number;
    const applied = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/apply`, {
      accountId,
    });
    assert.equal(applied.statusCode, 200, applied.body);
    assert.equal(applied.json().status, 'applied');
    const open = await call(supervisor, 'GET', '/api/unapplied-cash');
    assert.equal(open.json().items.length, 1);
    const again = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/apply`, { accountId });
    assert.equal(again.statusCode, 409);
  });

  it('research notes on an item: appended in order, with author and time; empty or unknown refused', async () => {
    const queue = await call(supervisor, 'GET', '/api/unapplied-cash');
    const id = queue.json().items[0].id as number;
    assert.deepEqual(queue.json().items[0].notes, []);
    const first = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/notes`, {
      body: '  Called the bank: originator is a property manager  ',
    });
    assert.equal(first.statusCode, 200, first.body);
    const second = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/notes`, {
      body: 'Left a message with the manager',
    });
    const notes = second.json().notes as { body: string; author: string; at: string }[];
    assert.deepEqual(
      notes.map((n) => n.body),
      ['Called the bank: originator is a property manager', 'Left a message with the manager'],
    );
    assert.ok(notes.every((n) => n.author.length > 0 && /^\d{4}-\d\d-\d\dT/.test(n.at)));
    const listed = await call(supervisor, 'GET', '/api/unapplied-cash');
    assert.equal(listed.json().items[0].notes.length, 2);
    const empty = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/notes`, { body: ' ' });
    assert.equal(empty.statusCode, 400);
    const unknown = await call(supervisor, 'POST', '/api/unapplied-cash/999999/notes', {
      body: 'x',
    });
    assert.equal(unknown.statusCode, 404);
    const denied = await call(cashier, 'POST', `/api/unapplied-cash/${id}/notes`, { body: 'x' });
    assert.equal(denied.statusCode, 403);
    // Append-only in the database too.
    await assert.rejects(t.db.pool.query('UPDATE unapplied_cash_note SET body = body'));
  });

  it('a supervisor refunds the other item to its sender; it leaves the queue as refunded', async () => {
    const queue = await call(supervisor, 'GET', '/api/unapplied-cash');
    const id = queue.json().items[0].id as number;
    const payee = {
      name: 'Desert Holdings LLC',
      line1: '400 W Broadway Rd',
      line2: 'Suite 12',
      city: 'Tempe',
      state: 'AZ',
      zip: '85282',
    };
    // No refund without a payee and mailing address for the check: nothing is written.
    const bad = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/refund`, {
      reason: 'not our customer: returned to sender',
      payee: { ...payee, state: 'Arizona', zip: '8528' },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(Object.keys(bad.json().error.fields ?? {}).sort(), [
      'payee.state',
      'payee.zip',
    ]);
    assert.equal((await call(supervisor, 'GET', '/api/unapplied-cash')).json().items.length, 1);
    const r = await call(supervisor, 'POST', `/api/unapplied-cash/${id}/refund`, {
      reason: 'not our customer: returned to sender',
      payee,
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'refunded');
    // Accounts payable is asked for the check, with no account: the sender is not a customer.
    const amount = (r.json().amountCents / 100).toFixed(2);
    const csv = await call(supervisor, 'POST', '/api/refunds/export', {});
    assert.equal(csv.statusCode, 200, csv.body);
    const rows = csv.body.trim().split('\n').slice(1);
    assert.equal(rows.length, 1);
    assert.match(
      rows[0]!,
      new RegExp(
        `^\\d+,,Desert Holdings LLC,400 W Broadway Rd,Suite 12,Tempe,AZ,85282,${amount},unapplied_cash,\\d{4}-\\d\\d-\\d\\d,not our customer: returned to sender,\\d+$`,
      ),
    );
    const open = await call(supervisor, 'GET', '/api/unapplied-cash');
    assert.equal(open.json().items.length, 0);
    const all = await call(supervisor, 'GET', '/api/unapplied-cash?status=all');
    assert.deepEqual(
      all
        .json()
        .items.map((i: { status: string }) => i.status)
        .sort(),
      ['applied', 'refunded'],
    );
  });
});
