import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import type { Queryable } from '../../db/index.ts';
import { lineColumns } from './read-entry.ts';
import type { EntryKind, PostedLine } from './types.ts';

export type JournalEntryView = {
  readonly entryId: number;
  readonly kind: EntryKind;
  readonly sourceRef: string;
  readonly effectiveDate: LocalDate;
  /** ISO 8601 instant. */
  readonly postedAt: string;
  readonly memo: string;
  readonly actorName: string;
  readonly reversesEntryId: number | null;
  readonly reversedByEntryId: number | null;
  readonly lines: readonly PostedLine[];
};

export type ListEntriesOptions = {
  /** Only entries with a line for this customer account (all their lines are returned). */
  readonly accountId?: number;
  /** Page size, clamped to 1 … `limits.pageSizeMax`. */
  readonly limit: number;
  /** Cursor: only entries with an id below this one (the previous page's `nextBefore`). */
  readonly before?: number;
};

export type EntryPage = {
  readonly entries: readonly JournalEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly nextBefore: number | null;
};

/** Journal entries, newest first, for the account timeline and the journal screen. */
export async function listEntries(q: Queryable, options: ListEntriesOptions): Promise<EntryPage> {
  const limit = Math.max(1, Math.min(Math.trunc(options.limit), limits.pageSizeMax));
  const params = [options.before ?? null, limit + 1];
  const ids = await q.query<{ id: number }>(
    options.accountId === undefined
      ? `SELECT id FROM journal_entry WHERE $1::int8 IS NULL OR id < $1 ORDER BY id DESC LIMIT $2`
      : `SELECT DISTINCT entry_id AS id FROM journal_line
          WHERE account_id = $3 AND ($1::int8 IS NULL OR entry_id < $1)
          ORDER BY entry_id DESC LIMIT $2`,
    options.accountId === undefined ? params : [...params, options.accountId],
  );
  const pageIds = ids.rows.slice(0, limit).map((r) => r.id);
  const more = ids.rows.length > limit;
  if (pageIds.length === 0) return { entries: [], nextBefore: null };
  const headers = await q.query<Omit<JournalEntryView, 'lines'>>(
    `SELECT e.id AS "entryId", e.kind, e.source_ref AS "sourceRef",
            e.effective_date AS "effectiveDate",
            to_char(e.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "postedAt",
            e.memo, e.actor_name AS "actorName", e.reverses_entry_id AS "reversesEntryId",
            r.id AS "reversedByEntryId"
       FROM journal_entry e LEFT JOIN journal_entry r ON r.reverses_entry_id = e.id
      WHERE e.id = ANY($1::int8[]) ORDER BY e.id DESC`,
    [pageIds],
  );
  const lines = await q.query<PostedLine & { entryId: number }>(
    `SELECT l.entry_id AS "entryId", ${lineColumns} FROM journal_line l
      WHERE l.entry_id = ANY($1::int8[]) ORDER BY l.entry_id, l.line_no`,
    [pageIds],
  );
  const byEntry = new Map<number, PostedLine[]>();
  for (const { entryId, ...line } of lines.rows) {
    const list = byEntry.get(entryId) ?? [];
    list.push(line);
    byEntry.set(entryId, list);
  }
  return {
    entries: headers.rows.map((h) => ({ ...h, lines: byEntry.get(h.entryId) ?? [] })),
    nextBefore: more ? (pageIds.at(-1) ?? null) : null,
  };
}
