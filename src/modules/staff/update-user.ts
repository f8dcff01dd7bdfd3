import { assert } from '../../core/assert.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { StaffContext } from './create-user.ts';
import type { Role } from './permissions.ts';
import { forgetCachedPrincipals } from './sessions.ts';
import { auditView, readUser, sortRoles, type StaffUser } from './staff-user.ts';

export type UpdateUserInput = {
  readonly userId: number;
  readonly displayName?: string;
  /** `null` clears the e-mail address. */
  readonly email?: string | null;
  /** `false` disables the user: their sessions end and their API tokens stop working. */
  readonly active?: boolean;
  /** Optimistic concurrency: refuse when the user changed since it was read. */
  readonly expectedVersion?: number;
};

type UpdateCode = 'user_not_found' | 'invalid' | 'stale_version' | 'last_active_admin';

/**
 * Changes a user's display name, e-mail or active flag (audited `staff_user.updated`, with
 * before and after). Nothing changes, and nothing is audited, when the values are the same.
 * Codes: `user_not_found`, `invalid` (blank display name), `stale_version`,
 * `last_active_admin` (disabling the only active administrator would lock everyone out).
 */
export async function updateUser(
  tx: Tx,
  input: UpdateUserInput,
  ctx: StaffContext,
): Promise<Result<StaffUser, UpdateCode>> {
  const before = await lockUser(tx, input.userId, input.expectedVersion);
  if (!before.ok) return before;
  const user = before.value;
  const displayName = input.displayName?.trim() ?? user.displayName;
  if (displayName.length === 0) {
    return err('invalid', 'display name is blank', { displayName: 'must not be blank' });
  }
  const email = input.email === undefined ? user.email : input.email;
  const active = input.active ?? user.active;
  if (displayName === user.displayName && email === user.email && active === user.active) {
    return ok(user);
  }
  if (user.active && !active && user.roles.includes('admin')) {
    if (!(await anotherActiveAdminExists(tx, user.id))) {
      return err('last_active_admin', 'the only active administrator cannot be disabled');
    }
  }
  await tx.query(
    `UPDATE staff_user SET display_name = $2, email = $3, active = $4, updated_at = $5,
       version = version + 1 WHERE id = $1`,
    [user.id, displayName, email, active, ctx.now],
  );
  if (!active) await revokeAllSessions(tx, user.id, ctx.now);
  return finish(tx, user, 'staff_user.updated', ctx);
}

/**
 * Replaces a user's roles with `roles` (audited `staff_user.roles_changed`).
 * Codes: `user_not_found`, `stale_version`, `last_active_admin` (removing the admin role
 * from the only active administrator).
 */
export async function setUserRoles(
  tx: Tx,
  input: {
    readonly userId: number;
    readonly roles: readonly Role[];
    readonly expectedVersion?: number;
  },
  ctx: StaffContext,
): Promise<Result<StaffUser, 'user_not_found' | 'stale_version' | 'last_active_admin'>> {
  const before = await lockUser(tx, input.userId, input.expectedVersion);
  if (!before.ok) return before;
  const user = before.value;
  const next = sortRoles(input.roles);
  if (next.join() === user.roles.join()) return ok(user);
  if (user.active && user.roles.includes('admin') && !next.includes('admin')) {
    if (!(await anotherActiveAdminExists(tx, user.id))) {
      return err('last_active_admin', 'the only active administrator must keep the admin role');
    }
  }
  await tx.query('DELETE FROM staff_user_role WHERE user_id = $1', [user.id]);
  await tx.query('INSERT INTO staff_user_role (user_id, role) SELECT $1, unnest($2::text[])', [
    user.id,
    next,
  ]);
  await tx.query('UPDATE staff_user SET updated_at = $2, version = version + 1 WHERE id = $1', [
    user.id,
    ctx.now,
  ]);
  return finish(tx, user, 'staff_user.roles_changed', ctx);
}

/** Reads and locks the user, checking the expected version when one is given. */
export async function lockUser(
  tx: Tx,
  userId: number,
  expectedVersion: number | undefined,
): Promise<Result<StaffUser, 'user_not_found' | 'stale_version'>> {
  const user = await readUser(tx, userId, { forUpdate: true });
  if (!user) return err('user_not_found', `no staff user ${userId}`);
  if (expectedVersion !== undefined && expectedVersion !== user.version) {
    return err('stale_version', `user ${userId} is at version ${user.version}`);
  }
  return ok(user);
}

/** Ends every open session of the user (disabled, password reset). */
export async function revokeAllSessions(tx: Tx, userId: number, now: Date): Promise<void> {
  forgetCachedPrincipals();
  await tx.query(
    'UPDATE staff_session SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
    [userId, now],
  );
}

/** Any key works; it only has to be the same in every process. */
const adminChangeLockKey = 7_305_020;

/**
 * Whether an active administrator other than `userId` exists. Changes that may remove an
 * administrator take one transaction-scoped advisory lock first, so two administrators
 * demoting each other at the same moment cannot both succeed (under READ COMMITTED the
 * second one's count, run after the first commits, sees the first change).
 */
async function anotherActiveAdminExists(tx: Tx, userId: number): Promise<boolean> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [adminChangeLockKey]);
  const r = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff_user u JOIN staff_user_role r ON r.user_id = u.id
      WHERE r.role = 'admin' AND u.active AND u.id <> $1`,
    [userId],
  );
  return (r.rows[0]?.n ?? 0) > 0;
}

async function finish(
  tx: Tx,
  before: StaffUser,
  action: string,
  ctx: StaffContext,
): Promise<Result<StaffUser, never>> {
  forgetCachedPrincipals(); // name, active flag or roles: what a cached principal holds
  const after = await readUser(tx, before.id);
  assert(after !== undefined && after.version === before.version + 1, 'user version moves by one');
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'staff_user',
    entityId: before.id,
    before: auditView(before),
    after: auditView(after),
  });
  return ok(after);
}
