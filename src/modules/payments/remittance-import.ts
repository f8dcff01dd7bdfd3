import { createHash } from 'node:crypto';
import type { Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database, type Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { defaultLockboxLayout } from './lockbox-layouts.ts';
import { parseRemittance } from './remittance-parse.ts';
import { postMatchedItems, type MatchedItem } from './remittance-post.ts';
import { screenMatched } from './remittance-recovery.ts';
import type { ParsedRemittance, RemittanceFormat, RemittanceItem } from './remittance-types.ts';
import { holdUnmatched, noAccountMatches } from './unapplied-hold.ts';
import type { PaymentContext } from './types.ts';

export type ImportRemittanceInput = {
  readonly format: RemittanceFormat;
  readonly fileName: string;
  readonly text: string;
  readonly dryRun?: boolean | undefined;
  /** Lockbox layout name (lockbox-layouts.ts); the default is bai-lockbox. */
  readonly layout?: string | undefined;
};

export type ItemOutcome = {
  readonly index: number;
  readonly line: number;
  readonly amountCents: Cents;
  readonly outcome: 'posted' | 'unmatched' | 'rejected';
  readonly accountId: number | null;
  readonly paymentId: number | null;
  readonly unappliedId: number | null;
  readonly reason: string | null;
  readonly reference: string | null;
  readonly payerName: string | null;
};

export type RemittanceImport = {
  readonly fileId: number | null;
  readonly dryRun: boolean;
  readonly format: RemittanceFormat;
  readonly sha256: string;
  readonly items: number;
  readonly posted: number;
  readonly unmatched: number;
  readonly rejected: number;
  readonly postedCents: number;
  readonly unmatchedCents: number;
  readonly notes: readonly string[];
  readonly outcomes: readonly ItemOutcome[];
};

export type ImportRemittanceCode = 'file_malformed' | 'unknown_layout' | 'file_already_imported';

/**
 * Imports a bank remittance file (PAY-5) in ONE transaction: parse (every control total must
 * balance, else `file_malformed` naming the line and field and nothing is written); the
 * same bytes twice are `file_already_imported` (sha256); each item is matched to an account
 * by account number, else by bill number; matched items are posted as payments by the bulk
 * path (remittance-post.ts) — a written-off account's payment recovers its bad debt first
 * (PAY-9) — and unmatched ones become unapplied cash (research queue), as do checks of
 * cash-only accounts (remittance-recovery.ts, with postPayment's reason); items that are not
 * payments are reported rejected with the reason. A dry run does it all and
 * rolls back. One audit row `remittance.imported` per file.
 */
export async function importRemittance(
  db: Database,
  input: ImportRemittanceInput,
  ctx: PaymentContext,
): Promise<Result<RemittanceImport, ImportRemittanceCode>> {
  const dryRun = input.dryRun ?? false;
  return inTransaction(
    db,
    (tx) => importIn(tx, input, { ...ctx, copy: true }), // COPY on both engines (db/copy-rows.ts)
    {
      dryRun,
    },
  );
}

export async function importIn(
  tx: Tx,
  input: ImportRemittanceInput,
  ctx: PaymentContext & { readonly copy: boolean },
): Promise<Result<RemittanceImport, ImportRemittanceCode>> {
  const layout = input.format === 'lockbox' ? (input.layout ?? defaultLockboxLayout) : null;
  const parsed = parseRemittance(input.format, input.text, layout ?? undefined);
  if (!parsed.ok) return parsed;
  const sha256 = createHash('sha256').update(input.text, 'utf8').digest('hex');
  const items = parsed.value.items;
  const accountOf = await matchAccounts(tx, items);
  const { matched, unmatched, rejected, refused, recoverable } = await splitItems(
    tx,
    items,
    accountOf,
  );
  const file = await insertFile(
    tx,
    input,
    { layout, sha256, parsed: parsed.value },
    {
      matched,
      unmatched,
      rejected,
    },
    ctx,
  );
  if (!file.rows[0])
    return err(
      'file_already_imported',
      `${input.fileName}: this file (sha256 ${sha256.slice(0, 12)}…) was imported before`,
    );
  const fileId = Number(file.rows[0].id);
  const payments = await postMatchedItems(tx, sha256, matched, ctx, { recoverable });
  const held = await holdUnmatched(tx, fileId, unmatched, refused, ctx);
  const outcomes = outcomesOf(items, payments, held, accountOf, refused);
  const sum = (list: readonly RemittanceItem[]): number =>
    list.reduce((s, i) => s + i.amountCents, 0);
  const summary: RemittanceImport = {
    fileId,
    dryRun: input.dryRun ?? false,
    format: input.format,
    sha256,
    items: items.length,
    posted: matched.length,
    unmatched: unmatched.length,
    rejected: rejected.length,
    postedCents: sum(matched),
    unmatchedCents: sum(unmatched),
    notes: parsed.value.notes,
    outcomes,
  };
  const { outcomes: _o, ...after } = summary;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'remittance.imported',
    entityType: 'remittance_file',
    entityId: fileId,
    after: { fileName: input.fileName, ...after },
  });
  return ok(summary);
}

