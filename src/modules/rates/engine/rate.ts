import { assert, assertNever } from '../../../core/assert.ts';
import { compareDates, daysBetween, monthOf, type LocalDate } from '../../../core/dates.ts';
import { cents, divRoundHalfEven, type Cents } from '../../../core/money.ts';
import { err, ok, type Result } from '../../../core/result.ts';
import { rateContainer } from './container.ts';
import { rateDemand } from './demand.ts';
import { rateDiscount } from './discount.ts';
import { one, ratio, type RatingContext, type Ratio } from './exact.ts';
import { rateFixed } from './fixed.ts';
import { rateRider } from './rider.ts';
import { rateTax } from './tax.ts';
import { rateTieredBlock } from './tiered-block.ts';
import type {
  Charge,
  RateScheduleVersion,
  RatedBill,
  RatedLine,
  RatingErrorCode,
  RatingInput,
} from './types.ts';
import { rateVolumetric } from './volumetric.ts';
import { rateWinterAverage } from './winter-average.ts';

/** The only branch on charge kind; TypeScript checks the switch covers every kind. */
export function rateCharge(
  charge: Charge,
  ctx: RatingContext,
): Result<readonly RatedLine[], RatingErrorCode> {
  switch (charge.kind) {
    case 'fixed':
      return rateFixed(charge, ctx);
    case 'tiered-block':
      return rateTieredBlock(charge, ctx);
    case 'volumetric':
      return rateVolumetric(charge, ctx);
    case 'rider':
      return rateRider(charge, ctx);
    case 'demand':
      return rateDemand(charge, ctx);
    case 'discount':
      return rateDiscount(charge, ctx);
    case 'tax':
      return rateTax(charge, ctx);
    case 'winter-average':
      return rateWinterAverage(charge, ctx);
    case 'container':
      return rateContainer(charge, ctx);
    default:
      return assertNever(charge, 'unknown charge kind');
  }
}

/** A regular period is 27–33 days; other lengths prorate monthly amounts by days/30. */
export const regularDays = { min: 27, max: 33 } as const;

type Part = { readonly factor: Ratio; readonly prorationText?: string; readonly month: number };

function seasonOf(version: RateScheduleVersion, month: number): 'summer' | 'winter' {
  return version.summerMonths.includes(month) ? 'summer' : 'winter';
}

function rateCharges(
  version: RateScheduleVersion,
  input: RatingInput,
  part: Part,
): Result<readonly RatedLine[], RatingErrorCode> {
  const lines: RatedLine[] = [];
  const season = seasonOf(version, part.month);
  const { month, factor, prorationText } = part;
  for (const charge of version.charges) {
    const ctx: RatingContext =
      prorationText === undefined
        ? { version, input, month, season, factor, prior: lines }
        : { version, input, month, season, factor, prorationText, prior: lines };
    const r = rateCharge(charge, ctx);
    if (!r.ok) return r;
    lines.push(...r.value);
  }
  return ok(lines);
}

/** Sums the lines, and checks the sum a second way (style.md §17). */
function totalOf(lines: readonly RatedLine[]): Cents {
  let total = 0;
  for (const l of lines) total += l.amountCents;
  let taxes = 0;
  let charges = 0;
  for (const l of lines) {
    if (l.kind === 'tax') taxes += l.amountCents;
    else charges += l.amountCents;
  }
  assert(taxes + charges === total, 'bill lines must sum to the bill total');
  return cents(total);
}

/**
 * Rates one service for one period with one schedule version: pure (no database, clock or
 * log). The period's month and season come from the closing read date `input.to`.
 * Errors: see `RatingErrorCode`.
 */
export function rate(
  version: RateScheduleVersion,
  input: RatingInput,
): Result<RatedBill, RatingErrorCode> {
  return rateAcross([version], input);
}

function periodPart(days: number, partDays: number, month: number, split: boolean): Part {
  const regular = days >= regularDays.min && days <= regularDays.max;
  if (regular && !split) return { factor: one, month };
  const den = regular ? days : 30;
  return {
    factor: ratio(BigInt(partDays), BigInt(den)),
    prorationText: `${partDays}/${den}`,
    month,
  };
}

/** Whole usage split over parts by days: cumulative half-even rounding, so parts sum back. */
function usageShare(usage: number, days: number, daysBefore: number, partDays: number): number {
  if (daysBefore === 0 && partDays === days) return usage; // the whole period
  const upTo = (d: number) => divRoundHalfEven(BigInt(usage) * BigInt(d), BigInt(days));
  return Number(upTo(daysBefore + partDays) - upTo(daysBefore));
}

/**
 * Rates a period across a rate change. RULE: the versions in effect during [from, to) split
 * the period at each effective date; each part is rated with its own version on its share:
 * usage (and thus the tier blocks it falls in) split in proportion to days (cumulative
 * rounding to whole units, so the parts add up to the usage); monthly charges and block
 * sizes scaled by partDays/days on a regular period (so a regular period still bills one
 * month in total) or by partDays/30 on an irregular one. Season and rider month are the
 * closing read date's for every part. Demand is billed once, by the last part's version.
 * Each part's taxes are on that part's lines.
 */
export function rateAcross(
  versions: readonly RateScheduleVersion[],
  input: RatingInput,
): Result<RatedBill, RatingErrorCode> {
  const days = daysBetween(input.from, input.to);
  if (days <= 0) return err('bad_period', 'the closing read date must be after the opening one');
  assert(
    versions.every((v) => v.code === versions[0]?.code),
    'rateAcross takes versions of one schedule',
  );
  const sorted =
    versions.length === 1
      ? versions
      : [...versions].sort((a, b) => compareDates(a.effectiveFrom, b.effectiveFrom));
  const first = sorted.filter((v) => v.effectiveFrom <= input.from).at(-1);
  if (first === undefined) return err('no_version_in_effect', `nothing in effect on ${input.from}`);
  const later = sorted.filter((v) => v.effectiveFrom > input.from && v.effectiveFrom < input.to);
  const parts = [first, ...later];
  const month = monthOf(input.to);
  const lines: RatedLine[] = [];
  let daysBefore = 0;
  for (const [i, version] of parts.entries()) {
    const partFrom: LocalDate = i === 0 ? input.from : version.effectiveFrom;
    const next = parts[i + 1];
    const partTo: LocalDate = next === undefined ? input.to : next.effectiveFrom;
    const partDays = daysBetween(partFrom, partTo);
    const last = next === undefined;
    const partInput: RatingInput =
      parts.length === 1
        ? input // the whole period: a copy would be the same
        : {
            ...input,
            from: partFrom,
            to: partTo,
            usage: usageShare(input.usage, days, daysBefore, partDays),
            ...(input.demandKw !== undefined && !last ? { demandKw: 0 } : {}),
          };
    const r = rateCharges(version, partInput, periodPart(days, partDays, month, parts.length > 1));
    if (!r.ok) return r;
    if (parts.length === 1) lines.push(...r.value);
    else {
      const suffix = ` [${version.code} ${partFrom} → ${partTo}]`;
      lines.push(...r.value.map((l) => ({ ...l, description: `${l.description}${suffix}` })));
    }
    daysBefore += partDays;
  }
  const version = parts.at(-1) ?? first;
  return ok({
    scheduleCode: version.code,
    service: version.service,
    from: input.from,
    to: input.to,
    days,
    season: seasonOf(version, month),
    lines,
    totalCents: totalOf(lines),
  });
}
