import type { Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { loadChart } from './chart.ts';
import { requestHashOf, resolveEntry } from './entry-shape.ts';
import { insertEntry } from './insert-entry.ts';
import type { LedgerContext, PostEntryCode, PostEntryInput, PostedEntry } from './types.ts';

/**
 * Posts one balanced journal entry: the only way money enters the ledger (besides its
 * bulk twin `postEntries` and `reverseEntry`). Records an audit row.
 *
 * Idempotent by key: the same `idempotencyKey` with the same request returns the first
 * result with `replayed: true` and posts nothing; safe when two transactions race with one
 * key (see insertEntry). Run it at READ COMMITTED (inTransaction's default).
 *
 * Codes:
 * - `invalid`: a malformed header or line (fields say which): fewer than 2 or more than
 *   `limits.journalLinesPerEntryMax` lines, a line with two or no sides, a missing account
 *   id on a receivable/deposit line or one on any other line, kind `reversal`.
 * - `unknown_gl_account`: a GL code not in the chart, or inactive.
 * - `unbalanced_entry`: debits ≠ credits.
 * - `idempotency_key_reused`: the key was used for a different request.
 * - `duplicate_source_ref`: another entry already records this source reference.
 */
export async function postEntry(
  tx: Tx,
  input: PostEntryInput,
  ctx: LedgerContext,
): Promise<Result<PostedEntry, PostEntryCode>> {
  const resolved = resolveEntry(input, await loadChart(tx));
  if (!resolved.ok) return resolved;
  return insertEntry(
    tx,
    {
      kind: input.kind,
      sourceRef: input.sourceRef,
      idempotencyKey: input.idempotencyKey ?? null,
      requestHash: requestHashOf(input),
      effectiveDate: input.effectiveDate,
      memo: input.memo,
      reversesEntryId: null,
      lines: resolved.value,
    },
    ctx,
  );
}
