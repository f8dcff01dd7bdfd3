import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { limits } from '../../core/limits.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { listAuditTrail, systemActor } from '../audit/index.ts';
import {
  createUser,
  login,
  logout,
  pruneLoginAttempts,
  resolveSession,
  setUserRoles,
  updateUser,
} from './index.ts';
import { principalCacheMs } from './sessions.ts';
import type { Role } from './permissions.ts';
import { passwordVerifications } from './passwords.ts';

const t0 = new Date('2026-03-02T15:00:00Z');
const ctx = { actor: systemActor('test'), now: t0 };
const secondsLater = (s: number, from = t0) => new Date(from.getTime() + s * 1_000);

async function addUser(db: Database, username: string, roles: Role[] = ['csr1']) {
  const input = { username, displayName: username, password: 'good-password', roles };
  return expectOk(await inTransaction(db, (tx) => createUser(tx, input, ctx)));
}

async function attemptCount(db: Database, username: string): Promise<number> {
  const r = await db.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM login_attempt WHERE username = $1',
    [username],
  );
  return r.rows[0]?.n ?? 0;
}

describeEngines('staff login and throttling', (t) => {
  it('the right password opens a session whose principal carries roles and permissions', async () => {
    const user = await addUser(t.db, 'ana', ['csr2']);
    const r = expectOk(
      await login(t.db, { username: ' ANA ', password: 'good-password', ip: '10.0.0.1' }, t0),
    );
    assert.equal(r.principal.userId, user.id);
    assert.deepEqual(r.principal.roles, ['csr2']);
    assert.ok(r.principal.permissions.has('fraud.override'));
    assert.ok(!r.principal.permissions.has('staff.manage'));
    assert.equal(r.expiresAt.getTime(), t0.getTime() + limits.sessionIdleMinutesMax * 60_000);
    assert.equal(r.mustChangePassword, true);
    const page = await listAuditTrail(t.db.pool, {
      entityType: 'staff_user',
      entityId: user.id,
      limit: 10,
    });
    const audit = [...page.items].reverse();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['staff_user.created', 'staff_user.logged_in'],
    );
  });

  it('the raw token is never stored: the session id is its SHA-256', async () => {
    await addUser(t.db, 'bo');
    const r = expectOk(
      await login(t.db, { username: 'bo', password: 'good-password', ip: '10.0.0.2' }, t0),
    );
    const rows = await t.db.pool.query<{ id: string }>(
      'SELECT s.id FROM staff_session s JOIN staff_user u ON u.id = s.user_id WHERE u.username = $1',
      ['bo'],
    );
    assert.equal(rows.rows.length, 1);
    assert.notEqual(rows.rows[0]?.id, r.token);
    assert.equal(rows.rows[0]?.id, r.principal.sessionId);
    assert.match(r.principal.sessionId, /^[0-9a-f]{64}$/);
  });

  it('a wrong password and an unknown user are both invalid_credentials', async () => {
    await addUser(t.db, 'cy');
    const wrong = await login(
      t.db,
      { username: 'cy', password: 'bad-password', ip: '10.0.0.3' },
      t0,
    );
    const unknown = await login(
      t.db,
      { username: 'nobody', password: 'good-password', ip: '10.0.0.3' },
      t0,
    );
    assert.equal(!wrong.ok && wrong.code, 'invalid_credentials');
    assert.equal(!unknown.ok && unknown.code, 'invalid_credentials');
    assert.equal(await attemptCount(t.db, 'cy'), 1);
    assert.equal(await attemptCount(t.db, 'nobody'), 1);
  });

  it('an unknown user costs one argon2 verification, exactly like a wrong password (a dummy hash)', async () => {
    await addUser(t.db, 'timing');
    const verificationsFor = async (username: string, i: number) => {
      const before = passwordVerifications.count;
      const r = await login(
        t.db,
        { username, password: `x${i}`, ip: `10.7.0.${i}` },
        secondsLater(i),
      );
      assert.equal(!r.ok && r.code, 'invalid_credentials');
      return passwordVerifications.count - before;
    };
    // Without the dummy verification an unknown user would answer without hashing (0), about
    // ten times faster than a wrong password, and so reveal which usernames exist.
    assert.equal(await verificationsFor('timing', 1), 1);
    assert.equal(await verificationsFor('no-such-user', 2), 1);
  });

  it('after the allowed failures even the right password is throttled, and the refusal is recorded', async () => {
    await addUser(t.db, 'dee');
    for (let i = 0; i < limits.loginAttemptsPerWindowMax; i++) {
      const r = await login(
        t.db,
        { username: 'dee', password: `guess-${i}`, ip: `10.1.0.${i}` },
        secondsLater(i),
      );
      assert.equal(!r.ok && r.code, 'invalid_credentials', `attempt ${i + 1}`);
    }
    const at = secondsLater(60);
    const right = await login(
      t.db,
      { username: 'dee', password: 'good-password', ip: '10.1.1.1' },
      at,
    );
    assert.equal(!right.ok && right.code, 'login_throttled');
    assert.equal(await attemptCount(t.db, 'dee'), limits.loginAttemptsPerWindowMax + 1);
    // Once the window has passed since the last refused attempt, the right password works.
    const later = secondsLater(limits.loginThrottleWindowSeconds + 1, at);
    expectOk(
      await login(t.db, { username: 'dee', password: 'good-password', ip: '10.1.1.1' }, later),
    );
  });

  it('one failure fewer than the limit is not throttled, and a success starts the count again', async () => {
    await addUser(t.db, 'ed');
    const fail = (i: number) =>
      login(t.db, { username: 'ed', password: 'nope', ip: '10.2.0.1' }, secondsLater(i));
    for (let i = 0; i < limits.loginAttemptsPerWindowMax - 1; i++) await fail(i);
    expectOk(
      await login(
        t.db,
        { username: 'ed', password: 'good-password', ip: '10.2.0.1' },
        secondsLater(10),
      ),
    );
    for (let i = 0; i < limits.loginAttemptsPerWindowMax - 1; i++) await fail(20 + i);
    expectOk(
      await login(
        t.db,
        { username: 'ed', password: 'good-password', ip: '10.2.0.1' },
        secondsLater(30),
      ),
    );
  });

  it('many failures from one address throttle every username from it', async () => {
    await addUser(t.db, 'fay');
    const ip = '192.0.2.77';
    await t.db.pool.query(
      `INSERT INTO login_attempt (username, ip, at, success, outcome)
       SELECT 'guess' || g, $1, $2, false, 'invalid_credentials' FROM generate_series(1, $3) g`,
      [ip, secondsLater(-10), limits.loginFailuresPerIpPerWindowMax],
    );
    const r = await login(t.db, { username: 'fay', password: 'good-password', ip }, t0);
    assert.equal(!r.ok && r.code, 'login_throttled');
    expectOk(
      await login(t.db, { username: 'fay', password: 'good-password', ip: '192.0.2.78' }, t0),
    );
  });

  it('a disabled user with the right password gets user_disabled; with a wrong one, invalid_credentials', async () => {
    const user = await addUser(t.db, 'gus');
    expectOk(
      await inTransaction(t.db, (tx) => updateUser(tx, { userId: user.id, active: false }, ctx)),
    );
    const right = await login(
      t.db,
      { username: 'gus', password: 'good-password', ip: '10.3.0.1' },
      t0,
    );
    const wrong = await login(
      t.db,
      { username: 'gus', password: 'bad-password', ip: '10.3.0.1' },
      t0,
    );
    assert.equal(!right.ok && right.code, 'user_disabled');
    assert.equal(!wrong.ok && wrong.code, 'invalid_credentials');
  });

  it('pruning removes only attempts older than the cut-off', async () => {
    const before = await attemptCount(t.db, 'nobody');
    assert.ok(before > 0);
    assert.equal(await pruneLoginAttempts(t.db, new Date('2000-01-01T00:00:00Z')), 0);
    assert.ok((await pruneLoginAttempts(t.db, secondsLater(86_400))) > 0);
    assert.equal(await attemptCount(t.db, 'nobody'), 0);
  });
});

