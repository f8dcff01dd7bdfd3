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
  createPaymentBatcher,
  paymentBatcher,
  postOnePayment,
  takePayment,
  type BatcherStats,
  type PaymentBatcher,
} from './payment-batcher.ts';
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
// Remittance (PAY-5): lockbox, BAI2 and CSV payment files; the unapplied-cash queue.
export {
  remittanceFormats,
  type ParsedRemittance,
  type RemittanceFormat,
  type RemittanceItem,
} from './remittance-types.ts';
export { parseRemittance } from './remittance-parse.ts';
export { lockboxLayouts, defaultLockboxLayout, type LockboxLayout } from './lockbox-layouts.ts';
export { remittanceCsvColumns } from './remittance-csv-parse.ts';
export {
  importRemittance,
  type ImportRemittanceCode,
  type ImportRemittanceInput,
  type ItemOutcome,
  type RemittanceImport,
} from './remittance-import.ts';
export {
  applyUnappliedCash,
  listUnappliedCash,
  refundUnappliedCash,
  type ApplyUnappliedCode,
  type UnappliedCashView,
  type UnappliedNote,
} from './unapplied-cash.ts';
export { addUnappliedNote } from './unapplied-notes.ts';
// Cash drawers, window transactions, city receivables, deposits, reconciliation (PAY-2 … PAY-4).
export { denominations, countTotal, type DenominationCount } from './drawer-count.ts';
export {
  drawerStatuses,
  drawerTenders,
  type DrawerReceipts,
  type DrawerStatus,
  type DrawerTender,
  type DrawerView,
  type DrawerViewer,
  type TenderTotals,
} from './drawer-types.ts';
export {
  closeDrawer,
  dropCash,
  getDrawer,
  listDrawers,
  openDrawer,
  ownOpenDrawer,
  verifyDrawer,
  type CloseDrawerInput,
  type DrawerCode,
  type DrawerContext,
} from './drawer.ts';
export {
  receiptNoOf,
  takeWindowTransaction,
  type WindowTransactionCode,
} from './drawer-transaction.ts';
export type {
  WindowLine,
  WindowTender,
  WindowTransactionInput,
  WindowTransactionView,
} from './drawer-transaction-types.ts';
export { listCityReceivables, type CityReceivableItem } from './city-receivable-catalog.ts';
export {
  createDeposit,
  getDeposit,
  listDeposits,
  type DepositCode,
  type DepositView,
} from './deposit-by-fund.ts';
export {
  dailyReconciliation,
  type Reconciliation,
  type ReconciliationDifference,
} from './reconciliation-daily.ts';

// ACH, returns, transfers, refunds, recoveries (PAY-6 … PAY-9; helper P4)
export { parseNacha, NachaProblem } from './nacha-parse.ts';
export {
  changeAddenda,
  returnAddenda,
  writeNacha,
  type NachaBatchInput,
  type NachaEntryInput,
  type NachaFileInput,
} from './nacha-write.ts';
export {
  abaCheckDigit,
  isDebitCode,
  type NachaAddenda,
  type NachaBatch,
  type NachaChange,
  type NachaEntry,
  type NachaFile,
  type NachaReturn,
} from './nacha-types.ts';
export {
  changeCodeName,
  changeCodeNames,
  returnCodeName,
  returnCodeNames,
  stopsAutopay,
} from './nacha-codes.ts';
export {
  enrolAutopay,
  getAutopay,
  prenoteWaitDays,
  stopAutopay,
  type AutopayEnrolInput,
  type AutopayView,
  type EnrolAutopayCode,
} from './autopay-enrol.ts';
export { applyChangeNotice, correctionOf } from './ach-change.ts';
export { achSettings, type AchSettings } from './ach-settings.ts';
export { generateAchFile, type AchGenerated } from './ach-generate.ts';
export { importAchReturns, type AchItemOutcome, type AchReturnsResult } from './ach-returns.ts';
export {
  cashOnlyPolicy,
  recordReturnedPayment,
  type ReturnedPayment,
  type ReturnedPaymentCode,
  type ReturnedPaymentInput,
} from './returned-payment.ts';
export { drawerRoutes } from './drawer-routes.ts';
export {
  listDrawerTransactions,
  voidWindowTransaction,
  type VoidViewer,
  type VoidWindowTransactionCode,
  type VoidWindowTransactionInput,
  type WindowTransactionSummary,
} from './window-void.ts';
export { paymentReceipt, windowReceipt, type PrintableReceipt } from './receipt-pdf-data.ts';
export { receiptPdf } from './receipt-pdf-render.ts';
export { depositSlipPdf } from './deposit-slip-pdf.ts';
export { remittanceRoutes } from './remittance-routes.ts';
export {
  transferPayment,
  type PaymentTransfer,
  type TransferPaymentCode,
  type TransferPaymentInput,
} from './transfer-payment.ts';
export {
  refundChecksCsv,
  requestRefund,
  type RefundCode,
  type RefundInput,
  type RefundRequest,
} from './refund-request.ts';
export {
  postPaymentWithRecovery,
  recoverableByFund,
  type RecoveryPayment,
} from './recovery-payment.ts';
export { autopayRoutes } from './autopay-routes.ts';
export { returnedRoutes } from './returned-routes.ts';
export { refundRoutes } from './refund-routes.ts';
export { emailReceipt, receiptMailText } from './receipt-pdf-email.ts';
