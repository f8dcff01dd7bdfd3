/**
 * The `billing` module's public surface (issue 4, BIL-4 — first slice): the pure bill
 * draft, the bill's ledger entry, and the bill run. See README.md.
 */
export { draftBill } from './draft-bill.ts';
export { billEntry, billSourceRef } from './bill-entry.ts';
export { billDueDays, dueDateFor } from './due-date.ts';
export { issueBills, type IssueOutcome } from './issue-bills.ts';
export {
  runBillRun,
  type BillRunCode,
  type BillRunContext,
  type BillRunInput,
  type BillRunItem,
  type BillRunItemStatus,
  type BillRunProgress,
  type BillRunResult,
} from './run-bill-run.ts';
export {
  defaultWinterAverageKgal,
  type AgreementInput,
  type BillInputs,
  type DraftBill,
  type DraftBillCode,
  type DraftLine,
  type UsageFact,
} from './types.ts';
export {
  getBillDetail,
  type BillDetail,
  type BillLineView,
  type BillServiceView,
} from './bill-detail.ts';
export type { BillBalance } from './document/bill-balance.ts';
export type { UsageHistory } from './document/usage-history.ts';
export { billRoutes } from './bill.routes.ts';
export { billRunRoutes } from './bill-run.routes.ts';
export { settleBackgroundRuns, startBillRunInBackground } from './bill-run-start.ts';
export { billRegister, registerCsv, type BillRegister } from './bill-register.ts';
export { accountBills, accountUsage, type AccountBill, type UsageSeries } from './account-bills.ts';
export {
  cyclesPerMonth,
  parseYearMonth,
  readingCalendar,
  scheduleCycles,
  scheduleYear,
  yearMonthOf,
  type CycleRead,
  type YearMonth,
} from './cycles-schedule.ts';
export {
  cycleReadsBetween,
  cyclesToBill,
  fillCycleSchedule,
  listCycleSchedule,
  type CycleToBill,
  type FilledSchedule,
} from './cycles-store.ts';
export { billCycleRoutes } from './cycles.routes.ts';
// Adjustments, cancel/rebill, due dates and late fees (BIL-6, BIL-7)
export { cityCalendar, dueDatePolicy, type DueDateOptions } from './due-date.ts';
export { requestAdjustment, type AdjustmentCode, type AdjustmentInput } from './adjust.ts';
export {
  approveAdjustment,
  denyAdjustment,
  listPendingAdjustments,
  type AdjustmentDecisionCode,
  type PendingAdjustment,
} from './adjustment-decisions.ts';
export type { AdjustContext, AdjustmentView } from './adjustment-store.ts';
export { approvalLimitOf, type ApprovalLimit } from './adjustment-limits.ts';
export {
  billHistory,
  cancelBill,
  type BillHistoryRow,
  type CancelBillCode,
  type CancelledBill,
} from './cancel-rebill.ts';
export { rebillPeriod, type RebillCode, type Rebilled } from './rebill.ts';
export {
  decideLateFee,
  lateFeeExemptStatuses,
  type LateFeeDecision,
  type LateFeeFacts,
  type LateFeePolicy,
} from './late-fee-decision.ts';
export {
  runLateFees,
  type LateFeeItem,
  type LateFeeOutcome,
  type LateFeeRun,
} from './late-fee-job.ts';
export { adjustmentRoutes } from './adjustments.routes.ts';
// Winter average (BIL-5), high-bill investigation (BIL-8), budget billing (BIL-9)
export {
  computeWinterAverage,
  winterAveragePolicy,
  winterOf,
  type WinterAverage,
  type WinterFacts,
} from './winter-average.ts';
export {
  recalcWinterAverages,
  winterAverageHistory,
  winterAveragesOf,
  type WinterAverageRow,
} from './winter-average-store.ts';
export { winterAverageRoutes } from './winter-average.routes.ts';
export {
  investigateHighBill,
  type HighBillAction,
  type HighBillCode,
  type HighBillReport,
  type HighBillService,
} from './high-bill.ts';
export { highBillPolicy, scoreLeak, type LeakFacts, type LeakScore } from './high-bill-score.ts';
export { requestHighBillAction, type HighBillActionCode } from './high-bill-actions.ts';
export { highBillRoutes } from './high-bill.routes.ts';
export {
  budgetAmountDue,
  enrolBudgetBilling,
  holdBudgetBilling,
  leaveBudgetBilling,
  syncAllBudgetPlans,
  syncBudgetPeriods,
  type BudgetAmountDue,
  type BudgetPlanView,
} from './budget-billing.ts';
export { getBudgetBilling, type BudgetBillingView } from './budget-billing-view.ts';
export { foldBudget, levelize, type BudgetPeriod, type BudgetPolicy } from './budget-fold.ts';
export { firstLateBill, removeLateBudgetPayers, type Payment } from './budget-late.ts';
export { budgetBillingRoutes } from './budget-billing.routes.ts';
// Seasonal hold (BIL-9 furlough)
export { placeSeasonalHold, type HoldService } from './seasonal-hold.ts';
export { cancelSeasonalHold, endSeasonalHoldEarly } from './seasonal-hold-changes.ts';
export { settleServiceStop, type ServiceStopCode } from './service-stop.ts';
export { getSeasonalHolds } from './seasonal-hold-view.ts';
export { seasonalHoldRoutes } from './seasonal-hold.routes.ts';
// Bill documents and delivery (BIL-7, BIL-11): PDF, print file, e-mail.
export { billFileName, billPdf } from './document/bill-pdf.ts';
export { printFile, type PrintFile, type PrintIndexRow } from './document/print-file.ts';
export { deliveriesOf, type DeliveryView } from './delivery/delivery-log.ts';
export {
  emailRunBills,
  type EmailContext,
  type EmailOutcome,
  type EmailRunResult,
} from './delivery/email-bills.ts';
export {
  mailerFor,
  outboxMailer,
  smtpMailer,
  type BillMail,
  type Mailer,
} from './delivery/mailer.ts';
export { writeRunPrintFile, type PrintRunResult } from './delivery/print-delivery.ts';
// Open bills per fund for payment application (payments, PAY-1).
export { openBillsOf, type OpenBill } from './open-bills.ts';
