import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { billEntry } from './bill-entry.ts';
import { draftBill } from './draft-bill.ts';
import { dueDateFor } from './due-date.ts';
import { gatherInputs } from './gather-inputs.ts';
import type { DraftBill, DraftBillCode } from './types.ts';
import { insertBillLines } from './insert-bill-lines.ts';

export type RebillCode =
  'nothing_to_rebill' | 'already_billed' | 'account_not_found' | DraftBillCode | PostEntryCode;

export type Rebilled = {
  readonly billId: number;
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly dueDate: LocalDate;
  readonly totalCents: Cents;
  readonly journalEntryId: number | null;
};

/** The source reference of the n-th rebill of an account's period. */
export function rebillSourceRef(accountId: number, periodEnd: string, n: number): string {
  return `rebill:${accountId}:${periodEnd}:${n}`;
}

/**
 * Bills one account's period again with the current data (after its bill was cancelled in
 * the caller's transaction): `gatherInputs` + `draftBill` for that account as of the
 * period's end, ONE ledger entry (source `rebill:<accountId>:<periodEnd>:<n>`, n = how many
 * bills of the period are cancelled), the bill with `replaces_bill_id`, its lines, an audit
 * row. The new bill is dated `billDate` (the day it is reissued) and due by the account's
 * due-date rule from then, so the customer gets the full time to pay.
 *
 * Codes: `nothing_to_rebill` (no active agreement), `already_billed` (an issued bill of the
 * period exists), `account_not_found`, the draft's codes (`no_read`, `missing_rate`, …),
 * ledger codes.
 */
export async function rebillPeriod(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly periodEnd: LocalDate;
    readonly replacesBillId: number;
    readonly billDate: LocalDate;
  },
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<Rebilled, RebillCode>> {
  const [inputs] = await gatherInputs(tx, [input.accountId], input.periodEnd, new Map());
  if (inputs === undefined || inputs.periodStart >= input.periodEnd) {
    return err('nothing_to_rebill', `account ${input.accountId} has nothing to bill`);
  }
  const drafted = draftBill(inputs);
  if (!drafted.ok) return drafted;
  const account = await getAccountOverview(tx, input.accountId);
  if (!account.ok) return account;
  const draft = drafted.value;
  const journalEntryId = await postRebillEntry(tx, draft, ctx);
  if (!journalEntryId.ok) return journalEntryId;
  const dueDate = dueDateFor(input.billDate, account.value.account.dueDay, {
    accountClass: account.value.account.accountClass,
  });
  const billId = await insertBill(tx, draft, input, dueDate, journalEntryId.value, ctx.now);
  if (billId === null) return err('already_billed', `account ${input.accountId}`);
  await insertBillLines(tx, billId, draft);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'bill.rebilled',
    entityType: 'bill',
    entityId: billId,
    accountId: input.accountId,
    after: {
      replacesBillId: input.replacesBillId,
      periodEnd: draft.periodEnd,
      totalCents: draft.totalCents,
      journalEntryId: journalEntryId.value,
    },
  });
  return ok({
    billId,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    dueDate,
    totalCents: draft.totalCents,
    journalEntryId: journalEntryId.value,
  });
}

async function postRebillEntry(
  tx: Tx,
  draft: DraftBill,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<number | null, PostEntryCode>> {
  const entry = billEntry(draft, `Rebill ${draft.periodStart} – ${draft.periodEnd}`);
  if (entry === null) return ok(null);
  const n = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM bill
      WHERE account_id = $1 AND period_end = $2 AND status = 'cancelled'`,
    [draft.accountId, draft.periodEnd],
  );
  const sourceRef = rebillSourceRef(draft.accountId, draft.periodEnd, n.rows[0]!.n);
  const posted = await postEntry(tx, { ...entry, sourceRef }, ctx);
  return posted.ok ? ok(posted.value.entryId) : posted;
}

async function insertBill(
  tx: Tx,
  draft: DraftBill,
  input: { readonly replacesBillId: number; readonly billDate: LocalDate },
  dueDate: LocalDate,
  journalEntryId: number | null,
  now: Date,
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       journal_entry_id, run_id, status, created_at, replaces_bill_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, 'issued', $8, $9)
     ON CONFLICT (account_id, period_end) WHERE status = 'issued' DO NOTHING RETURNING id`,
    [
      draft.accountId,
      draft.periodStart,
      draft.periodEnd,
      input.billDate,
      dueDate,
      draft.totalCents,
      journalEntryId,
      now,
      input.replacesBillId,
    ],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}
