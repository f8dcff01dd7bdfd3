import { limits } from '../../core/limits.ts';
import { cents, formatCents } from '../../core/money.ts';
import { accountActivity, type AccountActivity } from '../ledger/index.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { actorName, type ServiceContext } from './types.ts';

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
  /** `event`: an account event (account_event); `ledger`: a journal entry on the account. */
  readonly source: 'event' | 'ledger';
  /** ISO-8601 UTC instant. */
  readonly at: string;
  readonly kind: string;
  readonly summary: string;
  readonly actorName: string;
  readonly refType: string | null;
  readonly refId: string | null;
  /** Ledger entries: the account's receivable movement (+ charged, − credited); else null. */
  readonly amountCents: number | null;
};

export type TimelinePage = {
  readonly events: readonly TimelineEvent[];
  /** Pass as `before` to get the next (older) page; null when there is none. */
  readonly nextBefore: string | null;
};

/** A page cursor: the last shown item's millisecond, source rank (ledger 1, event 0) and id. */
const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~([01])~(\d{1,15})$/;

export function isTimelineCursor(text: string): boolean {
  return cursorPattern.test(text);
}

function cursorOf(e: TimelineEvent): string {
  return `${e.at}~${e.source === 'ledger' ? 1 : 0}~${e.id}`;
}

type Cursor = { readonly at: string; readonly rank: 0 | 1; readonly id: number };

function parseCursor(text: string | undefined): Cursor | null {
  const m = text === undefined ? null : cursorPattern.exec(text);
  return m ? { at: m[1]!, rank: m[2] === '1' ? 1 : 0, id: Number(m[3]) } : null;
}

/**
 * An account's single history (ACC-5), newest first: its account events (starts, stops,
 * notes, statuses, holds, fees charged at a start, …) merged with the journal entries on
 * the account (bills, payments, adjustments, fees, returns, refunds, transfers — the
 * ledger's `accountActivity`, less the entries an event already describes). Keyset-paged
 * over both: `before` = `nextBefore` of the previous page. `limit` is clamped to
 * limits.pageSizeMax. Order: the millisecond, then ledger before event, then id.
 */
export async function getTimeline(
  q: Queryable,
  accountId: number,
  page: { readonly limit?: number; readonly before?: string } = {},
): Promise<TimelinePage> {
  const limit = Math.min(Math.max(page.limit ?? limits.pageSizeDefault, 1), limits.pageSizeMax);
  const c = parseCursor(page.before);
  const r = await q.query<Omit<TimelineEvent, 'source' | 'amountCents'>>(
    `SELECT id::int AS id,
            to_char(date_trunc('milliseconds', at) AT TIME ZONE 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
            kind, summary, actor_name AS "actorName", ref_type AS "refType", ref_id AS "refId"
       FROM account_event
      WHERE account_id = $1
        AND ($2::timestamptz IS NULL
             OR (date_trunc('milliseconds', at), 0, id) < ($2::timestamptz, $3::int, $4::int8))
      ORDER BY date_trunc('milliseconds', at) DESC, id DESC
      LIMIT $5`,
    [accountId, c?.at ?? null, c?.rank ?? 0, c?.id ?? 0, limit + 1],
  );
  const described = await q.query<{ id: string }>(
    `SELECT ref_id AS id FROM account_event
      WHERE account_id = $1 AND ref_type = 'journal_entry'`,
    [accountId],
  );
  const ledger = await accountActivity(q, accountId, {
    limit: limit + 1,
    before: c === null ? undefined : { at: c.at, id: c.rank === 1 ? c.id : 0 },
    exclude: described.rows.map((row) => Number(row.id)),
  });
  const merged: TimelineEvent[] = [
    ...r.rows.map((e) => ({ ...e, source: 'event' as const, amountCents: null })),
    ...ledger.map(fromLedger),
  ].sort(newestFirst);
  const events = merged.slice(0, limit);
  const last = events[events.length - 1];
  return { events, nextBefore: merged.length > limit && last ? cursorOf(last) : null };
}

function newestFirst(a: TimelineEvent, b: TimelineEvent): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  if (a.source !== b.source) return a.source === 'ledger' ? -1 : 1;
  return b.id - a.id;
}

function fromLedger(a: AccountActivity): TimelineEvent {
  const parts: string[] = [];
  if (a.receivableCents > 0) parts.push(`${formatCents(a.receivableCents)} charged`);
  if (a.receivableCents < 0) parts.push(`${formatCents(cents(-a.receivableCents))} credited`);
  if (a.depositCents > 0) parts.push(`deposit ${formatCents(a.depositCents)} held`);
  if (a.depositCents < 0) parts.push(`deposit ${formatCents(cents(-a.depositCents))} released`);
  return {
    id: a.entryId,
    source: 'ledger',
    at: a.postedAt,
    kind: a.kind,
    summary: parts.length === 0 ? a.memo : `${a.memo}: ${parts.join(', ')}`,
    actorName: a.actorName,
    refType: 'journal_entry',
    refId: String(a.entryId),
    amountCents: a.receivableCents,
  };
}
