import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { EntryKind, PostedEntry, PostedLine } from './types.ts';

type EntryHeader = {
  readonly entryId: number;
  readonly kind: EntryKind;
  readonly sourceRef: string;
  readonly effectiveDate: LocalDate;
  readonly requestHash: string;
  readonly reversesEntryId: number | null;
};

export const entryHeaderColumns = `e.id AS "entryId", e.kind, e.source_ref AS "sourceRef",
  e.effective_date AS "effectiveDate", e.request_hash AS "requestHash",
  e.reverses_entry_id AS "reversesEntryId"`;

export const lineColumns = `l.line_no AS "lineNo", l.gl_account AS "glAccount", l.fund,
  l.account_id AS "accountId", l.debit_cents AS "debitCents", l.credit_cents AS "creditCents",
  l.memo`;

export async function readEntryHeader(
  q: Queryable,
  where: { readonly by: 'id' | 'idempotency_key' | 'source_ref'; readonly value: unknown },
): Promise<EntryHeader | undefined> {
  // `where.by` is one of three literal column names, never user text.
  const r = await q.query<EntryHeader>(
    `SELECT ${entryHeaderColumns} FROM journal_entry e WHERE e.${where.by} = $1`,
    [where.value],
  );
  return r.rows[0];
}

export async function readLines(q: Queryable, entryId: number): Promise<PostedLine[]> {
  const r = await q.query<PostedLine>(
    `SELECT ${lineColumns} FROM journal_line l WHERE l.entry_id = $1 ORDER BY l.line_no`,
    [entryId],
  );
  return r.rows;
}

export async function readPostedEntry(
  q: Queryable,
  header: EntryHeader,
  replayed: boolean,
): Promise<PostedEntry> {
  return {
    entryId: header.entryId,
    replayed,
    kind: header.kind,
    sourceRef: header.sourceRef,
    effectiveDate: header.effectiveDate,
    lines: await readLines(q, header.entryId),
  };
}
