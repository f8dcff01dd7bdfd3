import { daysBetween, type LocalDate } from '../../core/dates.ts';
import { dialRangeMilli, type HoldReason } from './validate-read.ts';

/**
 * Does a field re-read confirm the held read it was sent to check? (BIL-1, pure.)
 *
 * A read held for its usage (high, low or zero) is real when the meter, read again later,
 * has moved forward from it no faster than `reReadConfirmFactor` times the held period's own
 * daily use. A leak that goes on, a vacation that goes on, an empty house: confirmed. A
 * misread is not: a high misread is above what the meter shows later (the re-read is below
 * it), a low or zero misread is followed by the use it missed (far faster than the held
 * period's). A backwards (`negative_usage`) read is never confirmed: a person decides it.
 *
 * When it is not confirmed the re-read corrects the held read (it replaces it). Either way no
 * use is lost or counted twice: the next read's usage is measured from the accepted one.
 * Integer arithmetic throughout (BigInt: 10-dial registers in thousandths overflow doubles).
 */
export const reReadConfirmFactor = 2;

export type HeldForReRead = {
  readonly holdReason: HoldReason | null;
  readonly readDate: LocalDate;
  readonly valueMilli: number;
  /** Usage of the held period in milli dial units (null when the read has no previous). */
  readonly deltaMilli: number | null;
  readonly days: number | null;
};

export function reReadConfirms(
  held: HeldForReRead,
  reRead: { readonly readDate: LocalDate; readonly valueMilli: number },
  dials: number,
): boolean {
  if (held.holdReason === null || held.holdReason === 'negative_usage') return false;
  if (held.deltaMilli === null || held.days === null || held.days <= 0) return false;
  if (reRead.readDate < held.readDate) return false;
  let since = reRead.valueMilli - held.valueMilli;
  if (since < 0) {
    // The register rolled over between the two reads, or the re-read is below the held read.
    const range = dialRangeMilli(dials);
    since += range;
    if (since * 2 >= range) return false;
  }
  const days = Math.max(1, daysBetween(held.readDate, reRead.readDate));
  return (
    BigInt(since) * BigInt(held.days) <=
    BigInt(reReadConfirmFactor) * BigInt(held.deltaMilli) * BigInt(days)
  );
}
