import { assert } from '../../core/assert.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadChart, type Chart } from './chart.ts';
import { requestHashOf, resolveEntry, totalsOf, type ResolvedLine } from './entry-shape.ts';
import { lineColumnsOf } from './insert-entry.ts';
import type { LedgerContext, PostEntryCode, PostEntryInput } from './types.ts';

export type PostEntriesResult = {
  readonly count: number;
  readonly entryIds: readonly number[];
  readonly totalCents: number;
};

/**
 * The bulk path (conversions, the demo city's opening balances): many entries inserted
 * set-based, `INSERT … SELECT FROM unnest(…)` in chunks of
 * `limits.journalBulkChunkEntriesMax`. Every entry is checked exactly as postEntry checks it,
 * and the database still checks each one (0013: one set-based check per line statement).
 *
 * Differences from postEntry, on purpose: no replay. Any entry whose source reference or
 * idempotency key is already taken (or repeated within `inputs`) fails the whole call with
 * `duplicate_source_ref` or `idempotency_key_reused`, and the caller's transaction must roll
 * back. One summary audit row is written per call, not one per entry.
 *
 * Codes: those of postEntry, with `detail` naming the first failing input's index.
 */
export async function postEntries(
  tx: Tx,
  inputs: readonly PostEntryInput[],
  ctx: LedgerContext,
): Promise<Result<PostEntriesResult, PostEntryCode>> {
  const chart = await loadChart(tx);
  const resolved = resolveAll(inputs, chart);
  if (!resolved.ok) return resolved;
  const entryIds: number[] = [];
  for (let start = 0; start < inputs.length; start += limits.journalBulkChunkEntriesMax) {
    const end = start + limits.journalBulkChunkEntriesMax;
    const chunk = await insertChunk(
      tx,
      inputs.slice(start, end),
      resolved.value.slice(start, end),
      ctx,
    );
    if (!chunk.ok) return chunk;
    entryIds.push(...chunk.value);
  }
  const totalCents = resolved.value.reduce((s, lines) => s + totalsOf(lines).debitCents, 0);
  if (inputs.length > 0) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'ledger.entries_posted_in_bulk',
      entityType: 'journal_entry',
      entityId: entryIds[0] ?? 0,
      after: {
        count: entryIds.length,
        firstEntryId: entryIds[0],
        lastEntryId: entryIds.at(-1),
        totalCents,
      },
    });
  }
  return ok({ count: entryIds.length, entryIds, totalCents });
}

function resolveAll(
  inputs: readonly PostEntryInput[],
  chart: Chart,
): Result<ResolvedLine[][], PostEntryCode> {
  const sources = new Set<string>();
  const keys = new Set<string>();
  const all: ResolvedLine[][] = [];
  for (const [i, input] of inputs.entries()) {
    const r = resolveEntry(input, chart);
    if (!r.ok) return err(r.code, `inputs[${i}]: ${r.detail ?? ''}`, r.fields);
    if (sources.has(input.sourceRef)) {
      return err('duplicate_source_ref', `inputs[${i}]: source ${input.sourceRef} repeated`);
    }
    if (input.idempotencyKey !== undefined && keys.has(input.idempotencyKey)) {
      return err('idempotency_key_reused', `inputs[${i}]: key ${input.idempotencyKey} repeated`);
    }
    sources.add(input.sourceRef);
    if (input.idempotencyKey !== undefined) keys.add(input.idempotencyKey);
    all.push(r.value);
  }
  return ok(all);
}

async function insertChunk(
  tx: Tx,
  inputs: readonly PostEntryInput[],
  lines: readonly ResolvedLine[][],
  ctx: LedgerContext,
): Promise<Result<number[], PostEntryCode>> {
  const a = ctx.actor;
  const inserted = await tx.query<{ id: number; source_ref: string }>(
    `INSERT INTO journal_entry (kind, source_ref, idempotency_key, request_hash, effective_date,
       memo, posted_at, actor_kind, actor_id, actor_name)
     SELECT kind, source_ref, idempotency_key, request_hash, effective_date, memo, $7, $8, $9, $10
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[])
            WITH ORDINALITY AS i (kind, source_ref, idempotency_key, request_hash, effective_date,
              memo, ord)
      ORDER BY ord
     ON CONFLICT DO NOTHING
     RETURNING id, source_ref`,
    [
      inputs.map((e) => e.kind),
      inputs.map((e) => e.sourceRef),
      inputs.map((e) => e.idempotencyKey ?? null),
      inputs.map(requestHashOf),
      inputs.map((e) => e.effectiveDate),
      inputs.map((e) => e.memo),
      ctx.now,
      a.kind,
      a.kind === 'system' ? null : a.id,
      a.name,
    ],
  );
  const idBySource = new Map(inserted.rows.map((r) => [r.source_ref, r.id]));
  if (idBySource.size < inputs.length) return explainBulkConflict(tx, inputs, idBySource);
  const ids = inputs.map((e) => idBySource.get(e.sourceRef) as number);
  const flat = lines.flatMap((entryLines, i) => entryLines.map((l) => ({ ...l, entryId: ids[i] })));
  await tx.query(
    `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger, account_id,
       debit_cents, credit_cents, memo)
     SELECT * FROM unnest($1::int8[], $2::int2[], $3::text[], $4::text[], $5::bool[], $6::int8[],
       $7::int8[], $8::int8[], $9::text[])`,
    [flat.map((l) => l.entryId), ...lineColumnsOf(flat)],
  );
  const check = await tx.query<{ n: number }>(
    'SELECT count(*)::int8 AS n FROM journal_line WHERE entry_id = ANY($1::int8[])',
    [ids],
  );
  assert(check.rows[0]?.n === flat.length, 'bulk insert: line count read back differs');
  return ok(ids);
}

async function explainBulkConflict(
  tx: Tx,
  inputs: readonly PostEntryInput[],
  inserted: ReadonlyMap<string, number>,
): Promise<Result<number[], PostEntryCode>> {
  const index = inputs.findIndex((e) => !inserted.has(e.sourceRef));
  const input = inputs[index];
  assert(input !== undefined, 'bulk insert: a conflict without a skipped input');
  const taken = await tx.query(
    'SELECT 1 FROM journal_entry WHERE source_ref = $1 AND id <> ALL($2::int8[])',
    [input.sourceRef, [...inserted.values()]],
  );
  if (taken.rowCount) {
    return err('duplicate_source_ref', `inputs[${index}]: source ${input.sourceRef} is taken`);
  }
  return err('idempotency_key_reused', `inputs[${index}]: key ${input.idempotencyKey} is taken`);
}
