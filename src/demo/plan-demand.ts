import { daysBetween, type LocalDate } from '../core/dates.ts';
import type { MeterPlan } from './plan-meters.ts';
import type { ReadsPlan } from './plan-reads.ts';

/** One planned demand read: the peak kW of the period ending on `readDate`. */
export type DemandReadPlan = {
  readonly meter: number;
  readonly readDate: LocalDate;
  /** Peak kW, to one decimal (a demand register reads tenths). */
  readonly kw: number;
};

/** Load factors of the demo's businesses: average kW ÷ peak kW, 0.15 (a restaurant) … 0.45 (an office). */
const loadFactorMin = 0.15;
const loadFactorSpread = 0.3;
/** A period whose kWh look like a misread (over 3× or under ⅓ of the last) keeps the last peak. */
const misreadRatio = 3;

/** A meter's load factor from its number: deterministic, no draw from the reads' stream. */
function loadFactorOf(meterNumber: string): number {
  let h = 2166136261;
  for (let i = 0; i < meterNumber.length; i++)
    h = Math.imul(h ^ meterNumber.charCodeAt(i), 16777619);
  return loadFactorMin + loadFactorSpread * ((h >>> 0) / 2 ** 32);
}

/**
 * The demand reads of the demand meters (plan-meters `demand`), one per kWh read after the
 * first: the period's kWh spread over its hours at the meter's load factor. Pure; derived
 * from the planned kWh reads, so it draws nothing from the random stream and the city's
 * other reads stay the same. Cheap: a few hundred meters × the months.
 */
export function planDemandReads(reads: ReadsPlan, meters: readonly MeterPlan[]): DemandReadPlan[] {
  const out: DemandReadPlan[] = [];
  let prev: { meter: number; readDate: LocalDate; reading: number } | null = null;
  let lastKw = 0;
  for (const r of reads.reads) {
    const m = meters[r.meter]!;
    if (!m.demand) continue;
    if (prev === null || prev.meter !== r.meter) {
      prev = r;
      lastKw = 0;
      continue;
    }
    const range = 10 ** m.dials;
    const kwh = (r.reading - prev.reading + range) % range;
    const hours = 24 * daysBetween(prev.readDate, r.readDate);
    let kw = hours > 0 ? kwh / hours / loadFactorOf(m.meterNumber) : 0;
    const odd = lastKw > 0 && (kw > lastKw * misreadRatio || kw * misreadRatio < lastKw);
    if (odd) kw = lastKw;
    else lastKw = kw;
    out.push({ meter: r.meter, readDate: r.readDate, kw: Math.round(kw * 10) / 10 });
    prev = r;
  }
  return out;
}
