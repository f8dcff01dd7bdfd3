import { limits } from '../../core/limits.ts';
import type { Queryable } from '../../db/index.ts';

/** One audit row as the audit screen and GET /api/audit show it. */
export type AuditTrailRow = {
  readonly id: number;
  readonly at: Date;
  readonly actorKind: 'staff' | 'customer' | 'system';
  readonly actorId: number | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly accountId: number | null;
  readonly before: unknown;
  readonly after: unknown;
};

export type AuditTrailQuery = {
  readonly entityType?: string;
  readonly entityId?: string | number;
  readonly accountId?: number;
  /** A staff user's id: what that user did. */
  readonly actorId?: number;
  /** Page size, capped at limits.pageSizeMax. */
  readonly limit: number;
  /** Keyset cursor: rows with an id below this one (the previous page's `nextBefore`). */
  readonly before?: number;
};

/**
 * The audit trail, newest first, filtered by any combination of entity, customer account
 * and staff actor, one page at a time. `nextBefore` is null on the last page. Each filter
 * has an index on audit_log (0002-audit.sql).
 */
export async function listAuditTrail(
  q: Queryable,
  query: AuditTrailQuery,
): Promise<{ items: AuditTrailRow[]; nextBefore: number | null }> {
  const limit = Math.max(1, Math.min(query.limit, limits.pageSizeMax));
  const r = await q.query<AuditTrailRow>(
    `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName",
            action, entity_type AS "entityType", entity_id AS "entityId",
            account_id AS "accountId", before, after
       FROM audit_log
      WHERE ($1::text IS NULL OR entity_type = $1)
        AND ($2::text IS NULL OR entity_id = $2)
        AND ($3::bigint IS NULL OR account_id = $3)
        AND ($4::bigint IS NULL OR (actor_kind = 'staff' AND actor_id = $4))
        AND ($5::bigint IS NULL OR id < $5)
      ORDER BY id DESC
      LIMIT $6`,
    [
      query.entityType ?? null,
      query.entityId === undefined ? null : String(query.entityId),
      query.accountId ?? null,
      query.actorId ?? null,
      query.before ?? null,
      limit + 1,
    ],
  );
  const items = r.rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextBefore: r.rows.length > limit && last ? last.id : null };
}
