import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import type { Role } from '../staff/index.ts';
import { inService, meterWithHeldRead } from './metering-test-support.ts';

// A field tech closes the orders of the day through the API (FLD, BIL-1): a re-read with its
// reading, a leak check with what was found; a dispatcher cancels one. Roles and bad input.
describeEngines('service order routes (complete, cancel, re-read)', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  const call = async (role: Role, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${await h.tokenFor(role)}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const orders = async (premiseId: number) =>
    (await call('field_tech', 'GET', `/api/service-orders?premiseId=${premiseId}`)).json()
      .orders as {
      id: number;
      kind: string;
      status: string;
      result: string | null;
      closedBy: string | null;
    }[];

  it('a re-read order is completed with its reading; a leak check with a result; a cancel says why', async () => {
    const { premiseId, held } = await meterWithHeldRead(t.db, 'RRT1');
    const ask = (reason: string) => call('csr1', 'POST', '/api/meters/RRT1/re-read', { reason });
    const reRead = (await ask('held_read')).json().orderId as number;
    const leak = (await ask('leak_check')).json().orderId as number;
    // The account page lists the meter's open orders.
    const accountId = await inService(t.db, 'RRT1');
    const openOrders = async () =>
      (
        (await call('csr1', 'GET', `/api/accounts/${accountId}/meters`)).json().meters[0]
          .openOrders as { orderId: number; kind: string; reason: string }[]
      ).map((o) => [o.orderId, o.kind, o.reason]);
    assert.deepEqual(await openOrders(), [
      [reRead, 're_read', 'held_read'],
      [leak, 'leak_check', 'leak_check'],
    ]);

    const body = { readDate: '2026-04-04', readings: [{ reading: '10300' }] };
    const url = `/api/service-orders/${reRead}/reads`;
    assert.equal((await call('csr1', 'POST', url, body)).statusCode, 403);
    assert.equal((await call('cashier', 'POST', url, body)).statusCode, 403);
    const bad = await call('field_tech', 'POST', url, { ...body, readings: [] });
    assert.equal(bad.statusCode, 400, bad.body);
    const badReading = await call('field_tech', 'POST', url, {
      ...body,
      readings: [{ reading: '-4' }],
    });
    assert.equal(badReading.statusCode, 400, badReading.body);
    const onLeak = await call('field_tech', 'POST', `/api/service-orders/${leak}/reads`, body);
    assert.equal(onLeak.statusCode, 422, onLeak.body);
    assert.equal(onLeak.json().error.code, 'not_a_re_read_order');
    const noReading = await call('field_tech', 'POST', `/api/service-orders/${reRead}/complete`, {
      result: 'read it',
    });
    assert.equal(noReading.statusCode, 422, noReading.body);
    assert.equal(noReading.json().error.code, 're_read_needs_reading');

    const done = await call('field_tech', 'POST', url, { ...body, note: 'dial was dirty' });
    assert.equal(done.statusCode, 200, done.body);
    assert.deepEqual(done.json().reads[0].heldReads, [
      { readId: held.readId, decision: 'replaced' },
    ]);
    const again = await call('field_tech', 'POST', url, { ...body, readDate: '2026-04-05' });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'service_order_closed');

    const emptyResult = await call('field_tech', 'POST', `/api/service-orders/${leak}/complete`, {
      result: '  ',
    });
    assert.equal(emptyResult.statusCode, 400, emptyResult.body);
    const leakDone = await call('field_tech', 'POST', `/api/service-orders/${leak}/complete`, {
      result: 'No leak found; toilet flapper replaced by owner',
    });
    assert.equal(leakDone.statusCode, 200, leakDone.body);
    assert.deepEqual(leakDone.json(), { orderId: leak, status: 'completed' });

    assert.deepEqual(await openOrders(), []);
    const list = await orders(premiseId);
    const r = list.find((o) => o.id === reRead)!;
    assert.equal(r.status, 'completed');
    assert.match(
      r.result ?? '',
      /gallon 10300 on 2026-04-04: held read \d+ corrected; dial was dirty/,
    );
    const l = list.find((o) => o.id === leak)!;
    assert.deepEqual(
      [l.status, l.result],
      ['completed', 'No leak found; toilet flapper replaced by owner'],
    );
    assert.ok(l.closedBy);

    const third = (await ask('re_read')).json().orderId as number;
    const cancel = `/api/service-orders/${third}/cancel`;
    assert.equal((await call('csr2', 'POST', cancel, { result: 'x' })).statusCode, 403);
    const cancelled = await call('dispatcher', 'POST', cancel, {
      result: 'Customer read it by phone',
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(
      (await call('dispatcher', 'POST', cancel, { result: 'again' })).json().error.code,
      'service_order_closed',
    );
    const missing = await call('dispatcher', 'POST', '/api/service-orders/999999/cancel', {
      result: 'x',
    });
    assert.equal(missing.statusCode, 404, missing.body);
    const audit = await t.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'service_order' AND entity_id = ANY($1)
        ORDER BY id`,
      [[String(reRead), String(leak), String(third)]],
    );
    assert.deepEqual(
      audit.rows.map((a) => a.action).filter((a) => a !== 'service_order.created'),
      ['service_order.completed', 'service_order.completed', 'service_order.cancelled'],
    );
  });
});
