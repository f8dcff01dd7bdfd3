/**
 * The `rates` module's public surface. For now: effective-dated fees (BIL-3); rate
 * schedules, versions and the pure rating engine arrive with the billing issue.
 */
export { feeAsOf, type Fee, type Fund } from './fee-as-of.ts';
export { feeCodes, type FeeCode } from './fee-codes.ts';
