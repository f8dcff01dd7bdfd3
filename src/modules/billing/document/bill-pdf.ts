import { ok, type Result } from '../../../core/result.ts';
import type { Queryable } from '../../../db/index.ts';
import { getBillDetail, type BillDetail } from '../bill-detail.ts';
import { tipForBill } from './choose-tip.ts';
import { renderBillPdf } from './render-bill.ts';

/** A bill's PDF in the account's language, with its detail (for the file name, e-mail). */
export async function billPdf(
  q: Queryable,
  billId: number,
): Promise<Result<{ readonly bill: BillDetail; readonly pdf: Buffer }, 'not_found'>> {
  const detail = await getBillDetail(q, billId);
  if (!detail.ok) return detail;
  const bill = detail.value;
  const pdf = await renderBillPdf({ bill, tip: await tipForBill(q, bill) });
  return ok({ bill, pdf });
}

/** `bill-551234-125678-2026-01-31.pdf`. */
export function billFileName(bill: BillDetail): string {
  return `bill-${bill.accountNo.replace(/[^0-9A-Za-z-]/g, '')}-${bill.periodEnd}.pdf`;
}
