import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { roles, type Role } from './permissions.ts';

/** A staff user as the rest of the system sees it. The password hash never leaves the
 * module: it is not part of this type, so it cannot reach a response or an audit row. */
export type StaffUser = {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly mustChangePassword: boolean;
  readonly roles: readonly Role[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
};

/** Lower-case letters, digits, `.`, `_`, `-`; starts with a letter; 2–32 characters. The
 * same pattern is a CHECK on staff_user.username. */
export const usernamePattern = /^[a-z][a-z0-9._-]{1,31}$/;

export function normalizeUsername(text: string): string {
  return text.trim().toLowerCase();
}

export function usernameProblem(username: string): string | undefined {
  if (username.length > limits.usernameCharsMax) {
    return `must have at most ${limits.usernameCharsMax} characters`;
  }
  return usernamePattern.test(username)
    ? undefined
    : 'must start with a letter and use only a-z, 0-9, ".", "_" and "-" (2 or more characters)';
}

/** Roles in the order of `roles` (permissions.ts), without duplicates. */
export function sortRoles(list: readonly Role[]): Role[] {
  return roles.filter((r) => list.includes(r));
}

/** What an audit row shows of a user: everything but the password hash. */
export function auditView(u: StaffUser) {
  return {
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    roles: u.roles,
  };
}

const userColumns = `u.id, u.username, u.display_name AS "displayName", u.email, u.active,
  u.must_change_password AS "mustChangePassword", u.created_at AS "createdAt",
  u.updated_at AS "updatedAt", u.version,
  coalesce((SELECT array_agg(r.role) FROM staff_user_role r WHERE r.user_id = u.id),
           '{}'::text[]) AS roles`;

function toUser(row: StaffUser): StaffUser {
  return { ...row, roles: sortRoles(row.roles) };
}

/** One user by id; `forUpdate` locks the row for the rest of the caller's transaction. */
export async function readUser(
  q: Queryable,
  userId: number,
  options: { readonly forUpdate?: boolean } = {},
): Promise<StaffUser | undefined> {
  const lock = options.forUpdate ? 'FOR UPDATE OF u' : '';
  const r = await q.query<StaffUser>(
    `SELECT ${userColumns} FROM staff_user u WHERE u.id = $1 ${lock}`,
    [userId],
  );
  return r.rows[0] ? toUser(r.rows[0]) : undefined;
}

/**
 * One staff user by id.
 * Codes: `user_not_found`.
 */
export async function getUser(
  q: Queryable,
  userId: number,
): Promise<Result<StaffUser, 'user_not_found'>> {
  const user = await readUser(q, userId);
  return user ? ok(user) : err('user_not_found', `no staff user ${userId}`);
}

export type ListUsersQuery = {
  readonly includeInactive?: boolean;
  /** Page size, capped at limits.pageSizeMax. */
  readonly limit?: number;
  /** Keyset cursor: the last username of the previous page. */
  readonly afterUsername?: string;
};

/** Staff users ordered by username, one page at a time. */
export async function listUsers(
  q: Queryable,
  query: ListUsersQuery = {},
): Promise<{ items: StaffUser[]; nextAfterUsername: string | null }> {
  const limit = Math.max(1, Math.min(query.limit ?? limits.pageSizeMax, limits.pageSizeMax));
  const r = await q.query<StaffUser>(
    `SELECT ${userColumns} FROM staff_user u
      WHERE ($1 OR u.active) AND ($2::text IS NULL OR u.username > $2)
      ORDER BY u.username LIMIT $3`,
    [query.includeInactive ?? false, query.afterUsername ?? null, limit + 1],
  );
  const items = r.rows.slice(0, limit).map(toUser);
  const last = items[items.length - 1];
  return { items, nextAfterUsername: r.rows.length > limit && last ? last.username : null };
}
