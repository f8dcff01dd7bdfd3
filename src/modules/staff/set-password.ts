import { assert } from '../../core/assert.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { StaffContext } from './create-user.ts';
import { hashPassword, passwordPolicyProblem, verifyPassword } from './passwords.ts';
import { forgetCachedPrincipals } from './sessions.ts';
import { readUser, type StaffUser } from './staff-user.ts';
import { lockUser, revokeAllSessions } from './update-user.ts';

/**
 * An administrator sets a new password for a user (audited `staff_user.password_reset`,
 * recording only the must-change flag). Every session of the user ends.
 * Codes: `user_not_found`, `invalid` (password policy; `fields.password`).
 */
export async function resetPassword(
  tx: Tx,
  input: {
    readonly userId: number;
    readonly newPassword: string;
    /** Defaults to true: the user picks their own password at the next sign-in. */
    readonly mustChangePassword?: boolean;
  },
  ctx: StaffContext,
): Promise<Result<StaffUser, 'user_not_found' | 'invalid'>> {
  const problem = passwordPolicyProblem(input.newPassword);
  if (problem) return err('invalid', 'the password was not changed', { newPassword: problem });
  const locked = await lockUser(tx, input.userId, undefined);
  if (!locked.ok) return err('user_not_found', locked.detail);
  const mustChange = input.mustChangePassword ?? true;
  await storePassword(tx, input.userId, await hashPassword(input.newPassword), mustChange, ctx);
  await revokeAllSessions(tx, input.userId, ctx.now);
  return audited(tx, locked.value, 'staff_user.password_reset', ctx);
}

/**
 * A signed-in user changes their own password, proving the current one (audited
 * `staff_user.password_changed`). Clears the must-change flag; ends the user's other
 * sessions, keeping `keepSessionId` (the session making the change) when given.
 * Codes: `user_not_found`, `wrong_current_password`, `invalid` (password policy, or the
 * new password equals the current one; `fields.newPassword`).
 */
export async function changeOwnPassword(
  tx: Tx,
  input: {
    readonly userId: number;
    readonly currentPassword: string;
    readonly newPassword: string;
    readonly keepSessionId?: string;
  },
  ctx: StaffContext,
): Promise<Result<StaffUser, 'user_not_found' | 'wrong_current_password' | 'invalid'>> {
  const locked = await lockUser(tx, input.userId, undefined);
  if (!locked.ok) return err('user_not_found', locked.detail);
  const stored = await tx.query<{ hash: string }>(
    'SELECT password_hash AS hash FROM staff_user WHERE id = $1',
    [input.userId],
  );
  const currentHash = stored.rows[0]?.hash ?? '';
  if (!(await verifyPassword(currentHash, input.currentPassword))) {
    return err('wrong_current_password', 'the current password is not correct');
  }
  const problem =
    passwordPolicyProblem(input.newPassword) ??
    (input.newPassword === input.currentPassword
      ? 'must differ from the current password'
      : undefined);
  if (problem) return err('invalid', 'the password was not changed', { newPassword: problem });
  await storePassword(tx, input.userId, await hashPassword(input.newPassword), false, ctx);
  forgetCachedPrincipals();
  await tx.query(
    `UPDATE staff_session SET revoked_at = $2
      WHERE user_id = $1 AND revoked_at IS NULL AND id <> $3`,
    [input.userId, ctx.now, input.keepSessionId ?? ''],
  );
  return audited(tx, locked.value, 'staff_user.password_changed', ctx);
}

async function storePassword(
  tx: Tx,
  userId: number,
  passwordHash: string,
  mustChangePassword: boolean,
  ctx: StaffContext,
): Promise<void> {
  await tx.query(
    `UPDATE staff_user SET password_hash = $2, must_change_password = $3, updated_at = $4,
       version = version + 1 WHERE id = $1`,
    [userId, passwordHash, mustChangePassword, ctx.now],
  );
}

/** The audit row says that the password changed, never what it is or what it hashes to. */
async function audited(
  tx: Tx,
  before: StaffUser,
  action: string,
  ctx: StaffContext,
): Promise<Result<StaffUser, never>> {
  const after = await readUser(tx, before.id);
  assert(after !== undefined, `staff user ${before.id} vanished`);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'staff_user',
    entityId: before.id,
    before: { mustChangePassword: before.mustChangePassword },
    after: { mustChangePassword: after.mustChangePassword, passwordChanged: true },
  });
  return ok(after);
}
