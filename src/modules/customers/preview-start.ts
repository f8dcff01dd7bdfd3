import { ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import type { FraudSignal } from './fraud-signals.ts';
import type { PlannedDeposit, PlannedFee } from './start-fees.ts';
import { planStart, type PlanStartCode, type StartServiceInput } from './start-service-plan.ts';
import { describeSignal } from './start-service.ts';
import type { AccountClass, Service } from './types.ts';

export type StartPreview = {
  readonly accountClass: AccountClass;
  readonly opensAccount: boolean;
  readonly agreements: readonly { readonly service: Service; readonly rateSchedule: string }[];
  readonly fees: readonly PlannedFee[];
  readonly totalFeesCents: number;
  readonly fraudSignals: readonly FraudSignal[];
  /** True when startService would answer fraud_signal_blocks; `blockReason` says why. */
  readonly blocked: boolean;
  readonly blockReason: string | null;
  readonly depositRequirements: readonly PlannedDeposit[];
  /** Agreements of a landlord's continuous service that the start would end. */
  readonly supersededAgreementIds: readonly number[];
};

/**
 * What startService would do with the same input — fees, fraud signals, deposits — without
 * writing anything (it only reads), so the agent can show the fees before confirming.
 *
 * Codes: the same refusals as planStart (see startService).
 */
export async function previewStart(
  q: Queryable,
  input: StartServiceInput,
): Promise<Result<StartPreview, PlanStartCode>> {
  const planned = await planStart(q, input);
  if (!planned.ok) return planned;
  const p = planned.value;
  const blocked = p.fraud.blocking.length > 0;
  return ok({
    accountClass: p.accountClass,
    opensAccount: p.account === null,
    agreements: p.agreements.map((a) => ({ service: a.service, rateSchedule: a.rateSchedule })),
    fees: p.fees,
    totalFeesCents: p.totalFeesCents,
    fraudSignals: p.fraud.signals,
    blocked,
    blockReason: blocked ? p.fraud.blocking.map(describeSignal).join('; ') : null,
    depositRequirements: p.deposits,
    supersededAgreementIds: p.supersede.map((s) => s.agreementId),
  });
}
