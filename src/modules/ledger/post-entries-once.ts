import { assert } from '../../core/assert.ts';
import { copyField, copyLines, type Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { loadChart } from './chart.ts';
import { requestHashOf, resolveEntry, totalsOf, type ResolvedLine } from './entry-shape.ts';
import { lineColumnsOf } from './insert-entry.ts';
import type { LedgerContext, PostEntryCode, PostEntryInput } from './types.ts';

/** What happened to one input of `postEntriesOnce`, in input order. */
export type PostOnceOutcome =
  | { readonly status: 'posted'; readonly entryId: number }
  /** Another entry already records this source reference: nothing posted for this input. */
  | { readonly status: 'taken' }
  /** The entry is malformed, unbalanced or names an unknown GL account: nothing posted. */
  | { readonly status: 'refused'; readonly code: PostEntryCode; readonly detail: string };

export type PostEntriesOnceOptions = {
  /** Write the lines with COPY (PostgreSQL only; see db/copy-rows.ts), else unnest. */
  readonly copy?: boolean;
};

export type PostEntriesOnceResult = {
  readonly outcomes: readonly PostOnceOutcome[];
  readonly posted: number;
  readonly totalCents: number;
};

/**
 * The bulk path for business runs (the bill run): every input is checked exactly as
 * postEntry checks it, and those that pass are inserted set-based — ONE `INSERT … SELECT
 * FROM unnest(…) ON CONFLICT (source_ref) DO NOTHING RETURNING` for the entries and one for
 * all their lines. Outcomes are per input, never fatal for the others: `posted` (with the
 * new id), `taken` (the source reference is already recorded — the business object was
 * posted before, e.g. by a crashed run or a racing one; at READ COMMITTED the insert waits
 * for a racing transaction and then skips) or `refused` (the code postEntry would answer).
 *
 * Keyed by source reference only: an input with an idempotency key is refused `invalid`
 * (use postEntry or postEntries), and a source reference repeated within `inputs` is
 * refused `duplicate_source_ref`. The database still checks every entry (0013: each line
 * statement's entries balance; an entry without lines fails at commit); rows are append-only. One audit row per call that posts anything
 * (`ledger.entries_posted_in_bulk`: count, first/last id, total), not one per entry.
 */
export async function postEntriesOnce(
  tx: Tx,
  inputs: readonly PostEntryInput[],
  ctx: LedgerContext,
  options: PostEntriesOnceOptions = {},
): Promise<PostEntriesOnceResult> {
  const chart = await loadChart(tx);
  const outcomes: PostOnceOutcome[] = [];
  const accepted: { index: number; input: PostEntryInput; lines: ResolvedLine[] }[] = [];
  const sources = new Set<string>();
  for (const [index, input] of inputs.entries()) {
    const r = resolveEntry(input, chart);
    if (!r.ok) outcomes.push({ status: 'refused', code: r.code, detail: r.detail ?? '' });
    else if (input.idempotencyKey !== undefined) {
      outcomes.push({ status: 'refused', code: 'invalid', detail: 'keyed by source only' });
    } else if (sources.has(input.sourceRef)) {
      const detail = `source ${input.sourceRef} repeated`;
      outcomes.push({ status: 'refused', code: 'duplicate_source_ref', detail });
    } else {
      sources.add(input.sourceRef);
      outcomes.push({ status: 'taken' }); // replaced below when the insert returns its id
      accepted.push({ index, input, lines: r.value });
    }
  }
  if (accepted.length === 0) return { outcomes, posted: 0, totalCents: 0 };
  const ids = await insertEntries(
    tx,
    accepted.map((a) => a.input),
    ctx,
  );
  const flat: ResolvedLine[] = [];
  const entryOf: number[] = []; // the entry id of each line of `flat`
  let totalCents = 0;
  const postedIds: number[] = [];
  for (const a of accepted) {
    const entryId = ids.get(a.input.sourceRef);
    if (entryId === undefined) continue;
    outcomes[a.index] = { status: 'posted', entryId };
    postedIds.push(entryId);
    totalCents += totalsOf(a.lines).debitCents;
    for (const l of a.lines) {
      flat.push(l);
      entryOf.push(entryId);
    }
  }
  if (postedIds.length === 0) return { outcomes, posted: 0, totalCents: 0 };
  await insertLines(tx, flat, entryOf, options.copy === true);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'ledger.entries_posted_in_bulk',
    entityType: 'journal_entry',
    entityId: postedIds[0]!,
    after: {
      count: postedIds.length,
      firstEntryId: postedIds[0],
      lastEntryId: postedIds.at(-1),
      totalCents,
    },
  });
  return { outcomes, posted: postedIds.length, totalCents };
}

/** Inserts the entries' headers; the ids of those inserted, by source reference. */
async function insertEntries(
  tx: Tx,
  inputs: readonly PostEntryInput[],
  ctx: LedgerContext,
): Promise<ReadonlyMap<string, number>> {
  const a = ctx.actor;
  const inserted = await tx.query<{ id: number; source_ref: string }>(
    `INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date, memo, posted_at,
       actor_kind, actor_id, actor_name)
     SELECT kind, source_ref, request_hash, effective_date, memo, $6, $7, $8, $9
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::text[])
            WITH ORDINALITY AS i (kind, source_ref, request_hash, effective_date, memo, ord)
      ORDER BY ord
     ON CONFLICT (source_ref) DO NOTHING
     RETURNING id, source_ref`,
    [
      inputs.map((e) => e.kind),
      inputs.map((e) => e.sourceRef),
      inputs.map(requestHashOf),
      inputs.map((e) => e.effectiveDate),
      inputs.map((e) => e.memo),
      ctx.now,
      a.kind,
      a.kind === 'system' ? null : a.id,
      a.name,
    ],
  );
  return new Map(inserted.rows.map((r) => [r.source_ref, r.id]));
}

const lineColumns = [
  'entry_id',
  'line_no',
  'gl_account',
  'fund',
  'has_subledger',
  'account_id',
  'debit_cents',
  'credit_cents',
  'memo',
];

async function insertLines(
  tx: Tx,
  flat: readonly ResolvedLine[],
  entryOf: readonly number[],
  copy: boolean,
): Promise<void> {
  if (copy) return copyLines(tx, 'journal_line', lineColumns, lineCopyText(flat, entryOf));
  const r = await tx.query(
    `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger, account_id,
       debit_cents, credit_cents, memo)
     SELECT * FROM unnest($1::int8[], $2::int2[], $3::text[], $4::text[], $5::bool[], $6::int8[],
       $7::int8[], $8::int8[], $9::text[])`,
    [entryOf, ...lineColumnsOf(flat)],
  );
  assert(r.rowCount === flat.length, 'bulk insert: every line of every posted entry inserted');
}

/** The lines as COPY text rows of `lineColumns`, written field by field (no row arrays). */
function* lineCopyText(flat: readonly ResolvedLine[], entryOf: readonly number[]) {
  for (const [i, l] of flat.entries()) {
    const account = l.accountId === null ? '\\N' : String(l.accountId);
    const memo = l.memo === null ? '\\N' : copyField(l.memo);
    yield `${entryOf[i]}\t${l.lineNo}\t${copyField(l.glAccount)}\t${copyField(l.fund)}\t${
      l.hasSubledger ? 't' : 'f'
    }\t${account}\t${l.debitCents}\t${l.creditCents}\t${memo}\n`;
  }
}
