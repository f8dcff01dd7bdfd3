import { assert } from '../../core/assert.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { assertBalanced, totalsOf, type ResolvedLine } from './entry-shape.ts';
import { readEntryHeader, readPostedEntry } from './read-entry.ts';
import type { EntryKind, LedgerContext, PostEntryCode, PostedEntry } from './types.ts';
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
  assertBalanced(e.lines, `entry ${e.sourceRef} before insert`);
  const a = ctx.actor;
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO journal_entry (kind, source_ref, idempotency_key, request_hash, effective_date,
       posted_at, memo, actor_kind, actor_id, actor_name, reverses_entry_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
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
    ],
  );
  const entryId = inserted.rows[0]?.id;
  if (entryId === undefined) return explainConflict(tx, e);
  await insertLines(tx, entryId, e.lines);

  const posted = await readPostedEntry(tx, { ...e, entryId }, false);
  assertBalanced(posted.lines, `entry ${entryId} read back`);
  assert(posted.lines.length === e.lines.length, `entry ${entryId}: line count changed`);
  assert(
    totalsOf(posted.lines).debitCents === totalsOf(e.lines).debitCents,
    `entry ${entryId}: total changed on the way through the database`,
  );
  const accountIds = new Set(e.lines.flatMap((l) => (l.accountId === null ? [] : [l.accountId])));
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: e.kind === 'reversal' ? 'ledger.entry_reversed' : 'ledger.entry_posted',
    entityType: 'journal_entry',
    entityId: entryId,
    accountId: accountIds.size === 1 ? ([...accountIds][0] ?? null) : null,
    after: {
      kind: e.kind,
      sourceRef: e.sourceRef,
      effectiveDate: e.effectiveDate,
      totalCents: totalsOf(e.lines).debitCents,
      reversesEntryId: e.reversesEntryId,
    },
  });
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
