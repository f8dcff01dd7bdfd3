import { daysBetween, type LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { rateAcross } from './engine/rate.ts';
import type {
  MeterSize,
  RateService,
  RatingErrorCode,
  RatingInput,
  UsageUnit,
} from './engine/types.ts';
import { scheduleExists, versionsCovering } from './rate-schedules.ts';

export type EstimateInput = {
  readonly schedule: string;
  /** Whole kWh, therms or gallons. */
  readonly usage: number;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly meterSize?: MeterSize;
  readonly winterAverageKgal?: number;
  readonly demandKw?: number;
  readonly senior?: boolean;
};

export type EstimateLine = {
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly amountCents: Cents;
};

export type Estimate = {
  readonly schedule: string;
  readonly scheduleName: string;
  readonly service: RateService;
  readonly unit: UsageUnit;
  readonly days: number;
  readonly season: 'summer' | 'winter';
  readonly lines: readonly EstimateLine[];
  readonly totalCents: Cents;
};

export type EstimateErrorCode = 'unknown_schedule' | RatingErrorCode;

/**
 * What one service's bill would be for `usage` over [from, to), taxes included (BIL-10),
 * rated with the versions stored in the database that cover the period (`rateAcross`, so
 * a rate change inside the period splits it).
 *
 * Codes: `unknown_schedule` — no schedule has that code; the engine's `RatingErrorCode`s
 * (`meter_size_required`, `unknown_meter_size`, `winter_average_required`,
 * `demand_required`, `container_required`, `bad_period`, `no_version_in_effect`).
 */
export async function estimateBill(
  q: Queryable,
  input: EstimateInput,
): Promise<Result<Estimate, EstimateErrorCode>> {
  if (daysBetween(input.from, input.to) <= 0) {
    return err('bad_period', 'the closing read date must be after the opening one');
  }
  if (!(await scheduleExists(q, input.schedule))) {
    return err('unknown_schedule', `no rate schedule ${input.schedule}`);
  }
  const versions = await versionsCovering(q, input.schedule, input.from, input.to);
  const rating: RatingInput = {
    from: input.from,
    to: input.to,
    usage: input.usage,
    ...(input.meterSize === undefined ? {} : { meterSize: input.meterSize }),
    ...(input.winterAverageKgal === undefined
      ? {}
      : { winterAverageKgal: input.winterAverageKgal }),
    ...(input.demandKw === undefined ? {} : { demandKw: input.demandKw }),
    ...(input.senior === true ? { discounts: ['senior'] } : {}),
  };
  if (versions.length === 0) {
    return err(
      'no_version_in_effect',
      `${input.schedule} has no version in effect on ${input.from}`,
    );
  }
  const r = rateAcross(versions, rating);
  if (!r.ok) return r;
  const last = versions.at(-1) ?? versions[0];
  const bill = r.value;
  return ok({
    schedule: bill.scheduleCode,
    scheduleName: last?.name ?? bill.scheduleCode,
    service: bill.service,
    unit: last?.unit ?? 'none',
    days: bill.days,
    season: bill.season,
    lines: bill.lines.map((l) => ({
      code: l.code,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      amountCents: l.amountCents,
    })),
    totalCents: bill.totalCents,
  });
}
