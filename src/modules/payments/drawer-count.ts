import type { Cents } from '../../core/money.ts';
import { cents } from '../../core/money.ts';

/** US currency denominations a drawer counts, in cents ($100 bill … penny). */
export const denominations = [10000, 5000, 2000, 1000, 500, 200, 100, 50, 25, 10, 5, 1] as const;

/** A count by denomination: denomination in cents (as a string key) → number of pieces. */
export type DenominationCount = Readonly<Record<string, number>>;

/** The problem with a count (unknown denomination, negative or fractional pieces), or null. */
export function countProblem(count: DenominationCount): string | null {
  for (const [denom, n] of Object.entries(count)) {
    if (!(denominations as readonly number[]).includes(Number(denom)))
      return `${denom} is not a denomination in cents (${denominations.join(', ')})`;
    if (!Number.isSafeInteger(n) || n < 0)
      return `the count of ${denom} must be a whole number ≥ 0`;
  }
  return null;
}

/** Σ denomination × pieces. Example: {"2000": 5, "25": 40} → 5 × 2000 + 40 × 25 = 11,000. */
export function countTotal(count: DenominationCount): Cents {
  let total = 0;
  for (const [denom, n] of Object.entries(count)) total += Number(denom) * n;
  return cents(total);
}