describeEngines('staff sessions', (t) => {
  it('a session resolves, slides with use, and expires after the idle time', async () => {
    await addUser(t.db, 'hal', ['cashier']);
    const { token } = expectOk(
      await login(t.db, { username: 'hal', password: 'good-password', ip: '10.4.0.1' }, t0),
    );
    const p = await resolveSession(t.db, token, secondsLater(5));
    assert.equal(p?.username, 'hal');
    assert.deepEqual(p?.roles, ['cashier']);
    const idle = limits.sessionIdleMinutesMax * 60;
    // Used near the end of the idle window: it slides forward.
    const used = secondsLater(idle - 60);
    assert.ok(await resolveSession(t.db, token, used));
    assert.ok(await resolveSession(t.db, token, secondsLater(idle - 60, used)));
    assert.equal(
      await resolveSession(t.db, token, secondsLater(idle + 1, secondsLater(idle - 60, used))),
      undefined,
    );
  });

  it('a session ends at its absolute lifetime however busy it is', async () => {
    await addUser(t.db, 'ivy');
    const { token } = expectOk(
      await login(t.db, { username: 'ivy', password: 'good-password', ip: '10.4.0.2' }, t0),
    );
    const step = limits.sessionIdleMinutesMax * 30; // half the idle time, in seconds
    let at = t0;
    while (at.getTime() < t0.getTime() + (limits.sessionLifetimeHoursMax * 3_600 - step) * 1_000) {
      at = secondsLater(step, at);
      assert.ok(await resolveSession(t.db, token, at), `alive at ${at.toISOString()}`);
    }
    assert.equal(
      await resolveSession(t.db, token, secondsLater(limits.sessionLifetimeHoursMax * 3_600 + 1)),
      undefined,
    );
  });

  it('last_seen_at moves at most once a minute', async () => {
    await addUser(t.db, 'jo');
    const r = expectOk(
      await login(t.db, { username: 'jo', password: 'good-password', ip: '10.4.0.3' }, t0),
    );
    const seen = async () =>
      (
        await t.db.pool.query<{ at: Date }>(
          'SELECT last_seen_at AS at FROM staff_session WHERE id = $1',
          [r.principal.sessionId],
        )
      ).rows[0]?.at.getTime();
    await resolveSession(t.db, r.token, secondsLater(30));
    assert.equal(await seen(), t0.getTime());
    await resolveSession(t.db, r.token, secondsLater(61));
    assert.equal(await seen(), secondsLater(61).getTime());
  });

  it('logout revokes the session; an unknown or malformed token resolves to nothing', async () => {
    await addUser(t.db, 'kim');
    const r = expectOk(
      await login(t.db, { username: 'kim', password: 'good-password', ip: '10.4.0.4' }, t0),
    );
    await logout(t.db, r.token, secondsLater(10));
    assert.equal(await resolveSession(t.db, r.token, secondsLater(11)), undefined);
    await logout(t.db, r.token, secondsLater(12)); // twice is harmless
    assert.equal(await resolveSession(t.db, 'no-such-token', t0), undefined);
    assert.equal(await resolveSession(t.db, '', t0), undefined);
    assert.equal(await resolveSession(t.db, 'x'.repeat(10_000), t0), undefined);
    const audit = (
      await listAuditTrail(t.db.pool, {
        entityType: 'staff_user',
        entityId: r.principal.userId,
        limit: 10,
      })
    ).items;
    assert.deepEqual(
      audit.map((a) => a.action).filter((a) => a === 'staff_user.logged_out'),
      ['staff_user.logged_out'],
    );
  });

  it('disabling a user ends their sessions at once', async () => {
    const user = await addUser(t.db, 'lee');
    const r = expectOk(
      await login(t.db, { username: 'lee', password: 'good-password', ip: '10.4.0.5' }, t0),
    );
    expectOk(
      await inTransaction(t.db, (tx) => updateUser(tx, { userId: user.id, active: false }, ctx)),
    );
    assert.equal(await resolveSession(t.db, r.token, secondsLater(1)), undefined);
    expectOk(
      await inTransaction(t.db, (tx) => updateUser(tx, { userId: user.id, active: true }, ctx)),
    );
    assert.equal(await resolveSession(t.db, r.token, secondsLater(2)), undefined, 'stays revoked');
  });

  it('a resolved principal is reused for at most principalCacheMs, never past the expiry read', async () => {
    await addUser(t.db, 'max', ['cashier']);
    const r = expectOk(
      await login(t.db, { username: 'max', password: 'good-password', ip: '10.4.0.6' }, t0),
    );
    // Another process shortens the session and then revokes it: this process does not hear.
    await t.db.pool.query('UPDATE staff_session SET expires_at = $2 WHERE id = $1', [
      r.principal.sessionId,
      secondsLater(7),
    ]);
    assert.equal((await resolveSession(t.db, r.token, secondsLater(5)))?.username, 'max');
    await t.db.pool.query('UPDATE staff_session SET revoked_at = $2 WHERE id = $1', [
      r.principal.sessionId,
      secondsLater(5),
    ]);
    assert.equal((await resolveSession(t.db, r.token, secondsLater(6)))?.username, 'max');
    assert.equal(await resolveSession(t.db, r.token, secondsLater(7)), undefined, 'expired');
    assert.ok(principalCacheMs <= 5_000, 'the documented bound');
  });

  it('a revoked session is refused at once even when its principal was just resolved', async () => {
    await addUser(t.db, 'ned', ['cashier']);
    const r = expectOk(
      await login(t.db, { username: 'ned', password: 'good-password', ip: '10.4.0.7' }, t0),
    );
    // Resolved (and cached) first; at the same `now` the cache would answer.
    assert.equal((await resolveSession(t.db, r.token, secondsLater(1)))?.username, 'ned');
    await logout(t.db, r.token, secondsLater(1));
    assert.equal(await resolveSession(t.db, r.token, secondsLater(1)), undefined, 'logout');
    const s = expectOk(
      await login(t.db, { username: 'ned', password: 'good-password', ip: '10.4.0.7' }, t0),
    );
    assert.ok(await resolveSession(t.db, s.token, secondsLater(1)));
    expectOk(
      await inTransaction(t.db, (tx) =>
        setUserRoles(tx, { userId: s.principal.userId, roles: ['csr1'] }, ctx),
      ),
    );
    assert.deepEqual((await resolveSession(t.db, s.token, secondsLater(1)))?.roles, ['csr1']);
    expectOk(
      await inTransaction(t.db, (tx) =>
        updateUser(tx, { userId: s.principal.userId, active: false }, ctx),
      ),
    );
    assert.equal(await resolveSession(t.db, s.token, secondsLater(1)), undefined, 'disabled');
  });
});
