import { err, ok, type Result } from '../../core/result.ts';
import { assert } from '../../core/assert.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { hashPassword, passwordPolicyProblem } from './passwords.ts';
import type { Role } from './permissions.ts';
import {
  auditView,
  normalizeUsername,
  readUser,
  sortRoles,
  usernameProblem,
  type StaffUser,
} from './staff-user.ts';

export type StaffContext = { readonly actor: Actor; readonly now: Date };

export type CreateUserInput = {
  /** Trimmed and lower-cased before use. */
  readonly username: string;
  readonly displayName: string;
  readonly email?: string | null;
  readonly password: string;
  readonly roles: readonly Role[];
  /** Defaults to true: whoever set the first password is not the user. */
  readonly mustChangePassword?: boolean;
};

/**
 * Creates a staff user with an argon2id password hash and the given roles (audited as
 * `staff_user.created`, without the hash).
 * Codes: `invalid` (username pattern, password policy, blank display name; `fields` says
 * which), `username_taken`.
 */
export async function createUser(
  tx: Tx,
  input: CreateUserInput,
  ctx: StaffContext,
): Promise<Result<StaffUser, 'username_taken' | 'invalid'>> {
  const username = normalizeUsername(input.username);
  const fields: Record<string, string> = {};
  const usernameIssue = usernameProblem(username);
  if (usernameIssue) fields.username = usernameIssue;
  const passwordIssue = passwordPolicyProblem(input.password);
  if (passwordIssue) fields.password = passwordIssue;
  if (input.displayName.trim().length === 0) fields.displayName = 'must not be blank';
  if (Object.keys(fields).length > 0) return err('invalid', 'the user was not created', fields);
  return insertUser(
    tx,
    { ...input, username, mustChangePassword: input.mustChangePassword ?? true },
    ctx,
  );
}

/**
 * Inserts the user without the password policy: the one caller besides `createUser` is
 * `ensureDemoUsers`, whose password "demo" is below the policy on purpose. Not exported
 * from the module, so no shell can create a weak password by passing a flag.
 */
export async function insertUser(
  tx: Tx,
  input: CreateUserInput & { readonly username: string; readonly mustChangePassword: boolean },
  ctx: StaffContext,
): Promise<Result<StaffUser, 'username_taken'>> {
  const passwordHash = await hashPassword(input.password);
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO staff_user (username, display_name, email, password_hash, active,
       must_change_password, created_at, updated_at)
     VALUES ($1, $2, $3, $4, true, $5, $6, $6)
     ON CONFLICT (username) DO NOTHING
     RETURNING id`,
    [
      input.username,
      input.displayName.trim(),
      input.email ?? null,
      passwordHash,
      input.mustChangePassword,
      ctx.now,
    ],
  );
  const id = inserted.rows[0]?.id;
  if (id === undefined) return err('username_taken', `username ${input.username} is taken`);
  await tx.query('INSERT INTO staff_user_role (user_id, role) SELECT $1, unnest($2::text[])', [
    id,
    sortRoles(input.roles),
  ]);
  const user = await readUser(tx, id);
  assert(user !== undefined, `staff user ${id} vanished after insert`);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'staff_user.created',
    entityType: 'staff_user',
    entityId: id,
    after: auditView(user),
  });
  return ok(user);
}
