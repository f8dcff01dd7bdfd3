import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { limits } from '../../core/limits.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { listAuditTrail, systemActor } from '../audit/index.ts';
import {
  apiTokenPrefix,
  createApiToken,
  createUser,
  listApiTokens,
  resolveSession,
  revokeApiToken,
  updateUser,
} from './index.ts';

const t0 = new Date('2026-03-02T15:00:00Z');
const ctx = { actor: systemActor('test'), now: t0 };

async function integrationUser(db: Database, username: string) {
  const input = {
    username,
    displayName: 'Lockbox import',
    password: 'integration-password',
    roles: ['cashier' as const],
  };
  return expectOk(await inTransaction(db, (tx) => createUser(tx, input, ctx)));
}

function issue(db: Database, userId: number, name = 'lockbox') {
  return inTransaction(db, (tx) => createApiToken(tx, { userId, name }, ctx));
}

describeEngines('staff API tokens', (t) => {
  it("a Bearer API token resolves to its user with that user's roles", async () => {
    const user = await integrationUser(t.db, 'lockbox');
    const issued = expectOk(await issue(t.db, user.id));
    assert.ok(issued.token.startsWith(apiTokenPrefix));
    const p = await resolveSession(t.db, issued.token, t0);
    assert.equal(p?.userId, user.id);
    assert.deepEqual(p?.roles, ['cashier']);
    assert.equal(p?.sessionId, `api_token:${issued.id}`);
    assert.ok(p?.permissions.has('customers.read'));
    const stored = await t.db.pool.query<{ h: string }>(
      'SELECT token_hash AS h FROM staff_api_token WHERE id = $1',
      [issued.id],
    );
    assert.notEqual(stored.rows[0]?.h, issued.token);
    assert.match(stored.rows[0]?.h ?? '', /^[0-9a-f]{64}$/);
  });

  it('an API token does not expire with idle time but stops when revoked', async () => {
    const user = await integrationUser(t.db, 'ach');
    const issued = expectOk(await issue(t.db, user.id, 'ach returns'));
    const muchLater = new Date(t0.getTime() + 90 * 86_400_000);
    assert.ok(await resolveSession(t.db, issued.token, muchLater));
    const listed = await listApiTokens(t.db.pool, user.id);
    assert.equal(listed[0]?.lastUsedAt?.getTime(), muchLater.getTime());
    assert.ok(!('token' in (listed[0] ?? {})));
    const revoked = expectOk(
      await inTransaction(t.db, (tx) => revokeApiToken(tx, { tokenId: issued.id }, ctx)),
    );
    assert.equal(revoked.revokedAt?.getTime(), t0.getTime());
    assert.equal(await resolveSession(t.db, issued.token, muchLater), undefined);
    const again = expectOk(
      await inTransaction(t.db, (tx) => revokeApiToken(tx, { tokenId: issued.id }, ctx)),
    );
    assert.equal(again.revokedAt?.getTime(), t0.getTime());
    const audit = await listAuditTrail(t.db.pool, {
      entityType: 'staff_api_token',
      entityId: issued.id,
      limit: 10,
    });
    assert.deepEqual(
      audit.items.map((a) => a.action),
      ['staff_api_token.revoked', 'staff_api_token.created'],
    );
    assert.doesNotMatch(JSON.stringify(audit.items), new RegExp(issued.token.slice(8)));
  });

  it("a disabled user's tokens stop working; a missing token is api_token_not_found", async () => {
    const user = await integrationUser(t.db, 'gis');
    const issued = expectOk(await issue(t.db, user.id));
    expectOk(
      await inTransaction(t.db, (tx) => updateUser(tx, { userId: user.id, active: false }, ctx)),
    );
    assert.equal(await resolveSession(t.db, issued.token, t0), undefined);
    const refused = await issue(t.db, user.id);
    assert.equal(!refused.ok && refused.code, 'user_disabled');
    const missing = await inTransaction(t.db, (tx) =>
      revokeApiToken(tx, { tokenId: 987_654 }, ctx),
    );
    assert.equal(!missing.ok && missing.code, 'api_token_not_found');
    const noUser = await issue(t.db, 987_654);
    assert.equal(!noUser.ok && noUser.code, 'user_not_found');
  });

  it('a user holds at most the allowed number of unrevoked tokens', async () => {
    const user = await integrationUser(t.db, 'many');
    for (let i = 0; i < limits.apiTokensPerUserMax; i++)
      expectOk(await issue(t.db, user.id, `t${i}`));
    const over = await issue(t.db, user.id, 'one too many');
    assert.equal(!over.ok && over.code, 'too_many_api_tokens');
  });

  it('an unknown token with the API prefix resolves to nothing', async () => {
    assert.equal(await resolveSession(t.db, `${apiTokenPrefix}not-issued`, t0), undefined);
  });
});
