import { ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { feeAsOf, feeCodes, type Fee } from '../rates/index.ts';
import { connectionFeeCodeByService } from './rate-schedule-defaults.ts';
import type { Service } from './types.ts';

export type PlannedFee = {
  readonly code: string;
  readonly description: string;
  readonly amountCents: number;
  readonly glRevenue: string;
  readonly fund: Fee['fund'];
  /** The service a connection fee belongs to. */
  readonly service: Service | null;
};

/**
 * The fees a start posts (demo-city-rates.md "Fees and policies"): account set-up for a new
 * account, a connection fee per activated electric, gas or water service, and the same-day
 * fee when asked. Amounts come from fee_schedule on the start date.
 */
export async function planStartFees(
  q: Queryable,
  s: {
    readonly newAccount: boolean;
    readonly services: readonly Service[];
    readonly sameDay: boolean;
    readonly date: LocalDate;
  },
): Promise<Result<PlannedFee[], 'fee_not_found'>> {
  const wanted: { code: string; service: Service | null }[] = [];
  if (s.newAccount) wanted.push({ code: feeCodes.accountSetup, service: null });
  for (const service of s.services) {
    const code = connectionFeeCodeByService[service];
    if (code) wanted.push({ code, service });
  }
  if (s.sameDay) wanted.push({ code: feeCodes.sameDay, service: null });
  const out: PlannedFee[] = [];
  for (const w of wanted) {
    const fee = await feeAsOf(q, w.code, s.date);
    if (!fee.ok) return fee;
    const { per: _per, ...rest } = fee.value;
    out.push({ ...rest, service: w.service });
  }
  return ok(out);
}

export type PlannedDeposit = {
  readonly feeCode: string;
  readonly amountCents: number;
  /** 'hydrant_meter' or 'duplicate_identity'. */
  readonly reason: string;
};

/**
 * Deposits a start requires: the hydrant-meter deposit for a hydrant service, and the
 * residential deposit when a fraud signal requires one — $100 when the start has no electric
 * or gas (water/wastewater/solid-waste only, demo-city-facts §9.1), else $265.
 */
export async function planDeposits(
  q: Queryable,
  s: {
    readonly services: readonly Service[];
    readonly fraudDeposit: boolean;
    readonly date: LocalDate;
  },
): Promise<Result<PlannedDeposit[], 'fee_not_found'>> {
  const wanted: { code: string; reason: string }[] = [];
  if (s.services.includes('hydrant'))
    wanted.push({ code: feeCodes.depositHydrant, reason: 'hydrant_meter' });
  if (s.fraudDeposit) {
    const energy = s.services.includes('electric') || s.services.includes('gas');
    const code = energy ? feeCodes.depositResidential : feeCodes.depositResidentialWaterOnly;
    wanted.push({ code, reason: 'duplicate_identity' });
  }
  const out: PlannedDeposit[] = [];
  for (const w of wanted) {
    const fee = await feeAsOf(q, w.code, s.date);
    if (!fee.ok) return fee;
    out.push({ feeCode: w.code, amountCents: fee.value.amountCents, reason: w.reason });
  }
  return ok(out);
}