/**
 * The file's items by what happens to them: rejected (not a payment), unmatched (no account,
 * or refused: a cash-only account's check — held as unapplied cash with the reason),
 * matched; and what the matched written-off accounts can recover.
 */
async function splitItems(
  tx: Tx,
  items: readonly RemittanceItem[],
  accountOf: (it: RemittanceItem) => number | null,
) {
  const candidates: MatchedItem[] = [];
  const unmatched: RemittanceItem[] = [];
  const rejected: RemittanceItem[] = [];
  for (const it of items) {
    const accountId = it.rejectReason === null ? accountOf(it) : null;
    if (it.rejectReason !== null) rejected.push(it);
    else if (accountId === null) unmatched.push(it);
    else candidates.push({ ...it, accountId });
  }
  // A cash-only account's check is held, not posted; written-off accounts recover first.
  const { refused, recoverable } = await screenMatched(tx, candidates);
  const matched: MatchedItem[] = [];
  for (const m of candidates) (refused.has(m.index) ? unmatched : matched).push(m);
  if (refused.size > 0) unmatched.sort((a, b) => a.index - b.index);
  return { matched, unmatched, rejected, refused, recoverable };
}

/** Account number first, then bill number; two queries for the whole file. */
async function matchAccounts(
  tx: Tx,
  items: readonly RemittanceItem[],
): Promise<(it: RemittanceItem) => number | null> {
  const refs = [...new Set(items.flatMap((i) => (i.accountRef === null ? [] : [i.accountRef])))];
  const byNo = new Map<string, number>();
  if (refs.length > 0) {
    const r = await tx.query<{ id: string; no: string }>(
      'SELECT id, account_no AS no FROM account WHERE account_no = ANY($1::text[])',
      [refs],
    );
    for (const row of r.rows) byNo.set(row.no, Number(row.id));
  }
  const bills = [
    ...new Set(
      items.flatMap((i) =>
        [i.invoiceRef, i.accountRef].filter((r): r is string => r !== null && /^\d{1,15}$/.test(r)),
      ),
    ),
  ];
  const byBill = new Map<string, number>();
  if (bills.length > 0) {
    const r = await tx.query<{ id: string; a: string }>(
      `SELECT id::text AS id, account_id AS a FROM bill WHERE id = ANY($1::bigint[]) AND status = 'issued'`,
      [bills],
    );
    for (const row of r.rows) byBill.set(row.id, Number(row.a));
  }
  return (it) =>
    (it.accountRef !== null ? byNo.get(it.accountRef) : undefined) ??
    (it.invoiceRef !== null ? byBill.get(String(Number(it.invoiceRef))) : undefined) ??
    null;
}

async function insertFile(
  tx: Tx,
  input: ImportRemittanceInput,
  f: { readonly layout: string | null; readonly sha256: string; readonly parsed: ParsedRemittance },
  split: {
    readonly matched: readonly RemittanceItem[];
    readonly unmatched: readonly RemittanceItem[];
    readonly rejected: readonly RemittanceItem[];
  },
  ctx: PaymentContext,
): Promise<{ rows: { id: string }[] }> {
  const rejected = split.rejected.map((r) => ({
    index: r.index,
    line: r.line,
    amountCents: r.amountCents,
    reason: r.rejectReason,
  }));
  return tx.query<{ id: string }>(
    `INSERT INTO remittance_file (sha256, file_name, format, layout, item_count, total_cents,
       posted_count, unmatched_count, rejected_count, rejected, imported_by, imported_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (sha256) DO NOTHING RETURNING id`,
    [
      f.sha256,
      input.fileName,
      input.format,
      f.layout,
      f.parsed.items.length,
      f.parsed.totalCents,
      split.matched.length,
      split.unmatched.length,
      split.rejected.length,
      JSON.stringify(rejected),
      ctx.actor.name,
      ctx.now,
    ],
  );
}

function outcomesOf(
  items: readonly RemittanceItem[],
  payments: ReadonlyMap<number, number>,
  held: ReadonlyMap<number, number>,
  accountOf: (it: RemittanceItem) => number | null,
  refused: ReadonlyMap<number, string>,
): ItemOutcome[] {
  return items.map((it): ItemOutcome => {
    const paymentId = payments.get(it.index) ?? null;
    const unappliedId = held.get(it.index) ?? null;
    return {
      index: it.index,
      line: it.line,
      amountCents: it.amountCents,
      outcome: it.rejectReason !== null ? 'rejected' : paymentId !== null ? 'posted' : 'unmatched',
      accountId: paymentId !== null ? accountOf(it) : null,
      paymentId,
      unappliedId,
      reason:
        it.rejectReason ??
        (unappliedId === null ? null : (refused.get(it.index) ?? noAccountMatches)),
      reference: it.accountRef ?? it.invoiceRef,
      payerName: it.payerName,
    };
  });
}
