import { err, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { cachedChart, reloadChart, type Chart } from './chart.ts';
import { requestHashOf, resolveEntry } from './entry-shape.ts';
import { insertEntryIfChartHolds } from './insert-entry.ts';
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
  // The cached chart, proved by the insert statement itself; any doubt reads it again.
  const cached = await postWith(tx, input, await cachedChart(tx), true, ctx);
  if (cached !== 'stale_chart') return cached;
  const fresh = await postWith(tx, input, await reloadChart(tx), false, ctx);
  if (fresh !== 'stale_chart') return fresh;
  return err('unknown_gl_account', `the chart changed while posting ${input.sourceRef}`);
}

async function postWith(
  tx: Tx,
  input: PostEntryInput,
  chart: Chart,
  fromCache: boolean,
  ctx: LedgerContext,
): Promise<Result<PostedEntry, PostEntryCode> | 'stale_chart'> {
  const resolved = resolveEntry(input, chart);
  // A refusal may come from a stale cache (an account added or re-activated since).
  if (!resolved.ok) return fromCache ? 'stale_chart' : resolved;
  return insertEntryIfChartHolds(
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
