import { createHash } from 'node:crypto';
import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { limits } from '../../core/limits.ts';
import type { Engine, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { copyReadColumns } from './copy-reads.ts';
import { parseReadsFileRows, type ReadFormat, type RowError } from './parse-reads-file.ts';
import { planReads } from './plan-reads.ts';
import { formatMilli, type HoldReason } from './validate-read.ts';
import { writeReadColumns } from './write-reads.ts';

export type ImportReadsInput = { readonly fileName: string; readonly text: string };

export type ImportSummary = {
  readonly batchId: number;
  readonly format: ReadFormat;
  readonly sha256: string;
  readonly rows: number;
  readonly accepted: number;
  readonly held: number;
  readonly heldByReason: Readonly<Partial<Record<HoldReason, number>>>;
  /** Reads the file marked estimated or substituted (NEM12 quality E/S/F): source estimate. */
  readonly estimated: number;
  /** What the parser skipped on purpose (NEM12 channels in units CIS does not bill). */
  readonly notes: readonly string[];
};

export type ImportCode = 'file_already_imported' | 'file_rejected';

/** A validated read ready to insert. */
export type PlannedRead = {
  readonly registerId: number;
  readonly readDate: LocalDate;
  readonly valueMilli: number;
  readonly deltaMilli: number | null;
  readonly days: number | null;
  readonly status: 'accepted' | 'held';
  readonly holdReason: HoldReason | null;
};

/**
 * Imports one read file (BIL-1) all-or-nothing: any row error (unknown meter, bad date,
 * non-numeric reading, out-of-order read …) rejects the whole file and writes nothing;
 * reads that validation merely holds are stored with status `held` and a reason.
 * Errors: `file_already_imported` (same sha256 as an earlier batch), `file_rejected`
 * (`fields` maps "line N" to "code: detail" for every bad row).
 * Set-based: one parse pass into columns (typed arrays, no object per read), one or two
 * queries for every register's state, validation in memory (judgeRead on numbers), then one
 * COPY on PostgreSQL (copy-reads.ts) or `limits.readImportChunkRows` reads per INSERT
 * (write-reads.ts). PostgreSQL's JIT is off for the import's queries (restored after).
 */
export async function importReads(
  tx: Tx,
  input: ImportReadsInput,
  ctx: {
    readonly actor: Actor;
    readonly now: Date;
    /** When the caller names its engine, reads are written with COPY (copy-reads.ts, both
     * engines), else with INSERT … unnest (write-reads.ts). */
    readonly engine?: Engine | undefined;
  },
): Promise<Result<ImportSummary, ImportCode>> {
  const sha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
  const seen = await tx.query<{ id: number }>(
    'SELECT id FROM read_import_batch WHERE sha256 = $1',
    [sha256],
  );
  if (seen.rows[0]) {
    return err('file_already_imported', `this file was imported as batch ${seen.rows[0].id}`);
  }
  const parsed = parseReadsFileRows(input.text);
  // The plan and write queries are big, one-off and set-based: PostgreSQL's JIT would
  // spend more CPU compiling them than it saves (≈ 1 s of a 200,000-read file's ~2 s).
  const jit = await tx.query<{ jit: string }>(
    `SELECT current_setting('jit', true) AS jit, set_config('jit', 'off', true)`,
  );
  const plan = await planReads(tx, parsed.rows);
  const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  if (errors.length > 0) {
    await restoreJit(tx, jit.rows[0]?.jit);
    return err(
      'file_rejected',
      `${errors.length} row error(s); nothing imported`,
      errorFields(errors),
    );
  }
  const rows = plan.columns.n;
  const held = plan.held;
  const batch = await tx.query<{ id: number }>(
    `INSERT INTO read_import_batch (file_name, sha256, format, row_count, accepted_count,
       held_count, imported_by, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.fileName, sha256, parsed.format, rows, rows - held, held, ctx.actor.name, ctx.now],
  );
  const batchId = batch.rows[0]!.id;
  const write = ctx.engine === undefined ? writeReadColumns : copyReadColumns;
  await write(tx, plan.columns, { batchId, now: ctx.now });
  await restoreJit(tx, jit.rows[0]?.jit);
  const summary: ImportSummary = {
    batchId,
    format: parsed.format,
    sha256,
    rows,
    accepted: rows - held,
    held,
    heldByReason: plan.heldByReason,
    estimated: plan.estimated,
    notes: parsed.notes ?? [],
  };
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'meter_reads.imported',
    entityType: 'read_import_batch',
    entityId: batchId,
    after: { fileName: input.fileName, ...summary },
  });
  return ok(summary);
}

async function restoreJit(tx: Tx, jit: string | null | undefined): Promise<void> {
  if (jit) await tx.query(`SELECT set_config('jit', $1, true)`, [jit]);
}

function errorFields(errors: readonly RowError[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of errors) {
    const key = `line ${e.line}`;
    const text = `${e.code}: ${e.detail}`;
    fields[key] = fields[key] ? `${fields[key]}; ${text}` : text;
  }
  return fields;
}

/**
 * Set-based insert: one `INSERT … SELECT FROM unnest(…)` per chunk of
 * `limits.readInsertChunkRows` reads; usage = delta × the register's multiplier in SQL.
 */
export async function insertReads(
  tx: Tx,
  reads: readonly PlannedRead[],
  o: {
    readonly source: 'import' | 'field' | 'estimate' | 'customer';
    readonly kind: 'regular' | 'initial' | 'final';
    readonly batchId: number | null;
    readonly now: Date;
  },
): Promise<void> {
  for (let i = 0; i < reads.length; i += limits.readInsertChunkRows) {
    const chunk = reads.slice(i, i + limits.readInsertChunkRows);
    await tx.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days, usage,
         source, kind, status, hold_reason, import_batch_id, created_at)
       SELECT u.register_id, r.premise_id, u.read_date, u.value, u.delta, u.days, u.delta * r.multiplier,
              $8, $9, u.status, u.hold_reason, $10, $11
         FROM unnest($1::bigint[], $2::date[], $3::numeric[], $4::numeric[], $5::int[], $6::text[], $7::text[])
              AS u(register_id, read_date, value, delta, days, status, hold_reason)
         JOIN register r ON r.id = u.register_id`,
      [
        chunk.map((r) => r.registerId),
        chunk.map((r) => r.readDate),
        chunk.map((r) => formatMilli(r.valueMilli)),
        chunk.map((r) => (r.deltaMilli === null ? null : formatMilli(r.deltaMilli))),
        chunk.map((r) => r.days),
        chunk.map((r) => r.status),
        chunk.map((r) => r.holdReason),
        o.source,
        o.kind,
        o.batchId,
        o.now,
      ],
    );
  }
}
