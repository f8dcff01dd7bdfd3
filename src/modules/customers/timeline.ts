import { limits } from '../../core/limits.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { actorName, isoSql, type ServiceContext } from './types.ts';

export type TimelineEventInput = {
  readonly accountId: number;
  /** snake_case: 'service_started', 'note_added', 'payment', 'bill', … */
  readonly kind: string;
  readonly summary: string;
  readonly refType?: string;
  readonly refId?: string | number;
};

/**
 * Adds one event to an account's single time-ordered history (ACC-5). Other modules call it
 * for their bills, payments, orders and letters, in their own transaction. The event's time
 * is `ctx.now`. Never fails for a valid account id (a bad id is a bug: the FK throws).
 */
export async function recordTimelineEvent(
  tx: Tx,
  input: TimelineEventInput,
  ctx: ServiceContext,
): Promise<Result<{ readonly eventId: number }, never>> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO account_event (account_id, at, kind, summary, actor_name, ref_type, ref_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      input.accountId,
      ctx.now,
      input.kind,
      input.summary,
      actorName(ctx.actor),
      input.refType ?? null,
      input.refId === undefined ? null : String(input.refId),
    ],
  );
  return ok({ eventId: (r.rows[0] as { id: number }).id });
}

export type TimelineEvent = {
  readonly id: number;
  /** ISO-8601 UTC instant. */
  readonly at: string;
  readonly kind: string;
  readonly summary: string;
  readonly actorName: string;
  readonly refType: string | null;
  readonly refId: string | null;
};

export type TimelinePage = {
  readonly events: readonly TimelineEvent[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  readonly nextBefore: number | null;
};

/**
 * An account's timeline, newest first, keyset-paged (`before` = `nextBefore` of the previous
 * page: the id of its oldest event). `limit` is clamped to limits.pageSizeMax.
 */
export async function getTimeline(
  q: Queryable,
  accountId: number,
  page: { readonly limit?: number; readonly before?: number } = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(page.limit ?? limits.pageSizeDefault, 1), limits.pageSizeMax);
  const r = await q.query<TimelineEvent>(
    `SELECT id, ${isoSql('at')} AS at, kind, summary, actor_name AS "actorName", ref_type AS "refType",
            ref_id AS "refId"
       FROM account_event
      WHERE account_id = $1
        AND ($2::bigint IS NULL OR (at, id) < (SELECT b.at, b.id FROM account_event b
                                                WHERE b.id = $2 AND b.account_id = $1))
      ORDER BY account_event.at DESC, account_event.id DESC
      LIMIT $3`,
    [accountId, page.before ?? null, limit + 1],
  );
  const events = r.rows.slice(0, limit);
  const more = r.rows.length > limit;
  const last = events[events.length - 1];
  return { events, nextBefore: more && last ? last.id : null };
}
