/**
 * High-bill investigation (BIL-8), the pure part: usage comparisons on daily averages and
 * the leak-likelihood heuristic with its reasons. No database, no clock.
 */

/** One billed period of one service. */
export type UsagePeriod = {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly days: number;
  /** Billed units (gallon, kWh, therm). */
  readonly usage: number;
};

export type Comparison = {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly days: number;
  readonly usage: number;
  /** Units per day, to 2 decimals (display only; never money). */
  readonly dailyAverage: number;
  /** Change of this period's daily average against it, whole percent; null when it used 0. */
  readonly changePct: number | null;
};

/** Thresholds of the heuristic (ASSUMED; demo-city-facts.md §10, high-bill procedure). */
export const highBillPolicy = {
  /** Up more than this on the same period last year (per day) is unusual. */
  lastYearIncreasePct: 50,
  /** Up more than this on the previous period (per day). */
  previousIncreasePct: 50,
  /** Daily use at or above this multiple of the 12-month daily average: continuous high use. */
  continuousHighFactor: 2,
  /** Periods of a comparison whose lengths differ by more than this are not like for like. */
  daysToleranceDays: 3,
} as const;

export function dailyAverage(p: UsagePeriod): number {
  return p.days > 0 ? Math.round((p.usage / p.days) * 100) / 100 : 0;
}

/** Whole-percent change of `current` per day against `other` per day. */
export function changePct(current: UsagePeriod, other: UsagePeriod): number | null {
  if (other.days <= 0 || current.days <= 0 || other.usage <= 0) return null;
  const ratio = (current.usage * other.days) / (other.usage * current.days);
  return Math.round((ratio - 1) * 100);
}

export function compare(current: UsagePeriod, other: UsagePeriod): Comparison {
  return { ...other, dailyAverage: dailyAverage(other), changePct: changePct(current, other) };
}

export type LeakLikelihood = 'low' | 'medium' | 'high';

export type LeakFacts = {
  readonly current: UsagePeriod;
  readonly previous: UsagePeriod | null;
  readonly lastYear: UsagePeriod | null;
  /** Σ usage and Σ days of the bills in the 12 months before this one (null: none). */
  readonly history: { readonly usage: number; readonly days: number } | null;
  readonly estimatedReads: number;
  /** Did the previous period already stand out against the history? */
  readonly previousAlsoHigh: boolean;
};

export type LeakScore = {
  readonly likelihood: LeakLikelihood;
  readonly score: number;
  readonly reasons: readonly string[];
};

/**
 * Points for each sign of a leak (continuous flow that the customer does not see), minus
 * points for what explains an increase otherwise: an estimated read (a catch-up) or a longer
 * period. ≥ 3 high, 2 medium, else low. Each point comes with its reason sentence.
 */
export function scoreLeak(f: LeakFacts): LeakScore {
  const p = highBillPolicy;
  const reasons: string[] = [];
  let score = 0;
  const yoy = f.lastYear === null ? null : changePct(f.current, f.lastYear);
  if (yoy !== null && yoy > p.lastYearIncreasePct) {
    const sameDays = Math.abs(f.current.days - f.lastYear!.days) <= p.daysToleranceDays;
    score += sameDays ? 2 : 1;
    reasons.push(
      `Use per day is up ${yoy}% on the same period last year` +
        (sameDays ? ' with about the same number of days.' : '.'),
    );
  }
  const prev = f.previous === null ? null : changePct(f.current, f.previous);
  if (prev !== null && prev > p.previousIncreasePct) {
    score += 1;
    reasons.push(`Use per day is up ${prev}% on the previous period.`);
  }
  if (f.history !== null && f.history.days > 0 && f.history.usage > 0) {
    const factor = (f.current.usage * f.history.days) / (f.history.usage * f.current.days);
    if (factor >= p.continuousHighFactor) {
      score += 1;
      reasons.push(
        `Continuous high use: ${Math.round(factor * 10) / 10}× the 12-month daily average.`,
      );
      if (f.previousAlsoHigh) {
        score += 1;
        reasons.push('The previous period was already high: the increase has not stopped.');
      }
    }
  }
  if (f.estimatedReads > 0) {
    score -= 1;
    reasons.push(
      `${f.estimatedReads} estimated read(s) in the period: the increase may be a catch-up ` +
        'after an estimate; a re-read confirms it.',
    );
  }
  if (f.previous !== null && f.current.days - f.previous.days > p.daysToleranceDays) {
    score -= 1;
    reasons.push(`The period is longer (${f.current.days} days against ${f.previous.days}).`);
  }
  if (reasons.length === 0) reasons.push('Use is in line with the history.');
  const likelihood: LeakLikelihood = score >= 3 ? 'high' : score === 2 ? 'medium' : 'low';
  return { likelihood, score, reasons };
}

/** A season note for the period (month of its end; summer = May–October, as the rate card). */
export function seasonNote(service: string, periodEnd: string): string {
  const month = Number(periodEnd.slice(5, 7));
  const summer = month >= 5 && month <= 10;
  if (service === 'gas') {
    return summer
      ? 'Summer: gas use is usually at its lowest (no heating).'
      : 'Winter: heating usually raises gas use.';
  }
  if (service === 'electric') {
    return summer
      ? 'Summer: cooling usually raises electric use, and summer prices are higher.'
      : 'Winter: electric use is usually lower than in summer.';
  }
  return summer
    ? 'Summer: outdoor watering and pools usually raise water use, and summer prices are higher.'
    : 'Winter: outdoor watering is usually low, so a rise points indoors (toilets, taps, leaks).';
}
