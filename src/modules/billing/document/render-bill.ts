import PDFDocument from 'pdfkit';
import { addDays } from '../../../core/dates.ts';
import type { BillDetail } from '../bill-detail.ts';
import { messages, type Messages } from './messages.ts';
import { longDate, money, periodText, scanLine } from './pdf-format.ts';
import {
  colors,
  drawDetailPages,
  layoutDetailPages,
  pageHeight,
  pageWidth,
} from './render-services.ts';

type Doc = PDFKit.PDFDocument;

const left = 36;
const right = pageWidth - 36;

/** What one bill needs besides its detail: the conservation tip in its language. */
export type BillDocumentInput = { readonly bill: BillDetail; readonly tip: string | null };

/** A fresh letter-size document (PDF metadata dated by `date` so output is reproducible). */
export function newBillDocument(title: string, date: string): Doc {
  return new PDFDocument({
    size: 'LETTER',
    autoFirstPage: false,
    margins: { top: 36, left: 36, right: 36, bottom: 4 },
    info: {
      Title: title,
      Author: 'OpenCIS',
      CreationDate: new Date(`${date}T12:00:00Z`),
      ModDate: new Date(`${date}T12:00:00Z`),
    },
  });
}

/** Collects a finished document's bytes. */
export function documentBytes(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** Draws one bill (summary page with the stub, then the charges pages); returns its pages. */
export function drawBill(doc: Doc, input: BillDocumentInput): number {
  const m = messages(input.bill.language);
  const detailPages = layoutDetailPages(input.bill);
  const pages = 1 + detailPages.length;
  doc.addPage();
  drawSummaryPage(doc, input, m);
  footer(doc, m, 1, pages, input.bill.accountNo);
  detailPages.forEach((page, i) => {
    doc.addPage();
    drawDetailPages(doc, input.bill, m, page);
    footer(doc, m, i + 2, pages, input.bill.accountNo);
  });
  return pages;
}

/** One bill as a PDF file. */
export async function renderBillPdf(input: BillDocumentInput): Promise<Buffer> {
  const m = messages(input.bill.language);
  const doc = newBillDocument(`${m.billTitle} ${input.bill.accountNo}`, input.bill.billDate);
  drawBill(doc, input);
  return documentBytes(doc);
}

function footer(doc: Doc, m: Messages, page: number, pages: number, accountNo: string): void {
  doc
    .font('Helvetica')
    .fontSize(7)
    .fillColor(colors.muted)
    .text(
      `${m.accountNumber} ${accountNo} · ${m.page} ${page} ${m.of} ${pages}`,
      left,
      pageHeight - 22,
      {
        width: right - left,
        align: 'right',
        lineBreak: false,
      },
    );
}

function drawSummaryPage(doc: Doc, input: BillDocumentInput, m: Messages): void {
  const b = input.bill;
  header(doc, m);
  billFacts(doc, b, m);
  addressBlock(doc, b);
  amountDueBox(doc, b, m);
  let y = 232;
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.muted);
  const label = m.serviceAddress.toUpperCase();
  doc.text(label, left, y + 1, { lineBreak: false });
  const ax = left + doc.widthOfString(label) + 10;
  doc.font('Helvetica').fontSize(9.5).fillColor(colors.text);
  doc.text(b.serviceAddresses.join('; ') || '—', ax, y, { width: right - ax });
  y = summary(doc, b, m, 258);
  y = holdRows(doc, b, m, y);
  y = tipBox(doc, input.tip, m, y + 14);
  doc.font('Helvetica').fontSize(7).fillColor(colors.muted);
  doc.text(m.lateFeeNote, left, Math.max(y + 8, 560), { width: right - left });
  stub(doc, b, m);
}

