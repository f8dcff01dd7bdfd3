import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { seedAccount, type SeededAccount } from './high-bill-test-support.ts';

describeEngines('seasonal hold routes (BIL-9 furlough)', (t) => {
  let h: TestApp;
  let csr: string;
  let cashier: string;
  let a: SeededAccount;
  let other: SeededAccount;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
    cashier = await h.tokenFor('cashier');
    a = await seedAccount(t.db, 'SHR-1');
    other = await seedAccount(t.db, 'SHR-2');
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('shows what can be held, places a hold for staff who change accounts, refuses bad requests, cancels', async () => {
    const url = `/api/accounts/${a.accountId}/seasonal-holds`;
    const view = await call(cashier, 'GET', url);
    assert.equal(view.statusCode, 200, view.body);
    assert.deepEqual(
      [
        view.json().services,
        view.json().feePerServiceCents,
        view.json().monthsMax,
        view.json().holds,
      ],
      [['water'], 2000, 8, []],
    );
    // Today in the test app is 2026-11-24.
    const body = { from: '2026-12-01', through: '2027-03-31', services: ['water'] };
    assert.equal((await call(cashier, 'POST', url, body)).statusCode, 403);
    const bad = [
      [{ ...body, services: [] }, 400, 'invalid'],
      [{ ...body, through: '2026-11-30' }, 400, 'invalid'],
      [{ ...body, services: ['gas'] }, 422, 'hold_service_not_active'],
      [{ ...body, through: '2026-12-20' }, 422, 'hold_too_short'],
    ] as const;
    for (const [payload, status, code] of bad) {
      const r = await call(csr, 'POST', url, payload);
      assert.deepEqual([r.statusCode, r.json().error.code], [status, code], r.body);
    }
    const placed = await call(csr, 'POST', url, { ...body, reason: 'Summer in Flagstaff' });
    assert.equal(placed.statusCode, 201, placed.body);
    const hold = placed.json();
    assert.deepEqual(
      [hold.phase, hold.services, hold.from, hold.through, hold.reason],
      ['scheduled', ['water'], '2026-12-01', '2027-03-31', 'Summer in Flagstaff'],
    );
    const again = await call(csr, 'POST', url, { ...body, from: '2027-01-01' });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'hold_overlaps']);
    const listed = await call(cashier, 'GET', url);
    assert.deepEqual(
      listed.json().holds.map((x: { holdId: number }) => x.holdId),
      [hold.holdId],
    );
    const wrong = await call(
      csr,
      'POST',
      `/api/accounts/${other.accountId}/seasonal-holds/${hold.holdId}/cancel`,
    );
    assert.deepEqual([wrong.statusCode, wrong.json().error.code], [404, 'hold_not_found']);
    const early = await call(csr, 'POST', `${url}/${hold.holdId}/end`, { on: '2026-12-15' });
    assert.deepEqual([early.statusCode, early.json().error.code], [409, 'hold_not_started']);
    const cancelled = await call(csr, 'POST', `${url}/${hold.holdId}/cancel`);
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.deepEqual([cancelled.json().status, cancelled.json().phase], ['cancelled', 'cancelled']);
    const twice = await call(csr, 'POST', `${url}/${hold.holdId}/cancel`);
    assert.deepEqual([twice.statusCode, twice.json().error.code], [409, 'hold_cancelled']);
  });
});
