import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { getAccountOverview, type MailingAddress } from '../customers/index.ts';
import { readPayment } from './payment-store.ts';
import type { AppliedLine, Channel, PaymentStatus, TenderDetail } from './types.ts';

/** What a printed or e-mailed receipt shows (the PDF and e-mail come later, PAY receipts). */
export type Receipt = {
  readonly receiptNo: string;
  readonly paymentId: number;
  readonly status: PaymentStatus;
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly mailingAddress: MailingAddress;
  readonly receivedAt: string;
  readonly effectiveDate: LocalDate;
  readonly receivedBy: string;
  readonly channel: Channel;
  /** The tender as a receipt may print it: cash tendered/change, check number, card brand
   * and last four, bank account last four. Never a token or a routing number. */
  readonly tender: ReceiptTender;
  readonly amountCents: Cents;
  readonly feeCents: Cents;
  /** What the customer paid: amount + fee. */
  readonly totalCents: Cents;
  readonly applied: readonly AppliedLine[];
  /** The account's receivable balance now (negative = a credit). */
  readonly balanceAfterCents: Cents;
};

export type ReceiptTender =
  | { readonly kind: 'cash'; readonly tenderedCents: Cents; readonly changeCents: Cents }
  | { readonly kind: 'check'; readonly checkNumber: string; readonly accountLast4: string }
  | {
      readonly kind: 'card';
      readonly brand: string;
      readonly last4: string;
      readonly authorizationId: string;
    }
  | { readonly kind: 'ach'; readonly accountLast4: string };

function receiptTender(t: TenderDetail): ReceiptTender {
  switch (t.kind) {
    case 'cash':
      return t;
    case 'check':
      return { kind: 'check', checkNumber: t.checkNumber, accountLast4: t.accountLast4 };
    case 'card':
      return { kind: 'card', brand: t.brand, last4: t.last4, authorizationId: t.authorizationId };
    case 'ach':
      return { kind: 'ach', accountLast4: t.accountLast4 };
  }
}

/** The receipt data of a payment. Codes: `payment_not_found`. */
export async function getReceipt(
  q: Queryable,
  paymentId: number,
): Promise<Result<Receipt, 'payment_not_found'>> {
  const p = await readPayment(q, paymentId);
  if (!p) return err('payment_not_found', `payment ${paymentId}`);
  const overview = await getAccountOverview(q, p.accountId);
  if (!overview.ok) return err('payment_not_found', `payment ${paymentId}: account missing`);
  const o = overview.value;
  return ok({
    receiptNo: `R-${String(p.paymentId).padStart(8, '0')}`,
    paymentId: p.paymentId,
    status: p.status,
    accountId: p.accountId,
    accountNo: o.account.accountNo,
    customerName: o.customer.displayName,
    mailingAddress: o.mailingAddress,
    receivedAt: p.receivedAt,
    effectiveDate: p.effectiveDate,
    receivedBy: p.receivedByName,
    channel: p.channel,
    tender: receiptTender(p.tender),
    amountCents: p.amountCents,
    feeCents: p.feeCents,
    totalCents: cents(p.amountCents + p.feeCents),
    applied: p.application,
    balanceAfterCents: cents(o.balances.totalCents),
  });
}
