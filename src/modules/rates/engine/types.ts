import type { Cents } from '../../../core/money.ts';
import type { LocalDate } from '../../../core/dates.ts';

/**
 * A rate schedule VERSION is plain, serialisable data (style.md §9): the utility edits it
 * with an effective date, never code. Prices are integer micros (1 $ = 1,000,000) per
 * `pricePer` metered units (1 for kWh and therms, 1,000 for gallons billed per kgal).
 */
export type RateService =
  | 'electric'
  | 'gas'
  | 'water'
  | 'irrigation'
  | 'hydrant'
  | 'wastewater'
  | 'solid_waste'
  | 'account';

/** The unit the caller's `usage` is measured in; `none` for flat services. */
export type UsageUnit = 'kWh' | 'therm' | 'gallon' | 'none';

export type MeterSize = '5/8' | '3/4' | '1' | '1-1/2' | '2' | '3' | '4' | '6' | '8';
export const meterSizes: readonly MeterSize[] = [
  '5/8',
  '3/4',
  '1',
  '1-1/2',
  '2',
  '3',
  '4',
  '6',
  '8',
];

/** Prices for one block, by season. A non-seasonal block has the same price twice. */
export type SeasonalPrice = { readonly summerMicros: number; readonly winterMicros: number };

type ChargeBase = { readonly code: string; readonly description: string };

/** Monthly charge, or by meter size; prorated by days/30 outside 27–33 days. */
export type FixedCharge = ChargeBase & {
  readonly kind: 'fixed';
  readonly amountMicros?: number;
  readonly bySizeMicros?: Readonly<Partial<Record<MeterSize, number>>>;
};

/** Blocks of usage; `upTo` is the block's upper bound in metered units (null = no bound). */
export type TieredBlockCharge = ChargeBase & {
  readonly kind: 'tiered-block';
  readonly blocks: readonly (SeasonalPrice & { readonly upTo: number | null })[];
};

/** One price for all usage. */
export type VolumetricCharge = ChargeBase & {
  readonly kind: 'volumetric';
  readonly priceMicros: number;
};

/** A monthly adjustment table (EECAF, PNGCAF): price per unit by the period's month. */
export type RiderCharge = ChargeBase & {
  readonly kind: 'rider';
  /** Twelve prices, January first. */
  readonly byMonthMicros: readonly number[];
};

/** Per billed kW on ALL kW once demand exceeds the threshold; nothing at or below it. */
export type DemandCharge = ChargeBase & {
  readonly kind: 'demand';
  readonly thresholdKw: number;
  readonly priceMicrosPerKw: number;
};

/** A negative line: a percentage of a named earlier line, when the account qualifies. */
export type DiscountCharge = ChargeBase & {
  readonly kind: 'discount';
  readonly ofCode: string;
  readonly basisPoints: number;
  /** The qualification the caller states in `input.discounts` (e.g. `senior`). */
  readonly when: string;
};

/** A tax on the sum of this service's rounded non-tax lines. */
export type TaxCharge = ChargeBase & {
  readonly kind: 'tax';
  readonly basisPoints: number;
};

/** Wastewater volume on the caller-supplied winter average (kgal), capped. */
export type WinterAverageCharge = ChargeBase & {
  readonly kind: 'winter-average';
  readonly priceMicrosPerKgal: number;
  readonly capKgal: number;
};

/** Commercial bin: price × cubic yards × pickups per week × weeks per month (in thousandths). */
export type ContainerCharge = ChargeBase & {
  readonly kind: 'container';
  readonly priceMicrosPerYardPickup: number;
  readonly weeksPerMonthThousandths: number;
};

export type Charge =
  | FixedCharge
  | TieredBlockCharge
  | VolumetricCharge
  | RiderCharge
  | DemandCharge
  | DiscountCharge
  | TaxCharge
  | WinterAverageCharge
  | ContainerCharge;

export type ChargeKind = Charge['kind'];

export type RateScheduleVersion = {
  readonly code: string;
  readonly name: string;
  readonly service: RateService;
  readonly effectiveFrom: LocalDate;
  readonly unit: UsageUnit;
  /** Metered units per priced unit: 1000 when gallons are priced per kgal. */
  readonly pricePer: 1 | 1000;
  /** What a price is per, for explanations: "kWh", "therm", "kgal", "month". */
  readonly priceUnit: string;
  /** Months (1–12) of the closing read date that make a period summer. */
  readonly summerMonths: readonly number[];
  readonly charges: readonly Charge[];
};

export type RatingInput = {
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Whole metered units (kWh, therms, gallons); 0 for flat services. */
  readonly usage: number;
  readonly meterSize?: MeterSize;
  readonly winterAverageKgal?: number;
  readonly demandKw?: number;
  readonly discounts?: readonly string[];
  readonly container?: { readonly cubicYards: number; readonly pickupsPerWeek: number };
};

/** One bill line and its explanation (style.md §3, §9). */
export type RatedLine = {
  readonly code: string;
  readonly description: string;
  readonly kind: ChargeKind;
  readonly quantity: number;
  readonly unit: string;
  /** Price per `pricePer` units of `unit`, in micros; null for a percentage line. */
  readonly unitPriceMicros: number | null;
  readonly pricePer: number;
  readonly basisPoints?: number;
  readonly blockFrom?: number;
  readonly blockTo?: number | null;
  /** `days/30` when the period is irregular (or a part of a split period). */
  readonly proration?: string;
  /** Exact amount before rounding, in micros: an integer, or `num/den` when not whole. */
  readonly unroundedMicros: string;
  readonly amountCents: Cents;
};

export type RatedBill = {
  readonly scheduleCode: string;
  readonly service: RateService;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly days: number;
  readonly season: 'summer' | 'winter';
  readonly lines: readonly RatedLine[];
  readonly totalCents: Cents;
};

/**
 * Expected refusals of the engine: `meter_size_required`, `unknown_meter_size`,
 * `winter_average_required`, `demand_required`, `container_required`, `bad_period`
 * (closing date not after opening), `no_version_in_effect`.
 */
export type RatingErrorCode =
  | 'meter_size_required'
  | 'unknown_meter_size'
  | 'winter_average_required'
  | 'demand_required'
  | 'container_required'
  | 'bad_period'
  | 'no_version_in_effect';
