import { err, ok, type Result } from '../../../core/result.ts';
import { inTransaction, withClient, type Database } from '../../../db/index.ts';
import type { Actor } from '../../audit/index.ts';
import type { BillDetail } from '../bill-detail.ts';
import { billFileName, billPdf } from '../document/bill-pdf.ts';
import { fill, messages } from '../document/messages.ts';
import { longDate, money } from '../document/pdf-format.ts';
import { runBillIds } from '../document/print-file.ts';
import { deliveriesOf, recordDelivery } from './delivery-log.ts';
import type { BillMail, Mailer } from './mailer.ts';

export type EmailOutcome = {
  readonly billId: number;
  readonly accountNo: string;
  readonly status: 'sent' | 'failed' | 'already_sent' | 'paper';
  readonly address: string | null;
  readonly detail: string | null;
};

export type EmailRunResult = {
  readonly runId: number;
  readonly bills: number;
  readonly sent: number;
  readonly failed: number;
  readonly alreadySent: number;
  /** Bills that go on paper (not paperless, or no e-mail address): the print file's. */
  readonly paper: number;
  readonly outcomes: readonly EmailOutcome[];
};

export type EmailContext = {
  readonly actor: Actor;
  readonly now: Date;
  readonly mailer: Mailer;
  /** The sender, `City of Mesa Utilities <bills@…>` (config BILL_FROM). */
  readonly from: string;
};

/** The bill e-mail in the account's language (pure). */
export function billMail(bill: BillDetail, pdf: Buffer, from: string): BillMail {
  const m = messages(bill.language);
  const body = fill(m.emailBody, {
    amount: money(bill.amountDueCents),
    due: longDate(bill.dueDate, m, bill.language),
  });
  return {
    to: bill.email!,
    from,
    subject: `${m.emailSubject} · ${m.accountNumber} ${bill.accountNo}`,
    text: `${m.emailGreeting} ${bill.customerName}:\n\n${body}\n\n${m.emailSignature}\n${m.utilityPhone}\n`,
    attachment: { fileName: billFileName(bill), content: pdf },
  };
}

/**
 * E-mails the run's paperless bills (BIL-7) one at a time: a `queued` delivery row (a new
 * attempt) is committed before sending, then `sent` or `failed` with the SMTP answer or the
 * error. Bills already `sent` are skipped, so re-running retries only the failed and the
 * interrupted ones (at least once: a crash between sending and recording resends that one).
 *
 * Codes: `not_found` (no such run).
 */
export async function emailRunBills(
  db: Database,
  runId: number,
  ctx: EmailContext,
): Promise<Result<EmailRunResult, 'not_found'>> {
  const ids = await withClient(db, (q) => runBillIds(q, runId));
  if (ids === null) return err('not_found', `No bill run ${runId}.`);
  const done = new Set(
    (await withClient(db, (q) => deliveriesOf(q, ids)))
      .filter((d) => d.channel === 'email' && d.status === 'sent')
      .map((d) => d.billId),
  );
  const outcomes: EmailOutcome[] = [];
  for (const billId of ids) outcomes.push(await emailOne(db, billId, done.has(billId), ctx));
  const count = (s: EmailOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return ok({
    runId,
    bills: ids.length,
    sent: count('sent'),
    failed: count('failed'),
    alreadySent: count('already_sent'),
    paper: count('paper'),
    outcomes,
  });
}

async function emailOne(
  db: Database,
  billId: number,
  alreadySent: boolean,
  ctx: EmailContext,
): Promise<EmailOutcome> {
  const r = await withClient(db, (q) => billPdf(q, billId));
  if (!r.ok) throw new Error(`bill ${billId} of the run has no detail`);
  const { bill, pdf } = r.value;
  const base = { billId, accountNo: bill.accountNo, address: bill.email };
  if (!bill.paperless || bill.email === null) return { ...base, status: 'paper', detail: null };
  if (alreadySent) return { ...base, status: 'already_sent', detail: null };
  const record = (status: 'queued' | 'sent' | 'failed', detail: string | null) =>
    inTransaction(db, async (tx) => {
      const d = {
        billId,
        accountId: bill.accountId,
        channel: 'email' as const,
        address: bill.email!,
      };
      await recordDelivery(tx, { ...d, status, detail }, status === 'queued', ctx);
      return ok(undefined);
    });
  await record('queued', ctx.mailer.kind);
  try {
    const detail = await ctx.mailer.send(billMail(bill, pdf, ctx.from));
    await record('sent', detail);
    return { ...base, status: 'sent', detail };
  } catch (e) {
    const detail = (e as Error).message.slice(0, 500);
    await record('failed', detail);
    return { ...base, status: 'failed', detail };
  }
}
