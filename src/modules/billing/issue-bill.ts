import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { billEntry } from './bill-entry.ts';
import { dueDateFor } from './due-date.ts';
import type { DraftBill } from './types.ts';

export type IssueBillCode = 'already_billed' | PostEntryCode;

export type IssuedBill = { readonly billId: number; readonly journalEntryId: number | null };

/**
 * Issues one drafted bill in the caller's transaction: ONE ledger entry (source
 * `bill:<accountId>:<periodEnd>`), the bill (due = bill date + 21 days), its lines with their
 * explanations, the run item and an audit row. `already_billed` when the account already has
 * an issued bill ending on this date (unique index bill_one_issued_per_period with ON CONFLICT, or the
 * ledger's unique source reference) — the caller's transaction then rolls back.
 */
export async function issueBill(
  tx: Tx,
  draft: DraftBill,
  runId: number,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<IssuedBill, IssueBillCode>> {
  const memo = `Bill ${draft.periodStart} – ${draft.periodEnd}`;
  const entry = billEntry(draft, memo);
  let journalEntryId: number | null = null;
  if (entry !== null) {
    const posted = await postEntry(tx, entry, ctx);
    if (!posted.ok) {
      return posted.code === 'duplicate_source_ref' ? err('already_billed') : posted;
    }
    if (posted.value.replayed) return err('already_billed');
    journalEntryId = posted.value.entryId;
  }
  const billId = await insertBill(tx, draft, runId, journalEntryId, ctx.now);
  if (billId === null) return err('already_billed');
  await insertLines(tx, billId, draft);
  await tx.query(
    `INSERT INTO bill_run_item (run_id, account_id, status, bill_id) VALUES ($1, $2, 'billed', $3)
     ON CONFLICT (run_id, account_id) DO UPDATE SET status = 'billed', code = NULL,
       detail = NULL, bill_id = excluded.bill_id`,
    [runId, draft.accountId, billId],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'bill.issued',
    entityType: 'bill',
    entityId: billId,
    accountId: draft.accountId,
    after: { runId, periodEnd: draft.periodEnd, totalCents: draft.totalCents, journalEntryId },
  });
  return ok({ billId, journalEntryId });
}

async function insertBill(
  tx: Tx,
  draft: DraftBill,
  runId: number,
  journalEntryId: number | null,
  now: Date,
): Promise<number | null> {
  const billDate: LocalDate = draft.periodEnd;
  const r = await tx.query<{ id: number }>(
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       journal_entry_id, run_id, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'issued', $9)
     ON CONFLICT (account_id, period_end) WHERE status = 'issued' DO NOTHING RETURNING id`,
    [
      draft.accountId,
      draft.periodStart,
      draft.periodEnd,
      billDate,
      dueDateFor(billDate, null),
      draft.totalCents,
      journalEntryId,
      runId,
      now,
    ],
  );
  return r.rows[0]?.id ?? null;
}

async function insertLines(tx: Tx, billId: number, draft: DraftBill): Promise<void> {
  const ls = draft.lines;
  await tx.query(
    `INSERT INTO bill_line (bill_id, line_no, account_id, agreement_id, service, code,
       description, quantity, unit, amount_cents, explanation)
     SELECT $1, n, $2, agreement_id, service, code, description, quantity, unit, amount,
            explanation::jsonb
       FROM unnest($3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                   $9::text[], $10::bigint[], $11::text[])
         AS l(n, agreement_id, service, code, description, quantity, unit, amount, explanation)`,
    [
      billId,
      draft.accountId,
      ls.map((_, i) => i + 1),
      ls.map((l) => l.agreementId),
      ls.map((l) => l.service),
      ls.map((l) => l.line.code),
      ls.map((l) => l.line.description),
      ls.map((l) => String(l.line.quantity)),
      ls.map((l) => l.line.unit),
      ls.map((l) => l.line.amountCents),
      ls.map((l) =>
        JSON.stringify({
          scheduleCode: l.scheduleCode,
          versionsEffectiveFrom: l.versionsEffectiveFrom,
          ...l.line,
        }),
      ),
    ],
  );
}
