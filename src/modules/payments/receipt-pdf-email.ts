import type { Mailer } from '../billing/index.ts';
import { formatCents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { PrintableReceipt } from './receipt-pdf-data.ts';
import { receiptPdf } from './receipt-pdf-render.ts';

/** The plain-text body of an e-mailed receipt (the PDF is attached). */
export function receiptMailText(r: PrintableReceipt): string {
  const lines = r.lines.map((l) => `  ${l.description}: ${formatCents(l.amountCents)}`);
  const tenders = r.tenders.map((t) => `  ${t.description}: ${formatCents(t.amountCents)}`);
  return [
    `Thank you for your payment. Receipt ${r.receiptNo}, ${r.effectiveDate}.`,
    '',
    ...lines,
    `Total: ${formatCents(r.totalCents)}`,
    '',
    'Paid by:',
    ...tenders,
    ...(r.changeCents > 0 ? [`Change: ${formatCents(r.changeCents)}`] : []),
    '',
    'City of Mesa — Business Office. The receipt is attached as a PDF.',
  ].join('\n');
}

/**
 * E-mails a receipt (PDF attached) through the billing module's mailer (SMTP, or the outbox
 * folder without SMTP). Codes: `invalid` (no address). Resolves with the mailer's detail.
 */
export async function emailReceipt(
  receipt: PrintableReceipt,
  to: string,
  mailer: Mailer,
  from = 'business-office@mesa.example',
): Promise<Result<string, 'invalid'>> {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to))
    return err('invalid', 'an e-mail address is required', { to: 'not an e-mail address' });
  const detail = await mailer.send({
    to,
    from,
    subject: `Your payment receipt ${receipt.receiptNo}`,
    text: receiptMailText(receipt),
    attachment: {
      fileName: `receipt-${receipt.receiptNo}.pdf`,
      content: await receiptPdf(receipt),
    },
  });
  return ok(detail);
}
