/**
 * The `payments` module's public surface (issue 5, PAY-1): taking a payment by any tender
 * and channel, idempotently; application rules as data; one balanced entry per payment;
 * reversal; receipts; the card gateway interface and its sandbox. See README.md.
 */
export {
  buckets,
  channels,
  tenders,
  type AppliedLine,
  type Bucket,
  type Channel,
  type PaymentContext,
  type PaymentStatus,
  type PaymentView,
  type PostPaymentInput,
  type Tender,
  type TenderDetail,
  type TenderInput,
} from './types.ts';
export { postPayment, type PostPaymentCode } from './post-payment.ts';
export {
  reversePayment,
  type ReversePaymentCode,
  type ReversePaymentInput,
} from './reverse-payment.ts';
export {
  applyPayment,
  openItemsOf,
  type Application,
  type ApplicationRules,
  type BillDue,
  type OpenItem,
} from './application.ts';
export { openItemsFor } from './open-items.ts';
export { applicationRulesAsOf, feeFor, tenderFeeAsOf } from './policy.ts';
export { paymentEntry, takenAtDrawer } from './payment-entry.ts';
export { isValidRoutingNumber } from './tender.ts';
export { getPayment, listPayments } from './read-payments.ts';
export { getReceipt, type Receipt, type ReceiptTender } from './receipt.ts';
export type { CardAuthorization, CardGateway, GatewayOutcome } from './gateway/card-gateway.ts';
export { defaultGateway, sandboxGateway } from './gateway/sandbox-gateway.ts';
export { paymentRoutes } from './payments.routes.ts';
