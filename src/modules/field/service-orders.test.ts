import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { closeServiceOrder, listServiceOrders, requestReRead } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

async function premise(db: Database, no: string): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', 1, now()) RETURNING id`,
    [no],
  );
  return r.rows[0]!.id;
}

describeEngines('field service orders', (t) => {
  it('a re-read request opens one order per meter; asking again returns the open one', async () => {
    const premiseId = await premise(t.db, 'F-1');
    const ask = () =>
      inTransaction(t.db, (tx) =>
        requestReRead(tx, { premiseId, meterNumber: 'WF1', reason: 'held_read', note: 'x' }, ctx),
      );
    const first = expectOk(await ask());
    const second = expectOk(await ask());
    assert.equal(first.created, true);
    assert.deepEqual(second, { orderId: first.orderId, created: false });
    const orders = await listServiceOrders(t.db.pool, { premiseId });
    assert.equal(orders.length, 1);
    assert.equal(orders[0]!.kind, 're_read');
    assert.equal(orders[0]!.reason, 'held_read');
    const audit = await t.db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'service_order.created' AND entity_id = $1`,
      [String(first.orderId)],
    );
    assert.equal(audit.rowCount, 1);
  });

  it('a closed order no longer blocks a new one, and a leak check is its own kind', async () => {
    const premiseId = await premise(t.db, 'F-2');
    const a = expectOk(
      await inTransaction(t.db, (tx) =>
        requestReRead(tx, { premiseId, meterNumber: 'WF2', reason: 'high_bill' }, ctx),
      ),
    );
    expectOk(
      await inTransaction(t.db, (tx) =>
        closeServiceOrder(tx, { orderId: a.orderId, status: 'completed' }, ctx),
      ),
    );
    const b = expectOk(
      await inTransaction(t.db, (tx) =>
        requestReRead(tx, { premiseId, meterNumber: 'WF2', reason: 'high_bill' }, ctx),
      ),
    );
    const leak = expectOk(
      await inTransaction(t.db, (tx) =>
        requestReRead(tx, { premiseId, meterNumber: 'WF2', reason: 'leak_check' }, ctx),
      ),
    );
    assert.equal(b.created, true);
    assert.notEqual(b.orderId, a.orderId);
    assert.equal(leak.created, true);
    const open = await listServiceOrders(t.db.pool, { premiseId, status: 'open' });
    assert.deepEqual(open.map((o) => o.kind).sort(), ['leak_check', 're_read']);
  });

  it('an unknown premise is refused', async () => {
    const r = await inTransaction(t.db, (tx) =>
      requestReRead(tx, { premiseId: 999999, meterNumber: 'WF3', reason: 're_read' }, ctx),
    );
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'premise_not_found');
  });
});
