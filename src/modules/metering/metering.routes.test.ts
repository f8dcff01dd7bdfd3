import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { createCustomer, createPremise, openAccount } from '../customers/index.ts';
import { installMeter } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-20T12:00:00Z') };

describeEngines('metering routes', (t) => {
  let h: TestApp;
  let premiseId: number;
  let accountId: number;
  before(async () => {
    h = await startTestApp(t.db);
    const made = expectOk(
      await inTransaction(t.db, async (tx) => {
        const p = expectOk(
          await createPremise(
            tx,
            {
              addressLine1: '9 N Hydrant Rd',
              city: 'Mesa',
              zip: '85201',
              latitude: 33.4,
              longitude: -111.8,
              premiseType: 'hydrant',
              cycle: 4,
            },
            ctx,
          ),
        );
        const c = expectOk(
          await createCustomer(tx, { kind: 'business', businessName: 'Trench Co' }, ctx),
        );
        const a = expectOk(
          await openAccount(
            tx,
            {
              customerId: c.customerId,
              accountClass: 'commercial',
              premiseId: p.premiseId,
              openedOn: localDate('2026-01-01'),
            },
            ctx,
          ),
        );
        expectOk(
          await installMeter(
            tx,
            {
              premiseId: p.premiseId,
              meterNumber: 'RT1',
              service: 'water',
              size: '1',
              installedOn: localDate('2026-01-01'),
              registers: [{ kind: 'gallon', dials: 6, initialMilli: 1_000_000 }],
            },
            ctx,
          ),
        );
        return { ok: true as const, value: { premiseId: p.premiseId, accountId: a.accountId } };
      }),
    );
    premiseId = made.premiseId;
    accountId = made.accountId;
  });
  after(async () => h.close());

  const call = async (
    role: Parameters<TestApp['tokenFor']>[0],
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
  ) =>
    h.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${await h.tokenFor(role)}`,
        'content-type': 'application/json',
      },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('imports a file as JSON text, lists the held read, and releases it out of the queue', async () => {
    const text =
      'meter_number,read_date,reading\nRT1,2026-01-31,4000\nRT1,2026-03-02,7000\nRT1,2026-04-01,25000\n';
    const imp = await call('admin', 'POST', '/api/reads/import', { fileName: 'rt1.csv', text });
    assert.equal(imp.statusCode, 201, imp.body);
    assert.equal(imp.json().held, 1);
    assert.equal((await call('csr1', 'GET', '/api/reads/held')).statusCode, 403);
    const held = await call('csr2', 'GET', '/api/reads/held?reason=high_usage');
    assert.equal(held.statusCode, 200, held.body);
    const [read] = held.json().reads;
    assert.equal(held.json().total, 1);
    assert.equal(held.json().next, null);
    assert.equal(read.meterNumber, 'RT1');
    const after = await call('csr2', 'GET', `/api/reads/held?afterReadId=${read.readId}`);
    assert.deepEqual([after.json().reads.length, after.json().total], [0, 1]);
    const bad = await call('csr2', 'GET', '/api/reads/held?afterReadId=x');
    assert.equal(bad.statusCode, 400);
    assert.equal(read.previous.length, 3);
    const rel = await call('csr2', 'POST', `/api/reads/${read.readId}/release`, {
      reason: 'pool fill',
    });
    assert.equal(rel.statusCode, 200, rel.body);
    const again = await call('csr2', 'POST', `/api/reads/${read.readId}/release`, {});
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'read_already_reviewed');
    assert.equal((await call('csr2', 'GET', '/api/reads/held')).json().reads.length, 0);
  });

  it('enters a field read, refuses one out of order, and opens one re-read order per meter', async () => {
    const ok = await call('dispatcher', 'POST', '/api/meters/RT1/reads', {
      readDate: '2026-05-01',
      reading: '28000',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().status, 'accepted');
    const late = await call('dispatcher', 'POST', '/api/meters/RT1/reads', {
      readDate: '2026-04-15',
      reading: '26000',
    });
    assert.equal(late.statusCode, 422);
    assert.equal(late.json().error.code, 'read_out_of_order');
    const first = await call('dispatcher', 'POST', '/api/meters/RT1/re-read', {
      reason: 'high_bill',
    });
    const second = await call('dispatcher', 'POST', '/api/meters/RT1/re-read', {
      reason: 'high_bill',
    });
    assert.equal(first.json().created, true);
    assert.deepEqual(second.json(), { orderId: first.json().orderId, created: false });
    const orders = await call('csr1', 'GET', `/api/service-orders?premiseId=${premiseId}`);
    assert.equal(orders.statusCode, 200, orders.body);
    assert.deepEqual(
      orders
        .json()
        .orders.map((o: { kind: string; meterNumber: string }) => [o.kind, o.meterNumber]),
      [['re_read', 'RT1']],
    );
    const unknown = await call('dispatcher', 'POST', '/api/meters/NOPE1/reads', {
      readDate: '2026-05-01',
      reading: '1',
    });
    assert.equal(unknown.statusCode, 404);
  });

  it('issues a hydrant meter, shows it on the account, and takes it back with the final read', async () => {
    const issued = await call('dispatcher', 'POST', '/api/hydrant-meters', {
      accountId,
      premiseId,
      meterNumber: 'H-RT1',
      issuedOn: '2026-06-01',
      initialReading: '100000',
    });
    assert.equal(issued.statusCode, 201, issued.body);
    assert.equal((await call('csr1', 'POST', '/api/hydrant-meters', {})).statusCode, 403);
    const meters = await call('csr1', 'GET', `/api/accounts/${accountId}/meters`);
    assert.equal(meters.statusCode, 200, meters.body);
    assert.deepEqual(
      meters.json().meters.map((m: { meterNumber: string }) => m.meterNumber),
      ['H-RT1'],
    );
    const back = await call('dispatcher', 'POST', '/api/hydrant-meters/H-RT1/return', {
      returnedOn: '2026-07-01',
      finalReading: '130000',
    });
    assert.equal(back.statusCode, 200, back.body);
    assert.equal(back.json().finalReading, '130000.000');
    assert.equal(back.json().estimated, false);
    const none = await call('csr1', 'GET', '/api/accounts/99999999/meters');
    assert.equal(none.statusCode, 404);
  });
});
