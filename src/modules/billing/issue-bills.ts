import type { LocalDate } from '../../core/dates.ts';
import { fail } from '../../core/assert.ts';
import { copyField, copyLines, type Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { accountFacts, closeFinaledAgreements, type AccountFacts } from '../customers/index.ts';
import { postEntriesOnce, type PostEntryInput } from '../ledger/index.ts';
import { billEntry } from './bill-entry.ts';
import { dueDateFor } from './due-date.ts';
import { storedExplanationCopyField } from './line-explanation.ts';
import type { DraftBill } from './types.ts';

/** What happened to one draft of `issueBills`, in draft order. */
export type IssueOutcome =
  | { readonly status: 'issued'; readonly billId: number; readonly journalEntryId: number | null }
  | { readonly status: 'already_billed' }
  /** The ledger refused the bill's entry (configuration: `unknown_gl_account`, …). */
  | { readonly status: 'refused'; readonly code: string; readonly detail: string };

/**
 * Issues many drafted bills in the caller's transaction, set-based (the bill run's page):
 * ONE bulk ledger posting (`postEntriesOnce`, source `bill:<accountId>:<periodEnd>`), then
 * the bills of exactly the entries posted (and of zero-total drafts, which post nothing) in
 * one `INSERT … SELECT FROM unnest(…) ON CONFLICT (account_id, period_end) WHERE status =
 * 'issued' DO NOTHING RETURNING`, carrying their entry id and run id, then all their lines in
 * one COPY (both engines, see db/copy-rows.ts). The entry goes first so a bill is written once with its entry id (no UPDATE
 * of fresh rows). A draft whose source reference or issued bill already exists is
 * `already_billed` (a crashed or racing run billed it) and writes nothing. Outcomes per
 * draft, never fatal for the others; run items and audit are the caller's.
 */
export async function issueBills(
  tx: Tx,
  drafts: readonly DraftBill[],
  runId: number,
  ctx: { readonly actor: Actor; readonly now: Date; readonly billDate?: LocalDate },
): Promise<readonly IssueOutcome[]> {
  const outcomes: IssueOutcome[] = drafts.map(() => ({ status: 'already_billed' }));
  const entries: PostEntryInput[] = [];
  const entryOf: number[] = []; // draft index of each entry
  const toBill: { index: number; entryId: number | null }[] = [];
  for (const [i, d] of drafts.entries()) {
    const entry = billEntry(d, `Bill ${d.periodStart} – ${d.periodEnd}`);
    if (entry === null) toBill.push({ index: i, entryId: null });
    else {
      entries.push(entry);
      entryOf.push(i);
    }
  }
  const posted = await postEntriesOnce(tx, entries, ctx, { copy: true });
  for (const [k, o] of posted.outcomes.entries()) {
    const i = entryOf[k]!;
    if (o.status === 'posted') toBill.push({ index: i, entryId: o.entryId });
    else if (o.status === 'refused') {
      outcomes[i] = { status: 'refused', code: o.code, detail: o.detail };
    }
  }
  if (toBill.length === 0) return outcomes;
  const billIds = await insertBills(tx, drafts, toBill, runId, ctx.now, ctx.billDate);
  for (const { index, entryId } of toBill) {
    const billId = billIds.get(drafts[index]!.accountId);
    // A posted entry without its bill would be money without a document: roll the page back.
    if (billId === undefined && entryId !== null) fail(`bill of entry ${entryId} not inserted`);
    if (billId !== undefined)
      outcomes[index] = { status: 'issued', billId, journalEntryId: entryId };
  }
  await insertLines(tx, drafts, outcomes);
  // Final bills: their stopped agreements are closed with them (customers), in this page.
  const finals = drafts.flatMap((d, i) =>
    outcomes[i]!.status === 'issued' ? (d.finalAgreementIds ?? []) : [],
  );
  if (finals.length > 0) await closeFinaledAgreements(tx, finals, ctx);
  return outcomes;
}

async function insertBills(
  tx: Tx,
  drafts: readonly DraftBill[],
  toBill: readonly { index: number; entryId: number | null }[],
  runId: number,
  now: Date,
  runBillDate: LocalDate | undefined,
): Promise<ReadonlyMap<number, number>> {
  const ds = toBill.map((b) => drafts[b.index]!);
  // The bill date is the run's (the day it issues the bills), never before the period's end;
  // the due date counts from it and honours Select Due Date (the account's chosen day,
  // residential only: BIL-7), read for the page in one query.
  const billDate = (d: DraftBill): LocalDate =>
    runBillDate !== undefined && runBillDate > d.periodEnd ? runBillDate : d.periodEnd;
  const facts =
    ds.length === 0
      ? new Map<number, AccountFacts>()
      : await accountFacts(
          tx,
          ds.map((d) => d.accountId),
          ds[0]!.periodEnd,
        );
  const dueDate = (d: DraftBill) => {
    const f = facts.get(d.accountId);
    return dueDateFor(billDate(d), f?.dueDay ?? null, {
      ...(f === undefined ? {} : { accountClass: f.accountClass }),
    });
  };
  const r = await tx.query<{ id: number; account_id: number }>(
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       journal_entry_id, run_id, status, created_at)
     SELECT account_id, period_start, period_end, bill_date, due_date, total_cents, entry_id,
            $7, 'issued', $8
       FROM unnest($1::int8[], $2::date[], $3::date[], $4::date[], $5::int8[], $6::int8[],
                   $9::date[])
            WITH ORDINALITY AS b (account_id, period_start, period_end, due_date, total_cents,
              entry_id, bill_date, ord)
      ORDER BY ord
     ON CONFLICT (account_id, period_end) WHERE status = 'issued' DO NOTHING
     RETURNING id, account_id`,
    [
      ds.map((d) => d.accountId),
      ds.map((d) => d.periodStart),
      ds.map((d) => d.periodEnd),
      ds.map(dueDate),
      ds.map((d) => d.totalCents),
      toBill.map((b) => b.entryId),
      runId,
      now,
      ds.map(billDate),
    ],
  );
  return new Map(r.rows.map((row) => [row.account_id, row.id]));
}

const lineColumns = [
  'bill_id',
  'line_no',
  'account_id',
  'agreement_id',
  'service',
  'code',
  'description',
  'quantity',
  'unit',
  'amount_cents',
  'explanation',
];

/** COPY text of a draft's lines after the bill id (which the insert assigns), per line. */
const copyTails = new WeakMap<DraftBill, readonly string[]>();

function copyTailsOf(d: DraftBill): readonly string[] {
  const prepared = copyTails.get(d);
  if (prepared !== undefined) return prepared;
  // Field by field: no row arrays.
  const account = `\t${d.accountId}\t`;
  return d.lines.map((l, k) => {
    const x = l.line;
    const agreement = l.agreementId === null ? '\\N' : String(l.agreementId);
    return `\t${k + 1}${account}${agreement}\t${copyWord(l.service)}\t${copyWord(x.code)}\t${copyField(
      x.description,
    )}\t${x.quantity}\t${copyWord(x.unit)}\t${x.amountCents}\t${storedExplanationCopyField(l)}\n`;
  });
}

/** Services, line codes and units escaped once each (descriptions carry amounts, so vary):
 * a bill run writes the same few dozen words millions of times. Bounded: cleared when large. */
const copyWords = new Map<string, string>();

function copyWord(v: string): string {
  const seen = copyWords.get(v);
  if (seen !== undefined) return seen;
  if (copyWords.size >= 10_000) copyWords.clear();
  const escaped = copyField(v);
  copyWords.set(v, escaped);
  return escaped;
}

/**
 * Prepares the COPY text of the drafts' bill lines ahead of `issueBills`,
 * so its write path only prefixes bill ids: the bill run calls it while the previous page
 * writes (PostgreSQL). Optional; held weakly by draft.
 */
export function prepareLineCopy(drafts: readonly DraftBill[]): void {
  for (const d of drafts) if (!copyTails.has(d)) copyTails.set(d, copyTailsOf(d));
}

function* lineCopyText(
  drafts: readonly DraftBill[],
  outcomes: readonly IssueOutcome[],
): Generator<string> {
  for (const [i, o] of outcomes.entries()) {
    if (o.status !== 'issued') continue;
    for (const tail of copyTailsOf(drafts[i]!)) yield `${o.billId}${tail}`;
  }
}

async function insertLines(
  tx: Tx,
  drafts: readonly DraftBill[],
  outcomes: readonly IssueOutcome[],
): Promise<void> {
  const any = outcomes.some((o, i) => o.status === 'issued' && drafts[i]!.lines.length > 0);
  if (any) await copyLines(tx, 'bill_line', lineColumns, lineCopyText(drafts, outcomes));
}
