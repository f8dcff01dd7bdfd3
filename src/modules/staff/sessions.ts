import type pg from 'pg';
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

/**
 * How long this process trusts a principal it resolved, without asking the database again:
 * every API request resolves its token, and the lookup was a round trip of its own (issue
 * 5). Bound: in THIS process a logout, a revoked session or API token, a disabled user, a
 * role or password change takes effect at once (they call `forgetCachedPrincipals`); a
 * request racing the revoking transaction's commit, or another process, may still be
 * served for at most this long. Never past the session's expiry as read.
 */
export const principalCacheMs = 5_000;
const principalCacheEntriesMax = 10_000;

type CachedPrincipal = {
  readonly principal: Principal;
  /** `now` of the lookup, and until when (exclusive) it may be reused. */
  readonly at: number;
  readonly until: number;
  readonly generation: number;
};

/** Per database (tests open many), keyed by the token's hash. */
const principalCache = new WeakMap<Database, Map<string, CachedPrincipal>>();
let generation = 0;

/**
 * Drops every principal this process has cached (all databases): what revokes a session or
 * a token, disables a user or changes their roles calls it, inside its transaction.
 */
export function forgetCachedPrincipals(): void {
  generation++;
}

function cachedPrincipal(db: Database, hash: string, now: Date): Principal | undefined {
  const hit = principalCache.get(db)?.get(hash);
  if (!hit) return undefined;
  const t = now.getTime();
  if (hit.generation !== generation || t < hit.at || t >= hit.until) return undefined;
  return hit.principal;
}

function cachePrincipal(db: Database, hash: string, entry: CachedPrincipal): void {
  if (entry.generation !== generation) return; // revoked while it was being read
  let byHash = principalCache.get(db);
  if (!byHash) principalCache.set(db, (byHash = new Map()));
  byHash.delete(hash);
  if (byHash.size >= principalCacheEntriesMax) {
    const oldest = byHash.keys().next();
    if (!oldest.done) byHash.delete(oldest.value);
  }
  byHash.set(hash, entry);
}

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
  /** Null for an API token (no expiry). */
  expiresAt: Date | null;
};

const rolesOfUser = `coalesce((SELECT array_agg(r.role) FROM staff_user_role r
  WHERE r.user_id = u.id), '{}'::text[]) AS roles`;

/**
 * The principal behind a session token or an API token (`cisapi_…`), or undefined when the
 * token is unknown, revoked, expired, or its user is disabled. One indexed query (a named,
 * prepared statement), none when this process resolved the token less than
 * `principalCacheMs` ago (see there for the bound); at most once a minute per session a
 * second one slides the idle expiry (`limits.sessionIdleMinutesMax`), never past the
 * absolute lifetime (`limits.sessionLifetimeHoursMax`).
 */
export async function resolveSession(
  db: Database,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const kind = tokenKind(token);
  if (kind === 'malformed') return undefined;
  const hash = hashToken(token);
  const cached = cachedPrincipal(db, hash, now);
  if (cached) return cached;
  const lookupGeneration = generation;
  const row =
    kind === 'session' ? await findSession(db.pool, hash, now) : await findApiToken(db.pool, hash);
  if (!row) return undefined;
  if (!row.seenAt || now.getTime() - row.seenAt.getTime() >= touchMs) {
    await touch(db.pool, kind, row.rowId, now);
  }
  const user = { id: row.userId, username: row.username, displayName: row.displayName };
  const sessionId = kind === 'session' ? row.rowId : `api_token:${row.rowId}`;
  const principal = principalOf({ ...user, roles: sortRoles(row.roles) }, sessionId);
  const t = now.getTime();
  const until = Math.min(t + principalCacheMs, row.expiresAt?.getTime() ?? Infinity);
  cachePrincipal(db, hash, { principal, at: t, until, generation: lookupGeneration });
  return principal;
}

const findSessionSql = `SELECT s.id AS "rowId", s.user_id AS "userId", u.username,
       u.display_name AS "displayName", s.last_seen_at AS "seenAt",
       s.expires_at AS "expiresAt", ${rolesOfUser}
  FROM staff_session s JOIN staff_user u ON u.id = s.user_id
 WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.active`;

async function findSession(pool: pg.Pool, id: string, now: Date) {
  const r = await pool.query<PrincipalRow>({
    name: 'staff_find_session',
    text: findSessionSql,
    values: [id, now],
  });
  return r.rows[0];
}

const findApiTokenSql = `SELECT t.id::text AS "rowId", t.user_id AS "userId", u.username,
       u.display_name AS "displayName", t.last_used_at AS "seenAt",
       NULL::timestamptz AS "expiresAt", ${rolesOfUser}
  FROM staff_api_token t JOIN staff_user u ON u.id = t.user_id
 WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active`;

async function findApiToken(pool: pg.Pool, tokenHash: string) {
  const r = await pool.query<PrincipalRow>({
    name: 'staff_find_api_token',
    text: findApiTokenSql,
    values: [tokenHash],
  });
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
  forgetCachedPrincipals();
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
  // Again after the commit: a request that read the session meanwhile cached it.
  forgetCachedPrincipals();
}
