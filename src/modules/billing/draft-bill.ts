import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { rateAcross, type RateScheduleVersion, type RatingInput } from '../rates/index.ts';
import { activeSegments, splitUsage, type DayRange } from './seasonal-hold-days.ts';
import {
  defaultWinterAverageKgal,
  type AgreementInput,
  type BillInputs,
  type DraftBill,
  type DraftBillCode,
  type DraftLine,
} from './types.ts';

/**
 * Drafts one account's bill for [periodStart, periodEnd): rates every agreement with the
 * engine (`rateAcross` on the versions covering the period), then the environmental fee per
 * account. Pure. Wastewater is billed on the account's winter average (`winterAverageKgal`,
 * else the default 5 kgal), or the period's whole kgal of water (floored) when lower. Refusals: `no_read`, `held_read`,
 * `missing_rate`, and the engine's codes (see `DraftBillCode`). SW-COMM is priced on the
 * agreement's `container`; E3.1 on its `demandKw`, and without one the account is `no_read`
 * (waiting for the demand read, skipped), not the engine's `demand_required`.
 */
export function draftBill(inputs: BillInputs): Result<DraftBill, DraftBillCode> {
  const waterKgal = waterUseKgal(inputs.agreements);
  const winterAverage = inputs.winterAverageKgal ?? defaultWinterAverageKgal;
  const lines: DraftLine[] = [];
  const ordered = [...inputs.agreements].sort((a, b) => a.agreementId - b.agreementId);
  for (const a of ordered) {
    const segments =
      a.offDays === undefined || a.offDays.length === 0
        ? null
        : activeSegments(inputs.periodStart, inputs.periodEnd, a.offDays);
    // Turned off for the whole period (seasonal hold): no read is due and nothing is billed.
    if (segments !== null && segments.length === 0) continue;
    if (a.usage.kind === 'no_read' || a.usage.kind === 'held_read') {
      const what =
        a.usage.kind === 'held_read'
          ? 'read held for review'
          : a.lastDay !== undefined
            ? `no final read (last day of service ${a.lastDay})`
            : 'no read in the period';
      const meter = a.meterNumber ? `meter ${a.meterNumber}` : `agreement ${a.agreementId}`;
      return err(a.usage.kind, `${meter} (${a.service}): ${what}`);
    }
    const input: RatingInput = {
      from: inputs.periodStart,
      to: inputs.periodEnd,
      usage: a.usage.kind === 'metered' ? a.usage.units : 0,
      ...(a.meterSize === null ? {} : { meterSize: a.meterSize }),
      ...(a.service === 'wastewater'
        ? { winterAverageKgal: Math.min(winterAverage, waterKgal) }
        : {}),
      ...(a.container === undefined ? {} : { container: a.container }),
      ...(a.demandKw === undefined ? {} : { demandKw: a.demandKw }),
    };
    const rated =
      segments === null
        ? rateOne(a.versions, input, a.rateSchedule, a.agreementId, lines)
        : rateSegments(a, input, segments, lines);
    // No demand read yet is missing data like a missing meter read: skipped, billed later.
    if (!rated.ok && rated.code === 'demand_required')
      return err('no_read', `agreement ${a.agreementId} (${a.service}): no kW demand read`);
    if (!rated.ok) return err(rated.code, `agreement ${a.agreementId}: ${rated.detail ?? ''}`);
  }
  const env = rateOne(inputs.environmentalFee, periodInput(inputs), 'ENV', null, lines);
  if (!env.ok) return err(env.code, `environmental fee: ${env.detail ?? ''}`);
  let total = 0;
  for (const l of lines) total += l.line.amountCents;
  const totalCents = cents(total);
  return ok({
    accountId: inputs.accountId,
    periodStart: inputs.periodStart,
    periodEnd: inputs.periodEnd,
    lines,
    totalCents,
    ...(inputs.finalAgreementIds === undefined
      ? {}
      : { finalAgreementIds: inputs.finalAgreementIds }),
  });
}

/** The account-level period: to the last day of service on a final bill. */
function periodInput(inputs: BillInputs): RatingInput {
  const end = inputs.serviceEnd;
  const to = end !== undefined && end < inputs.periodEnd ? end : inputs.periodEnd;
  return {
    from: inputs.periodStart,
    to: to > inputs.periodStart ? to : inputs.periodEnd,
    usage: 0,
  };
}

/** Whole kgal of metered water in the period (any water agreement); Infinity when none. */
function waterUseKgal(agreements: readonly AgreementInput[]): number {
  const water = agreements.find((a) => a.service === 'water');
  if (water === undefined || water.usage.kind !== 'metered') return Number.POSITIVE_INFINITY;
  return Math.floor(water.usage.units / 1000);
}

/**
 * Rates an agreement under a seasonal hold over its active segments only: each segment is a
 * short period to the engine (monthly charges prorated by days/30), and the period's metered
 * usage — all registered while the service was on — is split over them by days.
 */
function rateSegments(
  a: AgreementInput,
  input: RatingInput,
  segments: readonly DayRange[],
  into: DraftLine[],
): Result<true, DraftBillCode> {
  const usages = splitUsage(input.usage, segments);
  for (const [i, s] of segments.entries()) {
    const part = { ...input, from: s.from, to: s.to, usage: usages[i]! };
    const rated = rateOne(a.versions, part, a.rateSchedule, a.agreementId, into);
    if (!rated.ok) return rated;
  }
  return ok(true);
}

/** Rates one agreement (or the account's ENV fee) and appends its lines to `into`. */
function rateOne(
  versions: readonly RateScheduleVersion[],
  input: RatingInput,
  scheduleCode: string,
  agreementId: number | null,
  into: DraftLine[],
): Result<true, DraftBillCode> {
  if (versions.length === 0) return err('missing_rate', `no version of ${scheduleCode}`);
  const rated = rateAcross(versions, input);
  if (!rated.ok) return rated;
  const versionsEffectiveFrom = versionDates(versions);
  const service = rated.value.service;
  for (const line of rated.value.lines)
    into.push({ agreementId, service, scheduleCode, versionsEffectiveFrom, line });
  return ok(true);
}

/** The versions' effective dates, one array per version list (lists are cached per run). */
const datesOfVersions = new WeakMap<readonly RateScheduleVersion[], readonly LocalDate[]>();

function versionDates(versions: readonly RateScheduleVersion[]): readonly LocalDate[] {
  let dates = datesOfVersions.get(versions);
  if (dates === undefined) {
    dates = versions.map((v) => v.effectiveFrom);
    datesOfVersions.set(versions, dates);
  }
  return dates;
}
