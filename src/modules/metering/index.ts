/**
 * The `metering` module's public surface (issue 4, BIL-1): meters, registers, register
 * reads, the validated read import and the pure read validation.
 */
export {
  importReads,
  type ImportCode,
  type ImportReadsInput,
  type ImportSummary,
} from './import-reads.ts';
export {
  exchangeMeter,
  installMeter,
  removeMeter,
  type MeterChangeCode,
  type MeterService,
  type NewMeter,
  type RemoveMeter,
} from './meter-changes.ts';
export {
  parseReadsFile,
  type FileRead,
  type ParsedFile,
  type ReadFormat,
  type RegisterKind,
  type RowError,
} from './parse-reads-file.ts';
export { setMeterOffWindow } from './meter-off.ts';
export { installedMetersAt, type InstalledMeter } from './installed-meters.ts';
export { usageForAgreements, type RegisterUsage, type UsageRequest } from './usage.ts';
export { demandForAgreements, type DemandRequest } from './demand-for-agreements.ts';
export {
  compareWithHistory,
  highUsageFactor,
  lowUsageFactor,
  minHistoryPeriods,
  parseReading,
  validateRead,
  type HoldReason,
  type ReadContext,
  type ReadVerdict,
  type RegisterHistory,
} from './validate-read.ts';
export {
  estimatedReadCounts,
  monthlyUsage,
  periodUsage,
  readsForBill,
  replacedMeterReadsForBill,
  type BillRead,
  type BillReadsRequest,
  type MonthlyUsage,
  type RegisterReadsForBill,
} from './reads-for-bill.ts';

// Held-read review, manual reads and re-reads (issue 4, BIL-1)
export {
  heldReadQueue,
  listHeldReads,
  type HeldReadFilter,
  type HeldReadPage,
  type HeldReadView,
  type PriorRead,
} from './held-reads.ts';
export { releaseRead, rejectRead, replaceRead, type ReviewCode } from './read-review.ts';
export {
  enterRead,
  requestMeterReRead,
  type ManualRead,
  type ManualReadResult,
} from './manual-read.ts';
export type { SingleReadCode } from './single-read.ts';
export {
  accountMeters,
  recentReadsShown,
  type MeterView,
  type ReadView,
  type RegisterView,
} from './account-meters.ts';
export {
  hydrantDepositFee,
  hydrantMissingReadFee,
  issueHydrantMeter,
  recordMissingHydrantRead,
  returnHydrantMeter,
  type HydrantCode,
  type IssueHydrantMeter,
  type ReturnHydrantMeter,
} from './hydrant-meters.ts';
export { meteringRoutes } from './metering.routes.ts';
export { estimateMissingReads, type EstimateOutcome } from './estimate-reads.ts';
export {
  billedUnits,
  estimateDelta,
  maxConsecutiveEstimates,
  type EstimateInput,
  type EstimateMath,
  type UsageBasis,
} from './estimate-usage.ts';
