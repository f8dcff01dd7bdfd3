import { funds } from '../ledger/index.ts';
import type { DepositView } from './deposit-by-fund.ts';
import {
  amountRow,
  mutedText,
  newPaymentDocument,
  pdfBytes,
  ruleLine,
} from './receipt-pdf-render.ts';

const fundNames: Readonly<Record<string, string>> = {
  electric: 'Electric Utility Fund',
  gas: 'Gas Utility Fund',
  water: 'Water Utility Fund',
  wastewater: 'Wastewater Utility Fund',
  solid_waste: 'Solid Waste Fund',
  general: 'General Fund',
};

/** The bank deposit slip (PAY-4): amounts by fund, tender counts, the checks listed. */
export function depositSlipPdf(d: DepositView): Promise<Buffer> {
  const doc = newPaymentDocument(`Deposit slip — deposit ${d.depositId}`, d.createdAt);
  mutedText(
    doc,
    `Business date ${d.businessDate} · drawers ${d.drawerIds.join(', ')} · prepared by ${d.createdBy}`,
  );
  ruleLine(doc);
  doc.font('Helvetica-Bold').fontSize(11).text('By fund (bank account)');
  for (const f of funds) {
    const amount = d.byFund[f];
    if (amount !== undefined) amountRow(doc, `${fundNames[f] ?? f} — cash.bank:${f}`, amount);
  }
  amountRow(doc, 'Deposit total', d.totalCents, true);
  ruleLine(doc);
  doc.font('Helvetica-Bold').fontSize(11).text('By tender');
  const t = d.byTender;
  amountRow(doc, `Currency and coin (${t.cash.count} receipts)`, t.cash.cents);
  amountRow(doc, `Checks (${t.check.count})`, t.check.cents);
  amountRow(doc, `Card settlement (${t.card.count} transactions)`, t.card.cents);
  if (d.checks.length > 0) {
    ruleLine(doc);
    doc.font('Helvetica-Bold').fontSize(11).text('Checks on utility accounts');
    for (const c of d.checks)
      amountRow(doc, `Check no. ${c.checkNumber} (…${c.accountLast4})`, c.amountCents);
  }
  return pdfBytes(doc);
}
