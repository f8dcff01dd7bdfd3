import { assert } from '../../core/assert.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { StaffContext } from './create-user.ts';
import { forgetCachedPrincipals } from './sessions.ts';
import { readUser } from './staff-user.ts';
import { hashToken, newApiToken } from './tokens.ts';

/** An API token as listed: never the token itself, which is shown once at creation. */
export type ApiTokenInfo = {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
};

const tokenColumns = `id, user_id AS "userId", name, created_at AS "createdAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/**
 * Issues an API token for an integration; it acts as `userId` with that user's current roles
 * (`Authorization: Bearer cisapi_…`). The token is returned once and only its SHA-256 is
 * stored. Audited `staff_api_token.created`.
 * Codes: `user_not_found`, `user_disabled`, `too_many_api_tokens` (more than
 * `limits.apiTokensPerUserMax` unrevoked tokens).
 */
export async function createApiToken(
  tx: Tx,
  input: { readonly userId: number; readonly name: string },
  ctx: StaffContext,
): Promise<
  Result<
    ApiTokenInfo & { token: string },
    'user_not_found' | 'user_disabled' | 'too_many_api_tokens'
  >
> {
  const user = await readUser(tx, input.userId, { forUpdate: true });
  if (!user) return err('user_not_found', `no staff user ${input.userId}`);
  if (!user.active) return err('user_disabled', `${user.username} is disabled`);
  const open = await tx.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM staff_api_token WHERE user_id = $1 AND revoked_at IS NULL',
    [user.id],
  );
  if ((open.rows[0]?.n ?? 0) >= limits.apiTokensPerUserMax) {
    return err('too_many_api_tokens', `at most ${limits.apiTokensPerUserMax} tokens per user`);
  }
  const token = newApiToken();
  const r = await tx.query<ApiTokenInfo>(
    `INSERT INTO staff_api_token (token_hash, user_id, name, created_at)
     VALUES ($1, $2, $3, $4) RETURNING ${tokenColumns}`,
    [hashToken(token), user.id, input.name.trim(), ctx.now],
  );
  const info = r.rows[0];
  assert(info !== undefined, 'INSERT … RETURNING returns the token row');
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'staff_api_token.created',
    entityType: 'staff_api_token',
    entityId: info.id,
    after: { userId: info.userId, username: user.username, name: info.name },
  });
  return ok({ ...info, token });
}

/**
 * Revokes an API token (audited `staff_api_token.revoked`). Revoking a revoked token
 * changes nothing and returns it as it is.
 * Codes: `api_token_not_found`.
 */
export async function revokeApiToken(
  tx: Tx,
  input: { readonly tokenId: number },
  ctx: StaffContext,
): Promise<Result<ApiTokenInfo, 'api_token_not_found'>> {
  const found = await tx.query<ApiTokenInfo>(
    `SELECT ${tokenColumns} FROM staff_api_token WHERE id = $1 FOR UPDATE`,
    [input.tokenId],
  );
  const before = found.rows[0];
  if (!before) return err('api_token_not_found', `no API token ${input.tokenId}`);
  if (before.revokedAt) return ok(before);
  forgetCachedPrincipals();
  const r = await tx.query<ApiTokenInfo>(
    `UPDATE staff_api_token SET revoked_at = $2 WHERE id = $1 RETURNING ${tokenColumns}`,
    [input.tokenId, ctx.now],
  );
  const after = r.rows[0];
  assert(after !== undefined, 'the locked token row is still there');
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'staff_api_token.revoked',
    entityType: 'staff_api_token',
    entityId: after.id,
    before: { userId: before.userId, name: before.name, revokedAt: null },
    after: { userId: after.userId, name: after.name, revokedAt: after.revokedAt },
  });
  return ok(after);
}

/** A user's API tokens, newest first (revoked ones included, so the history is visible). */
export async function listApiTokens(q: Queryable, userId: number): Promise<ApiTokenInfo[]> {
  const r = await q.query<ApiTokenInfo>(
    `SELECT ${tokenColumns} FROM staff_api_token WHERE user_id = $1 ORDER BY id DESC LIMIT $2`,
    [userId, limits.pageSizeMax],
  );
  return r.rows;
}
