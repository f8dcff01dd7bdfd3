import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { budgetAmountDue, openBillsOf } from '../billing/index.ts';
import { accountBalances } from '../ledger/index.ts';
import { openAccountNumber } from './autopay-crypto.ts';
import { prenoteWaitDays } from './autopay-enrol.ts';
import { achSettings, type AchSettings } from './ach-settings.ts';
import { writeNacha, type NachaEntryInput } from './nacha-write.ts';
import { postPayment } from './post-payment.ts';
import type { PaymentContext } from './types.ts';

export type AchGenerated = {
  readonly fileDate: LocalDate;
  /** The NACHA file: every entry of the date (a second run writes the same entries). */
  readonly fileText: string;
  readonly debits: number;
  readonly prenotes: number;
  readonly totalDebitCents: number;
  /** Bills due that were not drafted, and why (cash-only, nothing owed, …). */
  readonly skipped: readonly { accountId: number; billId: number; reason: string }[];
};

type Enrolment = { id: number; accountId: number; status: 'prenote' | 'active' };

/**
 * `cis ach generate --date D` (PAY-6): the autopay NACHA PPD file for `date`. An enrolment
 * in prenote gets its one zero-dollar prenote (and debits wait `prenoteWaitDays` from that
 * file); once the wait is over it becomes active; each active enrolment's bills due on `date` are drafted for what is
 * still owed (the bill's total — under budget billing (BIL-9) the bill's instalment, plus
 * the settlement on the anniversary bill — at most the account's balance), and a pending autopay
 * payment is posted per debit (`autopay:bill:<id>`). Idempotent per bill: running a date
 * twice drafts nothing new and writes the same entries.
 */
export async function generateAchFile(
  tx: Tx,
  input: { readonly date: LocalDate },
  ctx: PaymentContext,
  settings: AchSettings = achSettings(),
): Promise<Result<AchGenerated, never>> {
  await tx.query(
    `UPDATE autopay_enrolment e SET status = 'active'
      WHERE e.status = 'prenote' AND e.live_on <= $1
        AND EXISTS (SELECT 1 FROM ach_entry x WHERE x.enrolment_id = e.id AND x.kind = 'prenote')`,
    [input.date],
  );
  const enrolments = await tx.query<Enrolment>(
    `SELECT id, account_id AS "accountId", status FROM autopay_enrolment
      WHERE status <> 'stopped' AND enrolled_on <= $1 ORDER BY id`,
    [input.date],
  );
  const skipped: { accountId: number; billId: number; reason: string }[] = [];
  for (const e of enrolments.rows) {
    if (e.status === 'prenote') await addPrenote(tx, e, input.date, settings);
    else skipped.push(...(await draftBillsDue(tx, e, input.date, settings, ctx)));
  }
  const file = await fileOf(tx, input.date, settings, ctx);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'ach.file_generated',
    entityType: 'ach_file',
    entityId: input.date,
    after: { ...file, fileText: undefined, skipped },
  });
  return ok({ fileDate: input.date, ...file, skipped });
}

async function addPrenote(tx: Tx, e: Enrolment, date: LocalDate, s: AchSettings): Promise<void> {
  await tx.query(
    `INSERT INTO ach_entry (file_date, enrolment_id, account_id, kind, amount_cents, trace_number)
     VALUES ($1, $2, $3, 'prenote', 0, $4 || lpad(nextval('ach_trace_seq')::text, 7, '0'))
     ON CONFLICT DO NOTHING`,
    [date, e.id, e.accountId, s.originatingDfi],
  );
  // Debits wait the prenote period from the day the prenote actually goes out.
  await tx.query(
    `UPDATE autopay_enrolment SET live_on = greatest(live_on, $2::date + $3::int) WHERE id = $1`,
    [e.id, date, prenoteWaitDays],
  );
}

