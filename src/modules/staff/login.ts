import { assert } from '../../core/assert.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database, type Queryable } from '../../db/index.ts';
import type { Principal } from '../../shells/http/route-spec.ts';
import { recordAudit } from '../audit/index.ts';
import { verifyAgainstDummy, verifyPassword } from './passwords.ts';
import { openSession, principalOf } from './sessions.ts';
import { normalizeUsername, readUser } from './staff-user.ts';

export type LoginInput = {
  readonly username: string;
  readonly password: string;
  readonly ip: string;
  readonly userAgent?: string;
};

export type LoginSuccess = {
  /** The raw session token: goes to the client (cookie or Bearer), never to the database. */
  readonly token: string;
  readonly expiresAt: Date;
  readonly principal: Principal;
  /** The user should be sent to "change password" before anything else. */
  readonly mustChangePassword: boolean;
};

export type LoginCode = 'invalid_credentials' | 'login_throttled' | 'user_disabled';

type AttemptOutcome = 'success' | LoginCode;

/** Column limit on login_attempt.username / ip. */
const attemptTextCharsMax = 64;

/**
 * Signs a staff user in and opens a session (audited `staff_user.logged_in`).
 * Every attempt is recorded in login_attempt. Codes:
 * - `login_throttled`: at least `limits.loginAttemptsPerWindowMax` failures for this username
 *   since its last success, or `limits.loginFailuresPerIpPerWindowMax` from this IP, within
 *   `limits.loginThrottleWindowSeconds`. Checked before the password, so even the right
 *   password is refused; the refused attempt counts as a failure, so guessing on keeps the
 *   door shut.
 * - `invalid_credentials`: unknown username or wrong password, indistinguishable (an unknown
 *   user is verified against a dummy hash so both take the same time).
 * - `user_disabled`: the right password for a disabled user (a wrong one says
 *   `invalid_credentials`, so guessing does not reveal who is disabled).
 * Concurrent attempts may overshoot the limit by the number in flight; that is accepted.
 */
export async function login(
  db: Database,
  input: LoginInput,
  now: Date,
): Promise<Result<LoginSuccess, LoginCode>> {
  const username = normalizeUsername(input.username).slice(0, attemptTextCharsMax);
  const ip = input.ip.slice(0, attemptTextCharsMax);
  const attempt = { username, ip, now };
  if (await isThrottled(db.pool, attempt)) {
    await recordAttempt(db.pool, attempt, 'login_throttled');
    const minutes = Math.ceil(limits.loginThrottleWindowSeconds / 60);
    return err('login_throttled', `too many failed sign-ins; wait up to ${minutes} minutes`);
  }
  const found = await db.pool.query<{ id: number; passwordHash: string; active: boolean }>(
    'SELECT id, password_hash AS "passwordHash", active FROM staff_user WHERE username = $1',
    [username],
  );
  const candidate = found.rows[0];
  const verified = candidate
    ? await verifyPassword(candidate.passwordHash, input.password)
    : await verifyAgainstDummy(input.password);
  if (!candidate || !verified) {
    await recordAttempt(db.pool, attempt, 'invalid_credentials');
    return err('invalid_credentials', 'wrong username or password');
  }
  if (!candidate.active) {
    await recordAttempt(db.pool, attempt, 'user_disabled');
    return err('user_disabled', 'this user is disabled; ask an administrator');
  }
  return inTransaction(db, async (tx) => {
    await recordAttempt(tx, attempt, 'success');
    const session = await openSession(
      tx,
      { userId: candidate.id, ip, ...(input.userAgent ? { userAgent: input.userAgent } : {}) },
      now,
    );
    const user = await readUser(tx, candidate.id);
    assert(user !== undefined, `staff user ${candidate.id} vanished during login`);
    await recordAudit(tx, {
      actor: { kind: 'staff', id: user.id, name: user.username },
      at: now,
      action: 'staff_user.logged_in',
      entityType: 'staff_user',
      entityId: user.id,
      after: { ip, userAgent: input.userAgent?.slice(0, limits.userAgentCharsMax) ?? null },
    });
    return ok({
      token: session.token,
      expiresAt: session.expiresAt,
      principal: principalOf(user, session.sessionId),
      mustChangePassword: user.mustChangePassword,
    });
  });
}

type Attempt = { readonly username: string; readonly ip: string; readonly now: Date };

async function isThrottled(q: Queryable, a: Attempt): Promise<boolean> {
  const windowStart = new Date(a.now.getTime() - limits.loginThrottleWindowSeconds * 1_000);
  const r = await q.query<{ byUsername: number; byIp: number }>(
    `SELECT
       (SELECT count(*)::int FROM login_attempt f
         WHERE f.username = $1 AND NOT f.success AND f.at > $3 AND f.at > coalesce(
           (SELECT max(s.at) FROM login_attempt s WHERE s.username = $1 AND s.success),
           '-infinity')) AS "byUsername",
       (SELECT count(*)::int FROM login_attempt f
         WHERE f.ip = $2 AND NOT f.success AND f.at > $3) AS "byIp"`,
    [a.username, a.ip, windowStart],
  );
  const row = r.rows[0];
  assert(row !== undefined, 'throttle query returns one row');
  return (
    row.byUsername >= limits.loginAttemptsPerWindowMax ||
    row.byIp >= limits.loginFailuresPerIpPerWindowMax
  );
}

async function recordAttempt(q: Queryable, a: Attempt, outcome: AttemptOutcome): Promise<void> {
  await q.query(
    'INSERT INTO login_attempt (username, ip, at, success, outcome) VALUES ($1, $2, $3, $4, $5)',
    [a.username, a.ip, a.now, outcome === 'success', outcome],
  );
}

/** Deletes login attempts older than `before` (a nightly job; they only matter for the
 * throttle window). Returns how many rows went. */
export async function pruneLoginAttempts(db: Database, before: Date): Promise<number> {
  const r = await db.pool.query('DELETE FROM login_attempt WHERE at < $1', [before]);
  return r.rowCount ?? 0;
}
