/**
 * The `rates` module's public surface: effective-dated fees (BIL-3), rate schedule versions
 * as data, the demo rate card, and the pure rating engine (style.md §9).
 */
export { feeAsOf, type Fee, type Fund } from './fee-as-of.ts';
export { feeCodes, type FeeCode } from './fee-codes.ts';
export { rate, rateAcross, rateCharge, regularDays } from './engine/rate.ts';
export { meterSizes } from './engine/types.ts';
export type {
  Charge,
  ChargeKind,
  MeterSize,
  RateScheduleVersion,
  RateService,
  RatedBill,
  RatedLine,
  RatingErrorCode,
  RatingInput,
  UsageUnit,
} from './engine/types.ts';
export { demoRateCard, demoSchedule } from './rate-card.ts';
export {
  getScheduleVersions,
  listSchedules,
  scheduleExists,
  coveringVersions,
  versionsBefore,
  versionsCovering,
  type ScheduleSummary,
  type StoredVersion,
} from './rate-schedules.ts';
export {
  estimateBill,
  type Estimate,
  type EstimateErrorCode,
  type EstimateInput,
  type EstimateLine,
} from './estimate-bill.ts';
export {
  addScheduleVersion,
  type AddScheduleVersionCode,
  type AddScheduleVersionInput,
} from './add-schedule-version.ts';
export { rateRoutes } from './rates.routes.ts';