async function draftBillsDue(
  tx: Tx,
  e: Enrolment,
  date: LocalDate,
  s: AchSettings,
  ctx: PaymentContext,
): Promise<{ accountId: number; billId: number; reason: string }[]> {
  const skipped: { accountId: number; billId: number; reason: string }[] = [];
  const due = (await openBillsOf(tx, Number(e.accountId), 6)).filter((b) => b.dueDate === date);
  for (const bill of due) {
    const budget = await budgetAmountDue(tx, Number(e.accountId), bill.billId);
    const billed = budget?.amountDueCents ?? bill.byFund.reduce((t, f) => t + f.amountCents, 0);
    const owed = (await accountBalances(tx, Number(e.accountId))).totalCents;
    const amount = Math.min(billed, owed);
    const inserted = await tx.query<{ id: number; trace: string }>(
      `INSERT INTO ach_entry (file_date, enrolment_id, account_id, kind, bill_id, amount_cents,
         trace_number)
       VALUES ($1, $2, $3, 'debit', $4, $5, $6 || lpad(nextval('ach_trace_seq')::text, 7, '0'))
       ON CONFLICT (bill_id) DO NOTHING RETURNING id, trace_number AS trace`,
      [date, e.id, e.accountId, bill.billId, Math.max(amount, 0), s.originatingDfi],
    );
    const row = inserted.rows[0];
    if (!row) continue; // drafted by an earlier run
    const reason =
      amount <= 0 ? 'nothing owed' : await postDraft(tx, e, row, bill.billId, amount, date, ctx);
    if (reason !== null) {
      await tx.query('DELETE FROM ach_entry WHERE id = $1', [row.id]);
      skipped.push({ accountId: Number(e.accountId), billId: bill.billId, reason });
    }
  }
  return skipped;
}

/** Posts the pending autopay payment of one debit; null when posted, else why not. */
async function postDraft(
  tx: Tx,
  e: Enrolment,
  row: { id: number },
  billId: number,
  amount: number,
  date: LocalDate,
  ctx: PaymentContext,
): Promise<string | null> {
  const bank = await tx.query<{ routing: string; last4: string }>(
    `SELECT routing_number AS routing, account_last4 AS last4 FROM autopay_enrolment WHERE id = $1`,
    [e.id],
  );
  const b = bank.rows[0]!;
  const paid = await postPayment(
    tx,
    {
      accountId: Number(e.accountId),
      amountCents: cents(amount),
      tender: { kind: 'ach', routingNumber: b.routing, accountLast4: b.last4.padStart(4, '0') },
      channel: 'autopay',
      effectiveDate: date,
      idempotencyKey: `autopay:bill:${billId}`,
    },
    ctx,
  );
  if (!paid.ok) return paid.code;
  await tx.query('UPDATE ach_entry SET payment_id = $2 WHERE id = $1', [
    row.id,
    paid.value.paymentId,
  ]);
  return null;
}

async function fileOf(tx: Tx, date: LocalDate, s: AchSettings, ctx: PaymentContext) {
  const r = await tx.query<{
    kind: 'debit' | 'prenote';
    amount: number;
    trace: string;
    routing: string;
    enc: string;
    type: 'checking' | 'savings';
    holder: string;
    accountId: number;
  }>(
    `SELECT x.kind, x.amount_cents::int8 AS amount, x.trace_number AS trace,
            e.routing_number AS routing, e.account_number_enc AS enc, e.account_type AS type,
            e.holder_name AS holder, x.account_id AS "accountId"
       FROM ach_entry x JOIN autopay_enrolment e ON e.id = x.enrolment_id
      WHERE x.file_date = $1 ORDER BY x.id`,
    [date],
  );
  const entries: NachaEntryInput[] = r.rows.map((x) => ({
    transactionCode: (x.type === 'checking' ? 2 : 3) + (x.kind === 'prenote' ? '8' : '7'),
    routingNumber: x.routing,
    accountNumber: openAccountNumber(x.enc),
    amountCents: Number(x.amount),
    individualId: String(x.accountId),
    individualName: x.holder,
    traceNumber: x.trace,
  }));
  const yymmdd = date.slice(2).replaceAll('-', '');
  const iso = ctx.now.toISOString();
  const fileText = writeNacha({
    ...s,
    creationDate: iso.slice(2, 10).replaceAll('-', ''),
    creationTime: iso.slice(11, 16).replace(':', ''),
    fileIdModifier: 'A',
    batches: entries.length ? [{ ...s, secCode: 'PPD', effectiveDate: yymmdd, entries }] : [],
  });
  const debits = r.rows.filter((x) => x.kind === 'debit');
  return {
    fileText,
    debits: debits.length,
    prenotes: r.rows.length - debits.length,
    totalDebitCents: debits.reduce((t, x) => t + Number(x.amount), 0),
  };
}
