import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, withClient, type Database } from '../../db/index.ts';
import { listAuditTrail, systemActor } from '../audit/index.ts';
import {
  changeOwnPassword,
  createUser,
  ensureDemoUsers,
  getUser,
  listUsers,
  login,
  resetPassword,
  resolveSession,
  roles,
  setUserRoles,
  updateUser,
  type CreateUserInput,
} from './index.ts';

const t0 = new Date('2026-03-02T15:00:00Z');
const ctx = { actor: { kind: 'staff', id: 1, name: 'root' } as const, now: t0 };

const base = (username: string): CreateUserInput => ({
  username,
  displayName: `User ${username}`,
  password: 'initial-password',
  roles: ['csr1'],
});

function create(db: Database, input: CreateUserInput) {
  return inTransaction(db, (tx) => createUser(tx, input, ctx));
}

async function auditOf(db: Database, userId: number) {
  const page = await listAuditTrail(db.pool, {
    entityType: 'staff_user',
    entityId: userId,
    limit: 50,
  });
  return [...page.items].reverse();
}

describeEngines('staff users', (t) => {
  it('creates a user with a lower-case username, roles, and an audited snapshot without the hash', async () => {
    const u = expectOk(
      await create(t.db, {
        ...base('  MaRia.G '),
        roles: ['cashier', 'csr1'],
        email: 'm@city.example',
      }),
    );
    assert.equal(u.username, 'maria.g');
    assert.deepEqual(u.roles, ['csr1', 'cashier']);
    assert.equal(u.mustChangePassword, true);
    assert.equal(u.version, 1);
    const [created] = await auditOf(t.db, u.id);
    assert.equal(created?.action, 'staff_user.created');
    assert.equal(created?.actorName, 'root');
    assert.deepEqual(created?.after, {
      username: 'maria.g',
      displayName: 'User   MaRia.G',
      email: 'm@city.example',
      active: true,
      mustChangePassword: true,
      roles: ['csr1', 'cashier'],
    });
    const hash = await t.db.pool.query<{ h: string }>(
      'SELECT password_hash AS h FROM staff_user WHERE id = $1',
      [u.id],
    );
    assert.match(hash.rows[0]?.h ?? '', /^\$argon2id\$/);
  });

  it('a taken username, in any case, is username_taken and writes nothing', async () => {
    expectOk(await create(t.db, base('dup')));
    const again = await create(t.db, base('DUP'));
    assert.equal(!again.ok && again.code, 'username_taken');
    const n = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE after->>'username' = 'dup'",
    );
    assert.equal(n.rows[0]?.n, 1);
  });

  it('a short password or a bad username is invalid, with the field named', async () => {
    const weak = await create(t.db, { ...base('weakling'), password: 'demo' });
    assert.ok(!weak.ok && weak.code === 'invalid' && weak.fields?.password);
    const bad = await create(t.db, { ...base('9lives') });
    assert.ok(!bad.ok && bad.code === 'invalid' && bad.fields?.username);
  });

  it('the database accepts every role of permissions.ts and refuses any other', async () => {
    const u = expectOk(await create(t.db, base('allroles')));
    const all = expectOk(
      await inTransaction(t.db, (tx) => setUserRoles(tx, { userId: u.id, roles: [...roles] }, ctx)),
    );
    assert.deepEqual(all.roles, roles);
    await assert.rejects(
      // Through a checked-out client: on PGlite a failed pool.query breaks the pool (see README).
      withClient(t.db, (q) =>
        q.query("INSERT INTO staff_user_role (user_id, role) VALUES ($1, 'superuser')", [u.id]),
      ),
      /check constraint/,
    );
  });

  it('updates and role changes bump the version and audit before and after, never a password hash', async () => {
    const u = expectOk(await create(t.db, base('upd')));
    const v2 = expectOk(
      await inTransaction(t.db, (tx) =>
        updateUser(
          tx,
          { userId: u.id, displayName: 'Updated Name', email: null, expectedVersion: 1 },
          ctx,
        ),
      ),
    );
    assert.equal(v2.version, 2);
    const v3 = expectOk(
      await inTransaction(t.db, (tx) =>
        setUserRoles(tx, { userId: u.id, roles: ['supervisor'] }, ctx),
      ),
    );
    assert.equal(v3.version, 3);
    const stale = await inTransaction(t.db, (tx) =>
      updateUser(tx, { userId: u.id, active: false, expectedVersion: 1 }, ctx),
    );
    assert.equal(!stale.ok && stale.code, 'stale_version');
    const same = expectOk(
      await inTransaction(t.db, (tx) =>
        updateUser(tx, { userId: u.id, displayName: 'Updated Name' }, ctx),
      ),
    );
    assert.equal(same.version, 3, 'no change, no new version');
    expectOk(
      await inTransaction(t.db, (tx) =>
        resetPassword(tx, { userId: u.id, newPassword: 'another-password' }, ctx),
      ),
    );
    const audit = await auditOf(t.db, u.id);
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'staff_user.created',
        'staff_user.updated',
        'staff_user.roles_changed',
        'staff_user.password_reset',
      ],
    );
    assert.deepEqual(audit[2]?.before, { ...(audit[1]?.after as object), roles: ['csr1'] });
    assert.deepEqual((audit[2]?.after as { roles: string[] }).roles, ['supervisor']);
    const text = JSON.stringify(audit);
    assert.doesNotMatch(
      text,
      /argon2|password_hash|passwordHash|initial-password|another-password/,
    );
  });

  it("an admin reset ends the sessions; changing one's own password needs the current one", async () => {
    const u = expectOk(await create(t.db, base('pw')));
    const first = expectOk(
      await login(t.db, { username: 'pw', password: 'initial-password', ip: '10.9.0.1' }, t0),
    );
    expectOk(
      await inTransaction(t.db, (tx) =>
        resetPassword(tx, { userId: u.id, newPassword: 'reset-password' }, ctx),
      ),
    );
    assert.equal(await resolveSession(t.db, first.token, t0), undefined);
    const old = await login(
      t.db,
      { username: 'pw', password: 'initial-password', ip: '10.9.0.1' },
      t0,
    );
    assert.equal(!old.ok && old.code, 'invalid_credentials');
    const a = expectOk(
      await login(t.db, { username: 'pw', password: 'reset-password', ip: '10.9.0.1' }, t0),
    );
    const b = expectOk(
      await login(t.db, { username: 'pw', password: 'reset-password', ip: '10.9.0.1' }, t0),
    );
    const change = (currentPassword: string, newPassword: string) =>
      inTransaction(t.db, (tx) =>
        changeOwnPassword(
          tx,
          { userId: u.id, currentPassword, newPassword, keepSessionId: a.principal.sessionId },
          ctx,
        ),
      );
    const wrong = await change('not-it', 'my-own-password');
    assert.equal(!wrong.ok && wrong.code, 'wrong_current_password');
    const same = await change('reset-password', 'reset-password');
    assert.equal(!same.ok && same.code, 'invalid');
    const changed = expectOk(await change('reset-password', 'my-own-password'));
    assert.equal(changed.mustChangePassword, false);
    assert.ok(await resolveSession(t.db, a.token, t0), 'the session that changed it stays');
    assert.equal(await resolveSession(t.db, b.token, t0), undefined, 'the other session ends');
    expectOk(
      await login(t.db, { username: 'pw', password: 'my-own-password', ip: '10.9.0.1' }, t0),
    );
  });

  it('the only active admin cannot be disabled or lose the admin role', async () => {
    // Disable every other administrator (the demo one among them) so that "boss" is the last.
    await ensureDemoUsers(t.db, t0);
    const boss = expectOk(await create(t.db, { ...base('boss'), roles: ['admin'] }));
    const others = (await listUsers(t.db.pool)).items.filter(
      (u) => u.id !== boss.id && u.roles.includes('admin'),
    );
    assert.ok(others.some((u) => u.username === 'admin'));
    for (const u of others) {
      expectOk(
        await inTransaction(t.db, (tx) => updateUser(tx, { userId: u.id, active: false }, ctx)),
      );
    }
    const off = await inTransaction(t.db, (tx) =>
      updateUser(tx, { userId: boss.id, active: false }, ctx),
    );
    assert.equal(!off.ok && off.code, 'last_active_admin');
    const demote = await inTransaction(t.db, (tx) =>
      setUserRoles(tx, { userId: boss.id, roles: ['csr1'] }, ctx),
    );
    assert.equal(!demote.ok && demote.code, 'last_active_admin');
    expectOk(
      await inTransaction(t.db, (tx) =>
        setUserRoles(tx, { userId: boss.id, roles: ['admin', 'csr2'] }, ctx),
      ),
    );
  });

  it('getUser of a missing id is user_not_found; listUsers pages by username and hides the disabled', async () => {
    const missing = await getUser(t.db.pool, 999_999);
    assert.equal(!missing.ok && missing.code, 'user_not_found');
    const p1 = await listUsers(t.db.pool, { limit: 2 });
    assert.equal(p1.items.length, 2);
    assert.ok(p1.nextAfterUsername);
    const p2 = await listUsers(t.db.pool, { limit: 2, afterUsername: p1.nextAfterUsername });
    assert.ok((p2.items[0]?.username ?? '') > p1.nextAfterUsername);
    const all = await listUsers(t.db.pool, { includeInactive: true });
    const active = await listUsers(t.db.pool);
    assert.ok(all.items.some((u) => !u.active));
    assert.ok(active.items.every((u) => u.active));
  });
});

