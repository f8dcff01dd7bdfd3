import { centsToDecimal } from '../../../core/money.ts';
import type { Queryable } from '../../../db/index.ts';
import { getBillDetail, type BillDetail } from '../bill-detail.ts';
import { tipForBill } from './choose-tip.ts';
import { documentBytes, drawBill, newBillDocument } from './render-bill.ts';

/** One bill of a print file: where it is in the PDF and where it goes. */
export type PrintIndexRow = {
  readonly sequence: number;
  readonly billId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly zip: string;
  readonly firstPage: number;
  readonly lastPage: number;
  readonly totalCents: number;
  readonly amountDueCents: number;
};

export type PrintFile = {
  readonly runId: number;
  readonly pdf: Buffer;
  readonly index: readonly PrintIndexRow[];
  readonly indexCsv: string;
  readonly pages: number;
};

/**
 * Paper bills: accounts not on paperless, and paperless accounts without any e-mail address
 * (they would otherwise get no bill at all).
 */
export function isPaperBill(bill: BillDetail): boolean {
  return !bill.paperless || bill.email === null;
}

/** Mail order: 5-digit zip, then the full zip, then the account number. */
export function mailOrder(a: BillDetail, b: BillDetail): number {
  const za = a.mailingAddress.zip;
  const zb = b.mailingAddress.zip;
  return (
    za.slice(0, 5).localeCompare(zb.slice(0, 5)) ||
    za.localeCompare(zb) ||
    a.accountNo.localeCompare(b.accountNo)
  );
}

/** The issued bills of a run (ids), or null when the run does not exist. */
export async function runBillIds(q: Queryable, runId: number): Promise<number[] | null> {
  const run = await q.query(`SELECT 1 FROM bill_run WHERE id = $1`, [runId]);
  if (run.rows.length === 0) return null;
  const r = await q.query<{ id: number }>(
    `SELECT id FROM bill WHERE run_id = $1 AND status = 'issued' ORDER BY id`,
    [runId],
  );
  return r.rows.map((row) => row.id);
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function printIndexCsv(rows: readonly PrintIndexRow[]): string {
  const head =
    'sequence,bill_id,account_no,name,zip,first_page,last_page,pages,bill_total,amount_due';
  const lines = rows.map((r) =>
    [
      r.sequence,
      r.billId,
      r.accountNo,
      r.customerName,
      r.zip,
      r.firstPage,
      r.lastPage,
      r.lastPage - r.firstPage + 1,
      centsToDecimal(r.totalCents),
      centsToDecimal(r.amountDueCents),
    ]
      .map(csvField)
      .join(','),
  );
  return [head, ...lines].join('\r\n') + '\r\n';
}

/**
 * The print file of a run for a print vendor: ONE PDF of the run's paper bills in mail order
 * (each bill starts on a new page and knows its page count) and an index CSV (sequence,
 * account, page range, zip, totals). Reads only; `null` when the run does not exist.
 */
export async function printFile(q: Queryable, runId: number): Promise<PrintFile | null> {
  const ids = await runBillIds(q, runId);
  if (ids === null) return null;
  const bills: BillDetail[] = [];
  for (const id of ids) {
    const d = await getBillDetail(q, id);
    if (d.ok && isPaperBill(d.value)) bills.push(d.value);
  }
  bills.sort(mailOrder);
  const doc = newBillDocument(`Print file, bill run ${runId}`, bills[0]?.billDate ?? '2000-01-01');
  const index: PrintIndexRow[] = [];
  let page = 1;
  for (const bill of bills) {
    const pages = drawBill(doc, { bill, tip: await tipForBill(q, bill) });
    index.push({
      sequence: index.length + 1,
      billId: bill.billId,
      accountId: bill.accountId,
      accountNo: bill.accountNo,
      customerName: bill.customerName,
      zip: bill.mailingAddress.zip,
      firstPage: page,
      lastPage: page + pages - 1,
      totalCents: bill.totalCents,
      amountDueCents: bill.amountDueCents,
    });
    page += pages;
  }
  if (bills.length === 0) {
    doc.addPage();
    doc.font('Helvetica').fontSize(12).text(`Bill run ${runId}: no paper bills.`, 72, 72);
  }
  return {
    runId,
    pdf: await documentBytes(doc),
    index,
    indexCsv: printIndexCsv(index),
    pages: page - 1,
  };
}
