import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { listAuditTrail, recordAudit, systemActor, type Actor } from './index.ts';

const staff = (id: number): Actor => ({ kind: 'staff', id, name: `user${id}` });

describeEngines('audit trail reads', (t) => {
  it('filters by entity, account and staff actor, newest first, in pages', async () => {
    await inTransaction(t.db, async (tx) => {
      for (let i = 1; i <= 5; i++) {
        await recordAudit(tx, {
          actor: i % 2 ? staff(7) : systemActor('nightly'),
          at: new Date(Date.UTC(2026, 2, i)),
          action: 'account.note_added',
          entityType: 'account',
          entityId: i <= 3 ? 100 : 200,
          accountId: i <= 3 ? 100 : 200,
          after: { n: i },
        });
      }
      return ok(undefined);
    });
    const all = await listAuditTrail(t.db.pool, { limit: 50 });
    assert.deepEqual(
      all.items.map((r) => (r.after as { n: number }).n),
      [5, 4, 3, 2, 1],
    );
    assert.equal(all.nextBefore, null);

    const byEntity = await listAuditTrail(t.db.pool, {
      entityType: 'account',
      entityId: 100,
      limit: 50,
    });
    assert.deepEqual(
      byEntity.items.map((r) => (r.after as { n: number }).n),
      [3, 2, 1],
    );
    const byAccount = await listAuditTrail(t.db.pool, { accountId: 200, limit: 50 });
    assert.deepEqual(
      byAccount.items.map((r) => r.accountId),
      [200, 200],
    );
    const byActor = await listAuditTrail(t.db.pool, { actorId: 7, limit: 50 });
    assert.deepEqual(
      byActor.items.map((r) => (r.after as { n: number }).n),
      [5, 3, 1],
    );
    assert.ok(byActor.items.every((r) => r.actorKind === 'staff' && r.actorId === 7));

    const page1 = await listAuditTrail(t.db.pool, { limit: 2 });
    assert.equal(page1.items.length, 2);
    assert.ok(page1.nextBefore);
    const page2 = await listAuditTrail(t.db.pool, { limit: 2, before: page1.nextBefore });
    const page3 = await listAuditTrail(t.db.pool, { limit: 2, before: page2.nextBefore ?? 0 });
    assert.deepEqual(
      [...page1.items, ...page2.items, ...page3.items].map((r) => r.id),
      all.items.map((r) => r.id),
    );
    assert.equal(page3.nextBefore, null);
  });
});
