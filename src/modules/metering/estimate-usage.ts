/**
 * Read estimation as pure arithmetic (BIL-1, issue 4): when a register has no read for a
 * billing period, its usage is estimated from
 *
 * 1. the same period last year, scaled by days: Σ delta ÷ Σ days of last year's accepted
 *    actual periods ending in that window, × the days to estimate; else
 * 2. the recent average: the same ratio over the latest (up to 3) accepted actual periods.
 *
 * At most `maxConsecutiveEstimates` (2) estimates in a row: with that many estimates since
 * the last actual read, no estimate is made and a field visit is required instead.
 * Quantities are integer thousandths of a dial unit; the scaled delta rounds half up.
 */
export const maxConsecutiveEstimates = 2;

/** Σ delta (milli dial units) over Σ days of some accepted periods. */
export type UsageBasis = { readonly deltaMilli: number; readonly days: number };

export type EstimateInput = {
  /** Days from the previous accepted read to the estimate's read date. */
  readonly days: number;
  readonly lastYear: UsageBasis | null;
  readonly recent: UsageBasis | null;
  /** Estimates since the last actual (non-estimate) accepted read. */
  readonly consecutiveEstimates: number;
};

export type EstimateMath =
  | {
      readonly kind: 'estimated';
      readonly deltaMilli: number;
      readonly basis: 'same_period_last_year' | 'recent_average';
    }
  | { readonly kind: 'field_visit_required'; readonly consecutiveEstimates: number }
  | { readonly kind: 'no_history' };

export function estimateDelta(input: EstimateInput): EstimateMath {
  if (input.consecutiveEstimates >= maxConsecutiveEstimates) {
    return { kind: 'field_visit_required', consecutiveEstimates: input.consecutiveEstimates };
  }
  if (input.days <= 0) return { kind: 'no_history' };
  if (usable(input.lastYear)) {
    const deltaMilli = scale(input.lastYear, input.days);
    return { kind: 'estimated', deltaMilli, basis: 'same_period_last_year' };
  }
  if (usable(input.recent)) {
    return {
      kind: 'estimated',
      deltaMilli: scale(input.recent, input.days),
      basis: 'recent_average',
    };
  }
  return { kind: 'no_history' };
}

function usable(b: UsageBasis | null): b is UsageBasis {
  return b !== null && b.days > 0 && b.deltaMilli >= 0;
}

/** round_half_up(delta × days ÷ basisDays) in integers: ⌊(2·delta·days + basisDays) ÷ (2·basisDays)⌋. */
function scale(b: UsageBasis, days: number): number {
  return Math.floor((2 * b.deltaMilli * days + b.days) / (2 * b.days));
}

/**
 * Billed units of a delta: delta (thousandths) × multiplier (numeric(12,4) text), rounded
 * half up to whole units, exactly (BigInt: the product can pass 2^53).
 */
export function billedUnits(deltaMilli: number, multiplier: string): number {
  const [w = '0', f = ''] = multiplier.split('.');
  const m = BigInt(w) * 10_000n + BigInt(f.padEnd(4, '0').slice(0, 4));
  const p = BigInt(deltaMilli) * m; // units × 10^7
  return Number((p + 5_000_000n) / 10_000_000n);
}
