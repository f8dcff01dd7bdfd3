import { localDate, monthOf, yearOf, type LocalDate } from '../../core/dates.ts';
import { defaultWinterAverageKgal } from './types.ts';

/**
 * The wastewater winter average (BIL-5, demo-city-rates.md "Winter average"; ASSUMED rule in
 * demo-city-facts.md §5): the water billed on the bills whose periods END in December,
 * January and February, divided by their days, × 30.42, rounded to the nearest whole kgal,
 * capped at 15. Fewer than three winter bills: the class default (5 kgal); the bill then
 * uses the period's water when lower (draftBill).
 */
export const winterAveragePolicy = {
  winterBillsMin: 3,
  capKgal: 15,
  /** 30.42 days per month, in hundredths so that the arithmetic stays integer. */
  monthDaysHundredths: 3042,
  /** A yearly average takes effect on bills ending from April 1 (month 4). */
  effectiveMonth: 4,
} as const;

/** The winter bills of one account, summed: how many, their days and billed water gallons. */
export type WinterFacts = {
  readonly bills: number;
  readonly days: number;
  readonly gallons: number;
};

export type WinterAverageBasis = 'winter_bills' | 'default';

export type WinterAverage = {
  readonly kgal: number;
  readonly basis: WinterAverageBasis;
};

/** Pure: the winter average in whole kgal from the account's winter bills. */
export function computeWinterAverage(f: WinterFacts): WinterAverage {
  const p = winterAveragePolicy;
  if (f.bills < p.winterBillsMin || f.days <= 0) {
    return { kgal: defaultWinterAverageKgal, basis: 'default' };
  }
  // kgal = gallons / days × 30.42 / 1000, rounded half up: floor((2n + d) / 2d).
  const num = f.gallons * p.monthDaysHundredths;
  const den = f.days * 100 * 1000;
  const kgal = Math.floor((2 * num + den) / (2 * den));
  return { kgal: Math.min(kgal, p.capKgal), basis: 'winter_bills' };
}

/**
 * The winter a computation as of `asOf` uses, and when the yearly result takes effect:
 * from March on, the winter just ended (bills ending Dec 1 of last year … Feb 28/29), effective
 * April 1 of this year; in January and February, the winter before that (this winter's bills
 * are not all in yet), effective April 1 of last year.
 */
export function winterOf(asOf: LocalDate): {
  readonly from: LocalDate;
  readonly until: LocalDate;
  readonly effectiveFrom: LocalDate;
} {
  const year = monthOf(asOf) >= 3 ? yearOf(asOf) : yearOf(asOf) - 1;
  return {
    from: localDate(`${year - 1}-12-01`),
    until: localDate(`${year}-03-01`),
    effectiveFrom: localDate(`${year}-0${winterAveragePolicy.effectiveMonth}-01`),
  };
}
