import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';

/** What the customer pays for: a utility account, or a city receivable item. */
export type WindowLine =
  | { readonly kind: 'utility'; readonly accountId: number; readonly amountCents: Cents }
  | {
      readonly kind: 'city';
      readonly itemCode: string;
      readonly quantity: number;
      /** Required for an item without a fixed price; else price × quantity. */
      readonly amountCents?: Cents;
      readonly reference?: string;
    };

/** How the customer pays. Cash pays what the other tenders leave (change from tendered). */
export type WindowTender =
  | { readonly kind: 'cash'; readonly tenderedCents: Cents }
  | {
      readonly kind: 'check';
      readonly amountCents: Cents;
      readonly checkNumber: string;
      readonly routingNumber: string;
      readonly accountLast4: string;
    }
  | { readonly kind: 'card'; readonly amountCents: Cents; readonly token: string };

export type WindowTransactionInput = {
  readonly drawerId: number;
  readonly effectiveDate: LocalDate;
  readonly idempotencyKey: string;
  readonly lines: readonly WindowLine[];
  readonly tenders: readonly WindowTender[];
};

export type WindowTransactionView = {
  readonly transactionId: number;
  readonly receiptNo: string;
  readonly drawerId: number;
  readonly totalCents: Cents;
  readonly tenderedCents: Cents;
  readonly changeCents: Cents;
  readonly paymentIds: readonly number[];
  readonly saleEntryId: number | null;
  readonly replayed: boolean;
};