function header(doc: Doc, m: Messages): void {
  doc.roundedRect(left, 36, 38, 38, 6).fill(colors.brand);
  doc.font('Helvetica-Bold').fontSize(24).fillColor('#ffffff');
  doc.text('M', left, 44, { width: 38, align: 'center', lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(14).fillColor(colors.brand);
  doc.text(m.utilityName, left + 48, 38, { lineBreak: false });
  doc.font('Helvetica').fontSize(8).fillColor(colors.muted);
  doc.text(m.utilityTagline, left + 48, 56, { lineBreak: false });
  doc.text(`${m.utilityPhone} · ${m.utilityWeb}`, left + 48, 67, { lineBreak: false });
}

function billFacts(doc: Doc, b: BillDetail, m: Messages): void {
  const x = 356;
  doc.font('Helvetica-Bold').fontSize(13).fillColor(colors.text);
  const title = b.final ? m.finalBillTitle : m.billTitle;
  doc.text(title, x, 36, { width: right - x, align: 'right', lineBreak: false });
  const rows: [string, string][] = [
    [m.accountNumber, b.accountNo],
    [m.billDate, longDate(b.billDate, m, b.language)],
    [m.servicePeriod, periodText(b.periodStart, b.periodEnd, m, b.language)],
    ['', `${b.periodDays} ${m.days}`],
  ];
  let y = 56;
  for (const [label, value] of rows) {
    doc.font('Helvetica').fontSize(8).fillColor(colors.muted);
    doc.text(label, x, y, { lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.text);
    doc.text(value, x + 70, y, { width: right - x - 70, align: 'right', lineBreak: false });
    y += 12;
  }
}

/** The mailing address where a No. 10 window envelope shows it. */
function addressBlock(doc: Doc, b: BillDetail): void {
  const a = b.mailingAddress;
  const lines = [
    b.customerName,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.city} ${a.state} ${a.zip}`,
  ].map((l) => l.toUpperCase());
  doc.font('Helvetica').fontSize(10).fillColor(colors.text);
  lines.forEach((l, i) => doc.text(l, 63, 138 + i * 13, { lineBreak: false }));
}

function amountDueBox(doc: Doc, b: BillDetail, m: Messages): void {
  const x = 372;
  const w = right - x;
  doc.roundedRect(x, 128, w, 84, 4).lineWidth(1.5).strokeColor(colors.brand).stroke();
  doc.rect(x, 128, w, 20).fill(colors.brand);
  doc.font('Helvetica-Bold').fontSize(9).fillColor('#ffffff');
  doc.text(m.amountDue.toUpperCase(), x, 134, { width: w, align: 'center', lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(22).fillColor(colors.text);
  doc.text(money(b.amountDueCents), x, 156, { width: w, align: 'center', lineBreak: false });
  doc.font('Helvetica').fontSize(9).fillColor(colors.text);
  doc.text(`${m.pleasePayBy} ${longDate(b.dueDate, m, b.language)}`, x, 190, {
    width: w,
    align: 'center',
    lineBreak: false,
  });
  if (b.status === 'cancelled') {
    doc.font('Helvetica-Bold').fontSize(9).fillColor(colors.alert);
    doc.text(m.cancelled, left, 214, { lineBreak: false });
  }
}

function summary(doc: Doc, b: BillDetail, m: Messages, top: number): number {
  doc.rect(left, top, right - left, 18).fill(colors.band);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.brand);
  doc.text(m.accountSummary, left + 6, top + 5, { lineBreak: false });
  let y = top + 26;
  const row = (label: string, cents: number, style: 'normal' | 'bold' | 'alert' = 'normal') => {
    doc.font(style === 'normal' ? 'Helvetica' : 'Helvetica-Bold').fontSize(9.5);
    doc.fillColor(style === 'alert' ? colors.alert : colors.text);
    doc.text(label, left + 6, y, { lineBreak: false });
    doc.text(money(cents), right - 120, y, { width: 114, align: 'right', lineBreak: false });
    y += 14;
  };
  const bal = b.balance;
  row(m.previousBalance, bal.previousBalanceCents);
  row(m.paymentsAndCredits, -bal.paymentsAndCreditsCents);
  if (bal.otherChargesCents !== 0) row(m.otherCharges, bal.otherChargesCents);
  row(
    b.pastDueCents > 0 ? `${m.balanceForward} (${m.pastDueNow})` : m.balanceForward,
    bal.balanceForwardCents,
    b.pastDueCents > 0 ? 'alert' : 'bold',
  );
  y += 4;
  doc.font('Helvetica-Bold').fontSize(9.5).fillColor(colors.text);
  doc.text(m.currentCharges, left + 6, y, { lineBreak: false });
  y += 14;
  for (const s of b.services) {
    const label = m.services[s.service] ?? s.service;
    row(`    ${label}`, s.chargesCents);
  }
  row(`    ${m.taxes}`, b.taxesCents);
  const current = b.status === 'issued' ? b.totalCents : 0;
  row(m.totalCurrentCharges, current, 'bold');
  // Budget billing: the part of the balance and charges the plan carries over, so the rows
  // add up to the amount due (the instalment, plus anything owed beyond the deferral).
  if (b.budget !== null && b.status === 'issued') {
    row(m.budgetDeferredNow, b.amountDueCents - bal.balanceForwardCents - current);
  }
  y += 2;
  doc.moveTo(left, y).lineTo(right, y).lineWidth(0.8).strokeColor(colors.rule).stroke();
  y += 6;
  doc.font('Helvetica-Bold').fontSize(11).fillColor(colors.text);
  doc.text(m.totalAmountDue, left + 6, y, { lineBreak: false });
  doc.text(money(b.amountDueCents), right - 160, y, {
    width: 154,
    align: 'right',
    lineBreak: false,
  });
  return budgetRows(doc, b, m, y + 16);
}

/** On budget billing: what the bill asks for (instalment + settlement) and what is deferred. */
function budgetRows(doc: Doc, b: BillDetail, m: Messages, top: number): number {
  const budget = b.budget;
  if (budget === null) return top;
  const parts = [`${m.budgetInstalment} ${money(budget.instalmentCents)}`];
  if (budget.settlementCents !== 0)
    parts.push(`${m.budgetSettlement} ${money(budget.settlementCents)}`);
  let y = top + 2;
  doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.brand);
  doc.text(`${m.budgetAmountDue} (${parts.join(' + ')})`, left + 6, y, { lineBreak: false });
  doc.text(money(budget.amountDueCents), right - 160, y, {
    width: 154,
    align: 'right',
    lineBreak: false,
  });
  y += 14;
  doc.font('Helvetica').fontSize(9).fillColor(colors.text);
  doc.text(m.budgetDeferred, left + 6, y, { lineBreak: false });
  doc.text(money(budget.deferredAfterCents), right - 160, y, {
    width: 154,
    align: 'right',
    lineBreak: false,
  });
  return y + 16;
}

/** Seasonal holds in the period: which services were off and when (no charges then). */
function holdRows(doc: Doc, b: BillDetail, m: Messages, top: number): number {
  let y = top;
  for (const h of b.seasonalHolds) {
    const services = h.services.map((s) => m.services[s] ?? s).join(', ');
    const when = periodText(h.from, addDays(h.through, 1), m, b.language);
    doc.font('Helvetica-Bold').fontSize(9).fillColor(colors.brand);
    doc.text(`${m.seasonalHold}: ${services} ${m.seasonalHoldOff} ${when}.`, left + 6, y, {
      width: right - left - 12,
    });
    doc.font('Helvetica').fontSize(8.5).fillColor(colors.text);
    doc.text(m.seasonalHoldNote, left + 6, doc.y + 1, { width: right - left - 12 });
    y = doc.y + 4;
  }
  return y;
}

function tipBox(doc: Doc, tip: string | null, m: Messages, top: number): number {
  if (tip === null) return top;
  const w = right - left;
  doc.font('Helvetica').fontSize(9);
  const h = doc.heightOfString(tip, { width: w - 24 }) + 28;
  doc.roundedRect(left, top, w, h, 4).fill(colors.tipFill);
  doc.font('Helvetica-Bold').fontSize(9).fillColor(colors.tipText);
  doc.text(m.tipTitle, left + 12, top + 8, { lineBreak: false });
  doc.font('Helvetica').fontSize(9).fillColor(colors.text);
  doc.text(tip, left + 12, top + 21, { width: w - 24 });
  return top + h;
}

/** The remittance stub below a dashed cut line. */
function stub(doc: Doc, b: BillDetail, m: Messages): void {
  const top = 600;
  doc.moveTo(left, top).lineTo(right, top).dash(4, { space: 3 }).lineWidth(0.7);
  doc.strokeColor(colors.muted).stroke().undash();
  doc.font('Helvetica').fontSize(7).fillColor(colors.muted);
  doc.text(m.stubTitle, left, top + 4, { lineBreak: false });
  doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.brand);
  doc.text(m.utilityName, left, top + 22, { lineBreak: false });
  const x = 330;
  const rows: [string, string][] = [
    [m.accountNumber, b.accountNo],
    [m.customer, b.customerName],
    [m.dueDate, longDate(b.dueDate, m, b.language)],
    [m.amountDue, money(b.amountDueCents)],
  ];
  rows.forEach(([label, value], i) => {
    const y = top + 22 + i * 15;
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(colors.muted)
      .text(label, x, y, { lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(9.5).fillColor(colors.text);
    doc.text(value, x + 90, y - 1, { width: right - x - 90, align: 'right', lineBreak: false });
  });
  const ey = top + 86;
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(colors.muted)
    .text(m.amountEnclosed, x, ey + 6, { lineBreak: false });
  doc
    .rect(x + 110, ey, right - x - 110, 20)
    .lineWidth(0.8)
    .strokeColor(colors.text)
    .stroke();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(colors.text)
    .text('$', x + 114, ey + 5, { lineBreak: false });
  doc.font('Helvetica').fontSize(10).fillColor(colors.text);
  m.remitTo.forEach((l, i) =>
    doc.text(l.toUpperCase(), 63, top + 60 + i * 13, { lineBreak: false }),
  );
  doc.font('Helvetica').fontSize(7).fillColor(colors.muted);
  doc.text(m.payableTo, left, top + 40, { lineBreak: false });
  doc.font('Courier').fontSize(10).fillColor(colors.text);
  doc.text(scanLine(b.accountNo, b.amountDueCents), left, top + 128, {
    width: right - left,
    align: 'right',
    lineBreak: false,
  });
}
