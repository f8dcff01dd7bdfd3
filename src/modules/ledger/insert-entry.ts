import { assert } from '../../core/assert.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { auditInsertSql } from '../audit/index.ts';
import { assertBalanced, totalsOf, type ResolvedLine } from './entry-shape.ts';
import { readEntryHeader, readPostedEntry } from './read-entry.ts';
import type { EntryKind, LedgerContext, PostEntryCode, PostedEntry, PostedLine } from './types.ts';
import type { LocalDate } from '../../core/dates.ts';

export type EntryToInsert = {
  readonly kind: EntryKind;
  readonly sourceRef: string;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  readonly effectiveDate: LocalDate;
  readonly memo: string;
  readonly reversesEntryId: number | null;
  readonly lines: readonly ResolvedLine[];
};

/**
 * Inserts one checked entry, or returns what already holds its idempotency key or source
 * reference. Concurrency: `ON CONFLICT DO NOTHING` waits for a racing transaction that
 * holds the same key; when that one commits, this insert becomes a no-op and the re-read
 * (a new snapshot under READ COMMITTED, the default) finds the winner's entry, so the loser
 * answers with the winner's result or a conflict code, never a unique-violation error.
 */
export async function insertEntry(
  tx: Tx,
  e: EntryToInsert,
  ctx: LedgerContext,
): Promise<Result<PostedEntry, PostEntryCode>> {
  const r = await insertOne(tx, e, ctx, false);
  assert(r !== 'stale_chart', `entry ${e.sourceRef}: chart checked without being asked`);
  return r;
}

/**
 * `insertEntry` for lines resolved against a cached chart: the same statement first checks
 * that every line's (code, fund, sub-ledger flag) is an active GL account, and writes
 * nothing (`stale_chart`) when one is not.
 */
export async function insertEntryIfChartHolds(
  tx: Tx,
  e: EntryToInsert,
  ctx: LedgerContext,
): Promise<Result<PostedEntry, PostEntryCode> | 'stale_chart'> {
  return insertOne(tx, e, ctx, true);
}

type InsertedRow = {
  chartOk: boolean;
  entryId: number | null;
  lineNo: number | null;
} & Omit<PostedLine, 'lineNo'>;

/**
 * The chart check ($20: asked), the entry, its lines, its audit row (`audit`, from $21)
 * and the lines as stored.
 */
const insertEntrySql = (audit: string) => `WITH chart AS (
     SELECT NOT $20::bool OR NOT EXISTS (
              SELECT 1 FROM unnest($13::text[], $14::text[], $15::bool[]) x(code, fund, sub)
               WHERE NOT EXISTS (
                 SELECT 1 FROM gl_account g
                  WHERE g.code = x.code AND g.fund = x.fund AND g.has_subledger = x.sub
                    AND g.active)) AS ok),
   e AS (
     INSERT INTO journal_entry (kind, source_ref, idempotency_key, request_hash,
       effective_date, posted_at, memo, actor_kind, actor_id, actor_name, reverses_entry_id)
     SELECT $1::text, $2::text, $3::text, $4::text, $5::date, $6::timestamptz, $7::text,
            $8::text, $9::int8, $10::text, $11::int8
       FROM chart WHERE chart.ok
     ON CONFLICT DO NOTHING RETURNING id),
   l AS (
     INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger,
       account_id, debit_cents, credit_cents, memo)
     SELECT e.id, u.* FROM e, unnest($12::int2[], $13::text[], $14::text[], $15::bool[],
       $16::int8[], $17::int8[], $18::int8[], $19::text[]) u
     RETURNING line_no, gl_account, fund, account_id, debit_cents, credit_cents, memo),
   a AS (${audit})
   SELECT chart.ok AS "chartOk", e.id AS "entryId", l.line_no AS "lineNo",
          l.gl_account AS "glAccount", l.fund, l.account_id AS "accountId",
          l.debit_cents AS "debitCents", l.credit_cents AS "creditCents", l.memo
     FROM chart LEFT JOIN e ON true LEFT JOIN l ON true
    ORDER BY l.line_no`;

/**
 * ONE statement: the chart check (when asked), the entry (ON CONFLICT DO NOTHING), its
 * lines (the statement trigger of 0013 checks them as before), its audit row, and the lines
 * as stored.
 */
