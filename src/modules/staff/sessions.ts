import { limits } from '../../core/limits.ts';
import { ok } from '../../core/result.ts';
import { inTransaction, type Database, type Queryable, type Tx } from '../../db/index.ts';
import type { Principal } from '../../shells/http/route-spec.ts';
import { recordAudit } from '../audit/index.ts';
import { permissionsOf, type Role } from './permissions.ts';
import { sortRoles, type StaffUser } from './staff-user.ts';
import { hashToken, newSessionToken, tokenKind } from './tokens.ts';

const idleMs = limits.sessionIdleMinutesMax * 60_000;
const lifetimeMs = limits.sessionLifetimeHoursMax * 3_600_000;
const touchMs = limits.sessionTouchIntervalSeconds * 1_000;

export function principalOf(
  user: Pick<StaffUser, 'id' | 'username' | 'displayName' | 'roles'>,
  sessionId: string,
): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    sessionId,
  };
}

/** Opens a session for a user who has just proven their password (inside login's tx). */
export async function openSession(
  tx: Tx,
  input: { readonly userId: number; readonly ip: string; readonly userAgent?: string },
  now: Date,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newSessionToken();
  const sessionId = hashToken(token);
  const expiresAt = new Date(now.getTime() + Math.min(idleMs, lifetimeMs));
  await tx.query(
    `INSERT INTO staff_session (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $3, $4, $5, $6)`,
    [
      sessionId,
      input.userId,
      now,
      expiresAt,
      input.ip,
      input.userAgent?.slice(0, limits.userAgentCharsMax) ?? null,
    ],
  );
  return { token, sessionId, expiresAt };
}

type PrincipalRow = {
  rowId: string;
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  seenAt: Date | null;
};

const rolesOfUser = `coalesce((SELECT array_agg(r.role) FROM staff_user_role r
  WHERE r.user_id = u.id), '{}'::text[]) AS roles`;

/**
 * The principal behind a session token or an API token (`cisapi_…`), or undefined when the
 * token is unknown, revoked, expired, or its user is disabled. One indexed query in the
 * common case; at most once a minute per session a second one slides the idle expiry
 * (`limits.sessionIdleMinutesMax`), never past the absolute lifetime
 * (`limits.sessionLifetimeHoursMax`).
 */
export async function resolveSession(
  db: Database,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const kind = tokenKind(token);
  if (kind === 'malformed') return undefined;
  const hash = hashToken(token);
  const row =
    kind === 'session' ? await findSession(db.pool, hash, now) : await findApiToken(db.pool, hash);
  if (!row) return undefined;
  if (!row.seenAt || now.getTime() - row.seenAt.getTime() >= touchMs) {
    await touch(db.pool, kind, row.rowId, now);
  }
  const user = { id: row.userId, username: row.username, displayName: row.displayName };
  const sessionId = kind === 'session' ? row.rowId : `api_token:${row.rowId}`;
  return principalOf({ ...user, roles: sortRoles(row.roles) }, sessionId);
}

async function findSession(q: Queryable, id: string, now: Date) {
  const r = await q.query<PrincipalRow>(
    `SELECT s.id AS "rowId", s.user_id AS "userId", u.username, u.display_name AS "displayName",
            s.last_seen_at AS "seenAt", ${rolesOfUser}
       FROM staff_session s JOIN staff_user u ON u.id = s.user_id
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.active`,
    [id, now],
  );
  return r.rows[0];
}

async function findApiToken(q: Queryable, tokenHash: string) {
  const r = await q.query<PrincipalRow>(
    `SELECT t.id::text AS "rowId", t.user_id AS "userId", u.username,
            u.display_name AS "displayName", t.last_used_at AS "seenAt", ${rolesOfUser}
       FROM staff_api_token t JOIN staff_user u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`,
    [tokenHash],
  );
  return r.rows[0];
}

async function touch(q: Queryable, kind: 'session' | 'api', rowId: string, now: Date) {
  if (kind === 'api') {
    await q.query('UPDATE staff_api_token SET last_used_at = $2 WHERE id = $1::bigint', [
      rowId,
      now,
    ]);
    return;
  }
  await q.query(
    `UPDATE staff_session
        SET last_seen_at = $2,
            expires_at = LEAST($2::timestamptz + make_interval(secs => $3::int),
                               created_at + make_interval(secs => $4::int))
      WHERE id = $1 AND last_seen_at < $2`,
    [rowId, now, idleMs / 1_000, lifetimeMs / 1_000],
  );
}

/** Ends the session behind a token (audited `staff_user.logged_out`). An API token is left
 * alone (revoke it with revokeApiToken); an unknown or already ended session is a no-op. */
export async function logout(db: Database, token: string, now: Date): Promise<void> {
  if (tokenKind(token) !== 'session') return;
  await endSession(db, hashToken(token), now);
}

/** Ends a session by its id (`Principal.sessionId`): what DELETE /api/session uses, since
 * the route sees the principal, not the token. Same rules as `logout`. */
export async function endSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const r = await tx.query<{ userId: number; username: string }>(
      `UPDATE staff_session s SET revoked_at = $2 FROM staff_user u
        WHERE s.id = $1 AND s.revoked_at IS NULL AND u.id = s.user_id
        RETURNING u.id AS "userId", u.username`,
      [sessionId, now],
    );
    const row = r.rows[0];
    if (row) {
      await recordAudit(tx, {
        actor: { kind: 'staff', id: row.userId, name: row.username },
        at: now,
        action: 'staff_user.logged_out',
        entityType: 'staff_user',
        entityId: row.userId,
      });
    }
    return ok(undefined);
  });
}
