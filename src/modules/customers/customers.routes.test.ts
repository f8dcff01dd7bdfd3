import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Role } from '../staff/index.ts';
import { counts } from './customers-test-support.ts';

describeEngines('customers HTTP routes', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  const call = async (role: Role, method: string, url: string, payload?: unknown) =>
    h.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${await h.tokenFor(role)}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const premise = {
    addressLine1: '455 N Center St',
    city: 'Mesa',
    zip: '85201',
    latitude: 33.42,
    longitude: -111.83,
    premiseType: 'single_family',
    cycle: 4,
    electricTerritory: true,
  };

  it('an agent previews the fees, starts service and reads the overview', async () => {
    const p = await call('csr1', 'POST', '/api/premises', premise);
    assert.equal(p.statusCode, 201, p.body);
    const { premiseId } = p.json();
    const start = {
      newCustomer: {
        kind: 'person',
        firstName: 'Ana',
        lastName: 'Ruiz',
        phone: '480-555-0188',
        taxId: '123-45-0001',
      },
      premiseId,
      startDate: '2026-11-30',
      services: [{ service: 'electric' }, { service: 'water' }],
      identity: {
        idType: 'drivers_license',
        idNumber: 'D0912345',
        method: 'in_person',
        leaseChecked: true,
      },
    };
    const preview = await call('csr1', 'POST', '/api/service/start/preview', start);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.json().totalFeesCents, 1100 + 2000 + 2000);
    const started = await call('csr1', 'POST', '/api/service/start', start);
    assert.equal(started.statusCode, 201, started.body);
    const { accountId } = started.json();
    const o = await call('cashier', 'GET', `/api/accounts/${accountId}`);
    assert.equal(o.statusCode, 200, o.body);
    assert.equal(o.json().balances.totalCents, 5100);
    assert.equal(o.json().customer.taxIdMasked, '***-**-0001');
    assert.ok(!o.body.includes('123-45-0001') && !o.body.includes('D0912345'));
    const tl = await call('csr1', 'GET', `/api/accounts/${accountId}/timeline?limit=3`);
    assert.equal(tl.statusCode, 200, tl.body);
    assert.equal(tl.json().events.length, 3);
    const again = await call('csr1', 'POST', '/api/service/start', {
      ...start,
      newCustomer: { kind: 'person', lastName: 'X' },
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'service_already_active');
  });

  it('bad input is a 400 with field messages and writes nothing', async () => {
    await h.tokenFor('admin'); // logging in is audited: do it before counting
    const before = await counts(t.db);
    const bad = [
      ['POST', '/api/customers', { kind: 'person', phone: '12', taxId: '12-3' }],
      ['POST', '/api/premises', { ...premise, zip: 'ABCDE', cycle: 17 }],
      [
        'POST',
        '/api/service/start',
        {
          premiseId: 1,
          services: [{ service: 'water' }, { service: 'water' }],
          startDate: '2026-02-30',
        },
      ],
      ['POST', '/api/service/stop', { accountId: 1, stopDate: 'soon', reason: '' }],
      ['PUT', '/api/accounts/1/due-day', { expectedVersion: 1, dueDay: 31 }],
      [
        'POST',
        '/api/accounts/1/statuses',
        { reason: 'test', details: { status: 'bankruptcy', chapter: 9 } },
      ],
    ] as const;
    for (const [method, url, body] of bad) {
      const r = await call('admin', method, url, body);
      assert.equal(r.statusCode, 400, `${url}: ${r.body}`);
      assert.ok(Object.keys(r.json().error.fields ?? {}).length > 0, `${url}: ${r.body}`);
    }
    assert.deepEqual(await counts(t.db), before);
  });

  it('permissions: a cashier cannot write, a CSR I cannot override fraud or set statuses', async () => {
    const denied = await call('cashier', 'POST', '/api/customers', {
      kind: 'person',
      lastName: 'X',
    });
    assert.equal(denied.statusCode, 403);
    const status = await call('csr1', 'POST', '/api/accounts/1/statuses', {
      reason: 'cash only after returns',
      details: { status: 'cash_only', endsOn: '2027-11-30' },
    });
    assert.equal(status.statusCode, 403);
    const p = (
      await call('csr1', 'POST', '/api/premises', { ...premise, addressLine1: '9 W 1st Ave' })
    ).json();
    const override = await call('csr1', 'POST', '/api/service/start', {
      newCustomer: { kind: 'person', lastName: 'Y' },
      premiseId: p.premiseId,
      services: [{ service: 'water' }],
      startDate: '2026-11-30',
      fraudOverride: { reason: 'because I said so' },
    });
    assert.equal(override.statusCode, 403, override.body);
    assert.equal(override.json().error.code, 'fraud_override_not_permitted');
  });
});