async function insertOne(
  tx: Tx,
  e: EntryToInsert,
  ctx: LedgerContext,
  checkChart: boolean,
): Promise<Result<PostedEntry, PostEntryCode> | 'stale_chart'> {
  assertBalanced(e.lines, `entry ${e.sourceRef} before insert`);
  const a = ctx.actor;
  const accountIds = new Set(e.lines.flatMap((l) => (l.accountId === null ? [] : [l.accountId])));
  // The audit row is written by the same statement, only when the entry is.
  const audit = auditInsertSql(
    {
      actor: ctx.actor,
      at: ctx.now,
      action: e.kind === 'reversal' ? 'ledger.entry_reversed' : 'ledger.entry_posted',
      entityType: 'journal_entry',
      accountId: accountIds.size === 1 ? ([...accountIds][0] ?? null) : null,
      after: {
        kind: e.kind,
        sourceRef: e.sourceRef,
        effectiveDate: e.effectiveDate,
        totalCents: totalsOf(e.lines).debitCents,
        reversesEntryId: e.reversesEntryId,
      },
    },
    'e.id',
    'e',
    21,
  );
  const r = await tx.query<InsertedRow>(insertEntrySql(audit.sql), [
    e.kind,
    e.sourceRef,
    e.idempotencyKey,
    e.requestHash,
    e.effectiveDate,
    ctx.now,
    e.memo,
    a.kind,
    a.kind === 'system' ? null : a.id,
    a.name,
    e.reversesEntryId,
    ...lineColumnsOf(e.lines),
    checkChart,
    ...audit.params,
  ]);
  const first = r.rows[0]!;
  if (!first.chartOk) return 'stale_chart';
  if (first.entryId === null) return explainConflict(tx, e);
  const entryId = Number(first.entryId);
  const posted: PostedEntry = {
    entryId,
    replayed: false,
    kind: e.kind,
    sourceRef: e.sourceRef,
    effectiveDate: e.effectiveDate,
    lines: r.rows.map(({ chartOk: _ok, entryId: _id, lineNo, ...line }) => ({
      lineNo: Number(lineNo),
      ...line,
    })),
  };
  // The lines as the database stored them (RETURNING), checked against what was sent.
  assertBalanced(posted.lines, `entry ${entryId} read back`);
  assert(posted.lines.length === e.lines.length, `entry ${entryId}: line count changed`);
  assert(
    totalsOf(posted.lines).debitCents === totalsOf(e.lines).debitCents,
    `entry ${entryId}: total changed on the way through the database`,
  );
  return ok(posted);
}

async function explainConflict(
  tx: Tx,
  e: EntryToInsert,
): Promise<Result<PostedEntry, PostEntryCode>> {
  if (e.idempotencyKey !== null) {
    const first = await readEntryHeader(tx, { by: 'idempotency_key', value: e.idempotencyKey });
    if (first) {
      if (first.requestHash !== e.requestHash) {
        return err('idempotency_key_reused', `key already used by entry ${first.entryId}`);
      }
      return ok(await readPostedEntry(tx, first, true));
    }
  }
  const holder = await readEntryHeader(tx, { by: 'source_ref', value: e.sourceRef });
  assert(holder !== undefined, `insert of ${e.sourceRef} conflicted on nothing visible`);
  return err('duplicate_source_ref', `source ${e.sourceRef} is already entry ${holder.entryId}`);
}

export async function insertLines(
  tx: Tx,
  entryId: number,
  lines: readonly ResolvedLine[],
): Promise<void> {
  await tx.query(
    `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger, account_id,
       debit_cents, credit_cents, memo)
     SELECT $1, * FROM unnest($2::int2[], $3::text[], $4::text[], $5::bool[], $6::int8[],
       $7::int8[], $8::int8[], $9::text[])`,
    [entryId, ...lineColumnsOf(lines)],
  );
}

export function lineColumnsOf(lines: readonly ResolvedLine[]): unknown[][] {
  return [
    lines.map((l) => l.lineNo),
    lines.map((l) => l.glAccount),
    lines.map((l) => l.fund),
    lines.map((l) => l.hasSubledger),
    lines.map((l) => l.accountId),
    lines.map((l) => l.debitCents),
    lines.map((l) => l.creditCents),
    lines.map((l) => l.memo),
  ];
}
