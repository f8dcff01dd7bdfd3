import type { RegisterReadsForBill } from '../../metering/index.ts';
import type { BillDetail, BillServiceView } from '../bill-detail.ts';
import { lineDescription, type Messages } from './messages.ts';
import { longDate, monthLabel, money, quantity } from './pdf-format.ts';

type Doc = PDFKit.PDFDocument;

export const pageWidth = 612;
export const pageHeight = 792;
const left = 36;
const right = pageWidth - 36;
const top = 36;
const bottom = pageHeight - 40;

export const colors = {
  brand: '#0b4f8a',
  text: '#1a1a1a',
  muted: '#5f6770',
  rule: '#9aa3ad',
  band: '#e8eff6',
  bar: '#b8c4cf',
  barCurrent: '#0b4f8a',
  barLastYear: '#5f6770',
  alert: '#b3261e',
  tipFill: '#e6f2e8',
  tipText: '#1e6b34',
};

const lineHeight = 13;
const chartHeight = 118;
const readRowHeight = 12;

/**
 * A service's read rows: the replaced meters' (exchanged in the period) first, then its own
 * — left out when it had no read yet (an old bill shown after a later exchange).
 */
function readRows(s: BillServiceView): readonly RegisterReadsForBill[] {
  const own = s.reads;
  const unread = own !== null && own.previous === null && own.current === null;
  const shown = own === null || (unread && s.replacedMeterReads.length > 0) ? [] : [own];
  return [...s.replacedMeterReads, ...shown];
}

/** Height of the read rows (must match `drawReads`): labels, one row a meter, a total. */
function readsHeight(s: BillServiceView): number {
  const n = readRows(s).length;
  return n === 0 ? 0 : 30 + (n - 1) * readRowHeight + (n > 1 ? readRowHeight : 0);
}

/** Height one service block takes on a charges page (must match `drawService`). */
function serviceHeight(s: BillServiceView): number {
  return (
    24 + // title bar
    readsHeight(s) +
    16 + // table header
    s.lines.length * lineHeight +
    20 + // subtotal
    (s.usageHistory ? chartHeight : 0) +
    12 // gap
  );
}

/**
 * Services per charges page, first fit: each block goes on the first page with room for it
 * (a block is never split), so a small block after a tall one does not cost a sheet — the
 * print vendor charges by the page. Within a page blocks keep the bill's order.
 */
export function layoutDetailPages(bill: BillDetail): BillServiceView[][] {
  const room = bottom - (top + 40);
  const pages: { left: number; services: BillServiceView[] }[] = [];
  for (const s of bill.services) {
    const h = serviceHeight(s);
    const page = pages.find((p) => p.left >= h);
    if (page) {
      page.services.push(s);
      page.left -= h;
    } else pages.push({ left: room - h, services: [s] });
  }
  return pages.length === 0 ? [[]] : pages.map((p) => p.services);
}

/** One charges page: a small header and its service blocks. */
export function drawDetailPages(
  doc: Doc,
  bill: BillDetail,
  m: Messages,
  services: readonly BillServiceView[],
): void {
  doc.font('Helvetica-Bold').fontSize(12).fillColor(colors.brand);
  doc.text(m.chargesDetail, left, top, { lineBreak: false });
  doc.font('Helvetica').fontSize(8.5).fillColor(colors.muted);
  doc.text(`${bill.customerName} · ${m.accountNumber} ${bill.accountNo}`, left, top + 2, {
    width: right - left,
    align: 'right',
    lineBreak: false,
  });
  doc
    .moveTo(left, top + 20)
    .lineTo(right, top + 20)
    .lineWidth(1)
    .strokeColor(colors.brand)
    .stroke();
  let y = top + 40;
  for (const s of services) y = drawService(doc, bill, m, s, y);
}

