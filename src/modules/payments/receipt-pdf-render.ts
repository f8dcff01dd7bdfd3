import PDFDocument from 'pdfkit';
import { cents, formatCents } from '../../core/money.ts';
import type { PrintableReceipt } from './receipt-pdf-data.ts';

type Doc = PDFKit.PDFDocument;

/** The bill documents' palette (billing/document/render-services.ts). */
const brand = '#0b4f8a';
const muted = '#5f6770';
const rule = '#9aa3ad';
const left = 36;
const right = 612 - 36;

/** A letter-size document dated by `date` (reproducible bytes), with the city header. */
export function newPaymentDocument(title: string, date: string): Doc {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: 36, left, right: 36, bottom: 36 },
    info: {
      Title: title,
      Author: 'OpenCIS',
      CreationDate: new Date(`${date.slice(0, 10)}T12:00:00Z`),
      ModDate: new Date(`${date.slice(0, 10)}T12:00:00Z`),
    },
  });
  doc.font('Helvetica-Bold').fontSize(16).fillColor(brand).text('City of Mesa — Business Office');
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#1a1a1a').text(title);
  doc.moveDown(0.5);
  return doc;
}

/** A row: text on the left, an amount right-aligned. */
export function amountRow(doc: Doc, text: string, amount: number, bold = false): void {
  const y = doc.y;
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(10)
    .fillColor('#1a1a1a');
  doc.text(text, left, y, { width: right - left - 110 });
  const after = doc.y;
  doc.text(formatCents(cents(amount)), right - 110, y, { width: 110, align: 'right' });
  doc.y = Math.max(after, doc.y);
}

export function ruleLine(doc: Doc): void {
  doc.moveDown(0.3);
  doc.moveTo(left, doc.y).lineTo(right, doc.y).strokeColor(rule).lineWidth(0.5).stroke();
  doc.moveDown(0.3);
}

export function mutedText(doc: Doc, text: string): void {
  doc.font('Helvetica').fontSize(9).fillColor(muted).text(text, left, doc.y);
}

/** Collects a finished document's bytes. */
export function pdfBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** The printable receipt: lines, total, tenders, tendered and change. */
export function receiptPdf(r: PrintableReceipt): Promise<Buffer> {
  const doc = newPaymentDocument(`Receipt ${r.receiptNo}${r.voided ? ' — VOID' : ''}`, r.takenAt);
  if (r.voided) {
    doc.font('Helvetica-Bold').fontSize(22).fillColor('#b00020').text('VOID', left, doc.y);
    mutedText(
      doc,
      `Voided ${r.voided.at.replace('T', ' ').replace('Z', ' UTC')} by ${r.voided.by}: ${r.voided.reason}`,
    );
  }
  mutedText(
    doc,
    `Taken ${r.takenAt.replace('T', ' ').replace('Z', ' UTC')} by ${r.takenBy}` +
      (r.drawerId === null ? '' : ` at drawer ${r.drawerId}`) +
      ` · business date ${r.effectiveDate}`,
  );
  ruleLine(doc);
  for (const l of r.lines) {
    amountRow(doc, l.description, l.amountCents);
    if (l.detail) mutedText(doc, l.detail);
  }
  ruleLine(doc);
  amountRow(doc, 'Total', r.totalCents, true);
  ruleLine(doc);
  for (const t of r.tenders) amountRow(doc, t.description, t.amountCents);
  if (r.tenderedCents !== null && r.changeCents >= 0) {
    amountRow(doc, 'Cash tendered', r.tenderedCents);
    amountRow(doc, 'Change', r.changeCents, true);
  }
  doc.moveDown();
  mutedText(doc, 'Thank you. Keep this receipt for your records.');
  return pdfBytes(doc);
}
