import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import type { MeterSize, RateScheduleVersion, RatedLine, RatingErrorCode } from '../rates/index.ts';

/** What metering says about an agreement's usage in the bill period. */
export type UsageFact =
  | { readonly kind: 'flat' }
  | { readonly kind: 'metered'; readonly units: number }
  | { readonly kind: 'no_read' }
  | { readonly kind: 'held_read' };

/** One active service agreement, with the schedule versions covering the period. */
export type AgreementInput = {
  readonly agreementId: number;
  readonly service: string;
  readonly rateSchedule: string;
  readonly meterSize: MeterSize | null;
  /** The agreement's meter (metered services), named in a missing or held read's detail. */
  readonly meterNumber?: string | null;
  /** `rates.versionsCovering(code, periodStart, periodEnd)`; empty = missing rate. */
  readonly versions: readonly RateScheduleVersion[];
  readonly usage: UsageFact;
  /** SW-COMM: billed cubic yards (bin size × bins) and pickups per week (customers 0063). */
  readonly container?: { readonly cubicYards: number; readonly pickupsPerWeek: number };
  /** E3.1: the period's peak kW from the meter's `kw` register (metering). */
  readonly demandKw?: number;
  /**
   * Electric and gas under a seasonal hold (BIL-9): the days in the period the service is
   * turned off (`[from, to)`). Those days bill nothing; a period wholly off bills no line.
   */
  readonly offDays?: readonly { readonly from: LocalDate; readonly to: LocalDate }[];
  /** A stopped agreement's last day of service, when it is before the as-of (final bill). */
  readonly lastDay?: LocalDate;
};

/** Everything `draftBill` needs: plain data, no database. */
export type BillInputs = {
  readonly accountId: number;
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  /** No issued bill yet: the period starts on the account's earliest service start. */
  readonly firstBill?: boolean;
  readonly agreements: readonly AgreementInput[];
  /** Versions of the environmental fee schedule (`ENV`) covering the period. */
  readonly environmentalFee: readonly RateScheduleVersion[];
  /** The account's wastewater winter average in whole kgal in effect on the period end (BIL-5,
   * `winterAveragesOf`); absent = `defaultWinterAverageKgal`. */
  readonly winterAverageKgal?: number;
  /** Stopped agreements whose last day falls before the as-of: this is their final bill. */
  readonly finalAgreementIds?: readonly number[];
  /** Every agreement ended before the as-of: the day after the last day of service (the
   * account-level charges — the environmental fee — are billed up to it). */
  readonly serviceEnd?: LocalDate;
};

/** One bill line with its explanation (the engine's line + the schedule and versions). */
export type DraftLine = {
  readonly agreementId: number | null;
  readonly service: string;
  readonly scheduleCode: string;
  readonly versionsEffectiveFrom: readonly LocalDate[];
  readonly line: RatedLine;
};

export type DraftBill = {
  readonly accountId: number;
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly lines: readonly DraftLine[];
  readonly totalCents: Cents;
  /** The stopped agreements this bill final-bills (closed when it is issued). */
  readonly finalAgreementIds?: readonly number[];
};

/**
 * Per-account exceptions: `no_read` / `held_read` (skipped: billed on a later run once the
 * read is in or released), `missing_rate` (no schedule version covers the period) and the
 * engine's codes (failed: configuration or data to fix).
 */
export type DraftBillCode = 'no_read' | 'held_read' | 'missing_rate' | RatingErrorCode;

/** The default winter average for S1.1 until BIL-5 computes one per account, whole kgal. */
export const defaultWinterAverageKgal = 5;