function drawService(doc: Doc, bill: BillDetail, m: Messages, s: BillServiceView, y0: number) {
  let y = y0;
  doc.rect(left, y, right - left, 18).fill(colors.band);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(colors.brand);
  doc.text(m.services[s.service] ?? s.service, left + 6, y + 5, { lineBreak: false });
  doc.font('Helvetica').fontSize(8).fillColor(colors.muted);
  const where = [s.serviceAddress, s.rateSchedule].filter((x) => x !== null).join(' · ');
  doc.text(where, left + 150, y + 6, {
    width: right - left - 156,
    align: 'right',
    lineBreak: false,
  });
  y += 24;
  if (s.lastDay !== null) {
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.text);
    doc.text(`${m.lastDayOfService} ${longDate(s.lastDay, m, bill.language)}`, left + 6, y, {
      lineBreak: false,
    });
    y += 14;
  }
  if (readRows(s).length > 0) y = drawReads(doc, bill, m, s, y);
  y = drawLines(doc, bill, m, s, y);
  if (s.usageHistory) y = drawChart(doc, bill, m, s, y);
  return y + 12;
}

const readColumns = { meter: 0, previous: 110, current: 270, usage: 430 } as const;

/**
 * One row a meter: a meter exchanged in the period shows the old meter (removed: its
 * previous → final read) above the new one, and the usages' total, which is what was billed.
 */
function drawReads(doc: Doc, bill: BillDetail, m: Messages, s: BillServiceView, y0: number) {
  const rows = readRows(s);
  const x = (column: keyof typeof readColumns) => left + 6 + readColumns[column];
  doc.font('Helvetica').fontSize(7.5).fillColor(colors.muted);
  doc.text(m.meter, x('meter'), y0, { lineBreak: false });
  doc.text(m.previousRead, x('previous'), y0, { lineBreak: false });
  doc.text(m.currentRead, x('current'), y0, { lineBreak: false });
  doc.text(m.usage, x('usage'), y0, { lineBreak: false });
  const read = (r: RegisterReadsForBill['previous']) =>
    r === null
      ? '—'
      : `${quantity(r.value)} (${longDate(r.readDate, m, bill.language)}${r.estimated ? `, ${m.estimated}` : ''})`;
  const usage = (n: number) => `${quantity(n)} ${m.units[rows[0]!.register] ?? rows[0]!.register}`;
  let y = y0 + 10;
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.text);
  for (const r of rows) {
    const meter = r === s.reads ? r.meterNumber : `${r.meterNumber} (${m.removedMeter})`;
    doc.text(meter, x('meter'), y, {
      width: readColumns.previous - 6,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(read(r.previous), x('previous'), y, { lineBreak: false });
    doc.text(read(r.current), x('current'), y, { lineBreak: false });
    doc.text(usage(r.usage), x('usage'), y, { lineBreak: false });
    y += readRowHeight;
  }
  if (rows.length > 1) {
    doc.font('Helvetica').fontSize(7.5).fillColor(colors.muted);
    doc.text(m.totalUsage, x('current'), y + 1, {
      width: readColumns.usage - readColumns.current - 8,
      align: 'right',
      lineBreak: false,
    });
    const total = rows.reduce((n, r) => n + r.usage, 0);
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.text);
    doc.text(usage(total), x('usage'), y, { lineBreak: false });
    y += readRowHeight;
  }
  return y + 8;
}