describeEngines('demo users', (t) => {
  it('ensureDemoUsers creates the eight demo users once, each signing in with "demo"', async () => {
    const first = await ensureDemoUsers(t.db, t0);
    const second = await ensureDemoUsers(t.db, new Date('2026-03-03T15:00:00Z'));
    assert.deepEqual(first, second);
    assert.deepEqual(
      first.map((u) => u.username),
      ['csr1', 'csr2', 'supervisor', 'cashier', 'dispatcher', 'tech', 'solidwaste', 'admin'],
    );
    const n = await t.db.pool.query<{ users: number; audits: number }>(
      "SELECT (SELECT count(*)::int FROM staff_user) AS users, (SELECT count(*)::int FROM audit_log WHERE action = 'staff_user.created') AS audits",
    );
    assert.deepEqual(n.rows[0], { users: 8, audits: 8 });
    for (const u of first) {
      const r = expectOk(
        await login(t.db, { username: u.username, password: 'demo', ip: '127.0.0.1' }, t0),
      );
      assert.deepEqual(r.principal.roles, [u.role]);
      assert.equal(r.mustChangePassword, false);
    }
    const tech = expectOk(
      await login(t.db, { username: 'tech', password: 'demo', ip: '127.0.0.1' }, t0),
    );
    assert.deepEqual(tech.principal.roles, ['field_tech']);
  });

  it('a demo user changed by an administrator is left as it is', async () => {
    const csr1 = (await listUsers(t.db.pool)).items.find((u) => u.username === 'csr1');
    assert.ok(csr1);
    expectOk(
      await inTransaction(t.db, (tx) =>
        setUserRoles(tx, { userId: csr1.id, roles: ['csr2'] }, { ...ctx, actor: systemActor('x') }),
      ),
    );
    await ensureDemoUsers(t.db, t0);
    assert.deepEqual(expectOk(await getUser(t.db.pool, csr1.id)).roles, ['csr2']);
  });
});
