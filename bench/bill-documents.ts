import { performance } from 'node:perf_hooks';
import type { Database, Engine } from '../src/db/index.ts';
import { billPdf, getBillDetail } from '../src/modules/billing/index.ts';

export type BillDocumentsMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

/**
 * Bill documents (BIL-7) over bills already in `db` (run after the bill-run suite): for up to
 * `bills` issued bills, the bill detail (getBillDetail: ~15 queries across customers,
 * metering and ledger) and the whole PDF (detail + tip + pdfkit render), one at a time — the
 * print file and the e-mail pass do exactly this per bill. Reported: ms per bill (p50, p99),
 * the implied bills/s of a print file, and the mean PDF size. No targets asserted.
 */
export async function benchBillDocuments(
  db: Database,
  engine: Engine,
  options: { readonly bills: number },
): Promise<BillDocumentsMetric[]> {
  const ids = (
    await db.pool.query<{ id: number }>(
      `SELECT id FROM bill WHERE status = 'issued' ORDER BY id LIMIT $1`,
      [options.bills],
    )
  ).rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const m = (name: string, value: number, unit: string) => ({ name, value, unit, engine });
  const detail: number[] = [];
  const pdf: number[] = [];
  let bytes = 0;
  for (const id of ids) {
    let t0 = performance.now();
    await getBillDetail(db.pool, id);
    detail.push(performance.now() - t0);
    t0 = performance.now();
    const r = await billPdf(db.pool, id);
    pdf.push(performance.now() - t0);
    if (r.ok) bytes += r.value.pdf.length;
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
  };
  const mean = pdf.reduce((s, x) => s + x, 0) / pdf.length;
  return [
    m('bill_detail_p50', pct(detail, 50), 'ms'),
    m('bill_detail_p99', pct(detail, 99), 'ms'),
    m('bill_pdf_p50', pct(pdf, 50), 'ms'),
    m('bill_pdf_p99', pct(pdf, 99), 'ms'),
    m('bill_pdf_rate', Math.round(1000 / mean), 'bills/s'),
    m('bill_pdf_size_mean', Math.round(bytes / ids.length), 'bytes'),
    m('bill_documents_sampled', ids.length, 'bills'),
  ];
}
