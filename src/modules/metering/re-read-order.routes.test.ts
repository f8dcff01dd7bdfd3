import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import type { Role } from '../staff/index.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { createServiceOrder } from '../field/index.ts';
import { inService, meterWithHeldRead, premise } from './metering-test-support.ts';

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
    assert.equal(onLeak.json().error.code, 'order_takes_no_reading');
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

  it("the dispatcher's work list pages open orders oldest first, by kind, cycle and due date", async () => {
    const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };
    const { premiseId: p1 } = await meterWithHeldRead(t.db, 'RRQ1');
    await inService(t.db, 'RRQ1');
    const p2 = await premise(t.db, 'P-RRQ2', 11);
    const open = async (
      kind: 're_read' | 'leak_check' | 'field_visit',
      premiseId: number,
      meterNumber: string | null,
      dueOn: string | null,
    ) =>
      expectOk(
        await inTransaction(t.db, (tx) =>
          createServiceOrder(
            tx,
            {
              kind,
              premiseId,
              meterNumber,
              reason: 'queue test',
              dueOn: dueOn === null ? null : localDate(dueOn),
            },
            ctx,
          ),
        ),
      ).orderId;
    const a = await open('re_read', p1, 'RRQ1', '2026-12-01');
    const b = await open('leak_check', p1, 'RRQ1', null);
    const c = await open('field_visit', p2, null, '2026-11-20');
    const d = await open('re_read', p2, 'RRQ2-NONE', '2026-12-15');
    type Row = { id: number; address: string; cycle: number; accountNo: string | null };
    const get = async (query: string) => {
      const r = await call('dispatcher', 'GET', `/api/service-orders/open?${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as { orders: Row[]; total: number; next: number | null };
    };
    const mine = (rows: readonly Row[]) => rows.filter((o) => [a, b, c, d].includes(o.id));

    const reReads = await get('kind=re_read&limit=500');
    assert.deepEqual(
      mine(reReads.orders).map((o) => o.id),
      [a, d],
    );
    const first = mine(reReads.orders)[0]!;
    assert.equal(first.address, '1 Main St, Mesa');
    assert.equal(first.accountNo, 'A-RRQ1', 'the account of the meter’s agreement');
    assert.equal(mine(reReads.orders)[1]!.accountNo, null, 'a vacant premise has none');
    const leaks = await get('kind=leak_check&limit=500');
    assert.deepEqual(
      mine(leaks.orders).map((o) => o.id),
      [b],
    );
    const cycle11 = await get('cycle=11');
    assert.deepEqual(
      cycle11.orders.map((o) => o.id),
      [c, d],
    );
    assert.equal(cycle11.total, 2);
    assert.equal(cycle11.orders[0]!.cycle, 11);
    const due = await get('cycle=11&dueBy=2026-11-30');
    assert.deepEqual(
      due.orders.map((o) => o.id),
      [c],
    );
    // A page at a time: the cursor walks every order once.
    const one = await get('cycle=11&limit=1');
    assert.deepEqual([one.orders.map((o) => o.id), one.next, one.total], [[c], c, 2]);
    const two = await get(`cycle=11&limit=1&after=${one.next}`);
    assert.deepEqual([two.orders.map((o) => o.id), two.next], [[d], null]);
    // Closed orders leave the list; a bad filter is refused.
    await call('dispatcher', 'POST', `/api/service-orders/${c}/cancel`, {
      result: 'done by phone',
    });
    assert.deepEqual(
      (await get('cycle=11')).orders.map((o) => o.id),
      [d],
    );
    assert.equal(
      (await call('dispatcher', 'GET', '/api/service-orders/open?cycle=17')).statusCode,
      400,
    );
  });
});
