/**
 * The `billing` module's public surface (issue 4, BIL-4 — first slice): the pure bill
 * draft, the bill's ledger entry, and the bill run. See README.md.
 */
export { draftBill } from './draft-bill.ts';
export { billEntry, billSourceRef } from './bill-entry.ts';
export { billDueDays, dueDateFor } from './due-date.ts';
export { issueBill, type IssueBillCode, type IssuedBill } from './issue-bill.ts';
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
