import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { err, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { sha256, type ResolvedLine } from './entry-shape.ts';
import { insertEntry } from './insert-entry.ts';
import { readEntryHeader } from './read-entry.ts';
import type { Fund, LedgerContext, PostedEntry, ReverseEntryCode } from './types.ts';

export type ReverseEntryInput = {
  readonly entryId: number;
  readonly reason: string;
  readonly effectiveDate: LocalDate;
  readonly idempotencyKey?: string;
};

/**
 * Posts the mirror of an entry (every debit becomes a credit and back, same GL accounts and
 * customer accounts), kind `reversal`, source reference `reversal:<id>`, memo = reason.
 * The original stays as it was: the ledger is append-only. Records an audit row.
 *
 * Codes: `not_found` (no such entry), `cannot_reverse_reversal` (post the original again
 * instead), `already_reversed` (an entry is reversed at most once; also enforced by a unique
 * index), `invalid` (empty or over-long reason or key), `idempotency_key_reused`.
 * A repeated key with the same request returns the first reversal with `replayed: true`.
 */
export async function reverseEntry(
  tx: Tx,
  input: ReverseEntryInput,
  ctx: LedgerContext,
): Promise<Result<PostedEntry, ReverseEntryCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0 || input.reason.length > limits.journalMemoCharsMax) {
    return err('invalid', 'a reason is required', { reason: 'required, at most 500 characters' });
  }
  const key = input.idempotencyKey;
  if (key !== undefined && (key.length === 0 || key.length > limits.idempotencyKeyCharsMax)) {
    return err('invalid', 'bad idempotency key', { idempotencyKey: '1 to 200 characters' });
  }
  // Lock the original so two racing reversals queue here rather than on the unique index.
  const original = await tx.query<{ id: number; kind: string }>(
    'SELECT id, kind FROM journal_entry WHERE id = $1 FOR NO KEY UPDATE',
    [input.entryId],
  );
  const row = original.rows[0];
  if (!row) return err('not_found', `no journal entry ${input.entryId}`);
  if (row.kind === 'reversal') return err('cannot_reverse_reversal', `entry ${row.id}`);
  const requestHash = sha256(
    JSON.stringify(['reverse-entry/v1', input.entryId, input.reason, input.effectiveDate]),
  );
  const existing = await readEntryHeader(tx, { by: 'source_ref', value: `reversal:${row.id}` });
  if (existing) {
    const replay = key !== undefined && existing.requestHash === requestHash;
    if (!replay) return err('already_reversed', `entry ${row.id} reversed by ${existing.entryId}`);
  }
  const result = await insertEntry(
    tx,
    {
      kind: 'reversal',
      sourceRef: `reversal:${row.id}`,
      idempotencyKey: key ?? null,
      requestHash,
      effectiveDate: input.effectiveDate,
      memo: input.reason,
      reversesEntryId: row.id,
      lines: await mirrorLines(tx, row.id),
    },
    ctx,
  );
  if (!result.ok && result.code === 'duplicate_source_ref') {
    return err('already_reversed', result.detail);
  }
  return result;
}

async function mirrorLines(tx: Tx, entryId: number): Promise<ResolvedLine[]> {
  const r = await tx.query<ResolvedLine & { fund: Fund }>(
    `SELECT line_no AS "lineNo", gl_account AS "glAccount", fund, has_subledger AS "hasSubledger",
            account_id AS "accountId", credit_cents AS "debitCents", debit_cents AS "creditCents",
            memo
       FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
    [entryId],
  );
  return r.rows;
}
