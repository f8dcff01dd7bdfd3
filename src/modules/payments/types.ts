import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import type { Actor } from '../audit/index.ts';
import type { Fund } from '../ledger/index.ts';
import type { CardGateway } from './gateway/card-gateway.ts';

export const tenders = ['cash', 'check', 'card', 'ach'] as const;
export type Tender = (typeof tenders)[number];

export const channels = ['window', 'mail', 'lockbox', 'phone', 'web', 'autopay'] as const;
export type Channel = (typeof channels)[number];

/** How the customer paid. Only what a receipt and a return need; never a card number. */
export type TenderInput =
  | { readonly kind: 'cash'; readonly tenderedCents?: Cents }
  | {
      readonly kind: 'check';
      readonly checkNumber: string;
      readonly routingNumber: string;
      readonly accountLast4: string;
    }
  | { readonly kind: 'card'; readonly token: string }
  | { readonly kind: 'ach'; readonly routingNumber: string; readonly accountLast4: string };

/** The tender as stored on the payment (tender_detail). */
export type TenderDetail =
  | { readonly kind: 'cash'; readonly tenderedCents: Cents; readonly changeCents: Cents }
  | {
      readonly kind: 'check';
      readonly checkNumber: string;
      readonly routingNumber: string;
      readonly accountLast4: string;
    }
  | {
      readonly kind: 'card';
      readonly token: string;
      readonly brand: string;
      readonly last4: string;
      readonly authorizationId: string;
    }
  | { readonly kind: 'ach'; readonly routingNumber: string; readonly accountLast4: string };

export type PostPaymentInput = {
  readonly accountId: number;
  /** Applied to the account; a card fee comes on top. */
  readonly amountCents: Cents;
  readonly tender: TenderInput;
  readonly channel: Channel;
  /** The cash drawer that takes the money (optional until PAY-2). */
  readonly drawerId?: number;
  readonly effectiveDate: LocalDate;
  /** Required: the same key twice returns the first payment. */
  readonly idempotencyKey: string;
};

export type PaymentContext = {
  readonly actor: Actor;
  readonly now: Date;
  /** The card processor; the sandbox when not given. */
  readonly gateway?: CardGateway;
};

export const buckets = ['deposit', 'arrangement', 'past_due', 'current'] as const;
export type Bucket = (typeof buckets)[number];

/** One part of a payment: what it paid, in which fund, to which GL account. */
export type AppliedLine = {
  readonly bucket: Bucket | 'overpayment';
  readonly fund: Fund;
  readonly glAccount: string;
  readonly amountCents: Cents;
  readonly dueDate: LocalDate | null;
};

export type PaymentStatus = 'posted' | 'reversed';

export type PaymentView = {
  readonly paymentId: number;
  readonly accountId: number;
  readonly amountCents: Cents;
  readonly feeCents: Cents;
  readonly tender: TenderDetail;
  readonly channel: Channel;
  readonly drawerId: number | null;
  readonly effectiveDate: LocalDate;
  readonly status: PaymentStatus;
  readonly application: readonly AppliedLine[];
  readonly journalEntryId: number | null;
  readonly reversalEntryId: number | null;
  readonly receivedByName: string;
  readonly receivedAt: string;
  readonly reversedAt: string | null;
  readonly reverseReason: string | null;
  /** True when an earlier request with the same idempotency key is being returned. */
  readonly replayed: boolean;
};