function drawLines(doc: Doc, bill: BillDetail, m: Messages, s: BillServiceView, y0: number) {
  let y = y0;
  const qx = 360;
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(colors.muted);
  doc.text(m.description, left + 6, y, { lineBreak: false });
  doc.text(m.quantity, qx, y, { width: 100, align: 'right', lineBreak: false });
  doc.text(m.amount, right - 86, y, { width: 80, align: 'right', lineBreak: false });
  y += 16;
  for (const l of s.lines) {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .fillColor(l.isTax ? colors.muted : colors.text);
    doc.text(lineDescription(l.description, bill.language), left + 6, y, {
      width: qx - left - 20,
      lineBreak: false,
      ellipsis: true,
    });
    if (!l.isTax && l.unit !== 'month') {
      doc.text(`${quantity(l.quantity)} ${m.units[l.unit] ?? l.unit}`, qx, y, {
        width: 100,
        align: 'right',
        lineBreak: false,
      });
    }
    doc.text(money(l.amountCents), right - 86, y, { width: 80, align: 'right', lineBreak: false });
    y += lineHeight;
  }
  doc
    .moveTo(right - 120, y + 2)
    .lineTo(right, y + 2)
    .lineWidth(0.5)
    .strokeColor(colors.rule)
    .stroke();
  doc.font('Helvetica-Bold').fontSize(9).fillColor(colors.text);
  doc.text(m.subtotal, right - 250, y + 6, { width: 150, align: 'right', lineBreak: false });
  doc.text(money(s.subtotalCents), right - 86, y + 6, {
    width: 80,
    align: 'right',
    lineBreak: false,
  });
  return y + 20;
}

/** 13 bars, the bill's month highlighted, the same month last year darker; daily averages. */
function drawChart(doc: Doc, bill: BillDetail, m: Messages, s: BillServiceView, y0: number) {
  const h = s.usageHistory!;
  const unit = m.units[s.reads?.register ?? ''] ?? '';
  const chartLeft = left + 6;
  const barsTop = y0 + 16;
  const barsHeight = 64;
  const slot = 24;
  doc.font('Helvetica-Bold').fontSize(8).fillColor(colors.muted);
  doc.text(`${m.usageHistory} (${unit})`, chartLeft, y0, { lineBreak: false });
  const max = Math.max(1, ...h.months.map((x) => x.usage));
  h.months.forEach((x, i) => {
    const bh = x.usage === 0 ? 0 : Math.max(1.5, (x.usage / max) * barsHeight);
    const fill =
      i === h.months.length - 1 ? colors.barCurrent : i === 0 ? colors.barLastYear : colors.bar;
    const bx = chartLeft + i * slot;
    if (bh > 0) doc.rect(bx + 4, barsTop + barsHeight - bh, slot - 8, bh).fill(fill);
    doc.font('Helvetica').fontSize(6.5).fillColor(colors.muted);
    doc.text(monthLabel(x.month, m), bx, barsTop + barsHeight + 3, {
      width: slot,
      align: 'center',
      lineBreak: false,
    });
  });
  const axisY = barsTop + barsHeight + 0.5;
  doc.moveTo(chartLeft, axisY).lineTo(chartLeft + slot * h.months.length, axisY);
  doc.lineWidth(0.6).strokeColor(colors.rule).stroke();
  doc.font('Helvetica').fontSize(6.5).fillColor(colors.muted);
  doc.text(quantity(max), chartLeft + slot * h.months.length + 4, barsTop - 3, {
    lineBreak: false,
  });
  const tx = 380;
  doc.font('Helvetica-Bold').fontSize(8.5).fillColor(colors.text);
  doc.text(`${m.dailyAverage} (${unit})`, tx, barsTop, { lineBreak: false });
  const rows: [string, string, string][] = [
    [m.thisPeriod, quantity(h.dailyAverage), colors.barCurrent],
    [
      m.lastYear,
      h.dailyAverageLastYear === null ? m.noHistory : quantity(h.dailyAverageLastYear),
      colors.barLastYear,
    ],
  ];
  rows.forEach(([label, value, c], i) => {
    const ry = barsTop + 16 + i * 14;
    doc.rect(tx, ry + 1, 8, 8).fill(c);
    doc.font('Helvetica').fontSize(8.5).fillColor(colors.text);
    doc.text(label, tx + 13, ry, { lineBreak: false });
    doc
      .font('Helvetica-Bold')
      .text(value, right - 70, ry, { width: 64, align: 'right', lineBreak: false });
  });
  return y0 + chartHeight - 12;
}
