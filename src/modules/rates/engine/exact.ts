import { cents, divRoundHalfEven, microsPerCent } from '../../../core/money.ts';
import type { Result } from '../../../core/result.ts';
import type { RateScheduleVersion, RatedLine, RatingErrorCode, RatingInput } from './types.ts';

/** An exact non-integer amount: `num / den` micros, den > 0. Nothing is rounded early. */
export type Ratio = { readonly num: bigint; readonly den: bigint };

export const one: Ratio = { num: 1n, den: 1n };

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  return { num, den };
}

export function times(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/** Bounds under which a ratio's arithmetic is exact in doubles (the common case). */
const safeNum = BigInt(Number.MAX_SAFE_INTEGER);
const safeDen = safeNum / BigInt(microsPerCent);

/** `[num, den]` as numbers when every step of formatting and rounding stays exact. */
function small(r: Ratio): readonly [number, number] | null {
  if (r.num > safeNum || r.num < -safeNum || r.den > safeDen) return null;
  return [Number(r.num), Number(r.den)];
}

function gcdSmall(a: number, b: number): number {
  let [x, y] = [Math.abs(a), b];
  while (y !== 0) [x, y] = [y, x % y];
  return x === 0 ? 1 : x;
}

/** `a / b` rounded half-even, for safe integers (b > 0): `%` and the division are exact. */
export function divRoundHalfEvenSmall(a: number, b: number): number {
  const r = a % b;
  const q = (a - r) / b;
  if (r === 0) return q;
  const twice = Math.abs(r) * 2;
  const away = a < 0 ? q - 1 : q + 1;
  if (twice > b) return away;
  if (twice < b) return q;
  return q % 2 === 0 ? q : away;
}

/** `123` when whole, else the reduced fraction `num/den`: exact, for auditors. */
export function formatRatio(r: Ratio): string {
  const s = small(r);
  if (s !== null) {
    const g = gcdSmall(s[0], s[1]);
    const [n, d] = [s[0] / g, s[1] / g];
    return d === 1 ? String(n) : `${n}/${d}`;
  }
  const g = gcd(r.num, r.den);
  const [n, d] = [r.num / g, r.den / g];
  return d === 1n ? String(n) : `${n}/${d}`;
}

/** A block bound scaled by the proration factor, rounded half-even to whole units. */
export function scaleUnits(units: number, factor: Ratio): number {
  return Number(divRoundHalfEven(BigInt(units) * factor.num, factor.den));
}

/** What every charge function sees. `prior` holds the lines rated before this charge. */
export type RatingContext = {
  readonly version: RateScheduleVersion;
  readonly input: RatingInput;
  /** Month (1–12) of the closing read date: picks the season and the rider price. */
  readonly month: number;
  readonly season: 'summer' | 'winter';
  /** Monthly proration: 1 on a regular period, days/30 otherwise (or a split part's share). */
  readonly factor: Ratio;
  readonly prorationText?: string;
  readonly prior: readonly RatedLine[];
};

/** The one signature every charge kind exports (style.md §9). */
export type ChargeRater<C> = (
  charge: C,
  ctx: RatingContext,
) => Result<readonly RatedLine[], RatingErrorCode>;

export type LineFields = Omit<RatedLine, 'unroundedMicros' | 'amountCents'>;

/**
 * Builds a line from its exact amount, rounding half-even to cents once, here. `fields` is
 * always the caller's fresh object literal: it is completed in place (the same properties in
 * the same order as a copy; copying it was the engine's hottest allocation).
 */
export function lineOf(fields: LineFields, exactMicros: Ratio): RatedLine {
  const s = small(exactMicros);
  const rounded =
    s === null
      ? Number(divRoundHalfEven(exactMicros.num, exactMicros.den * BigInt(microsPerCent)))
      : divRoundHalfEvenSmall(s[0], s[1] * microsPerCent);
  const line = fields as Mutable<RatedLine>;
  line.unroundedMicros = formatRatio(exactMicros);
  line.amountCents = cents(rounded);
  return line;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Usage × price where the price is per `pricePer` units: exact, in micros. */
export function usageAmount(units: number, priceMicros: number, pricePer: number): Ratio {
  return ratio(BigInt(units) * BigInt(priceMicros), BigInt(pricePer));
}

export function prorationFields(ctx: RatingContext): { proration?: string } {
  return ctx.prorationText === undefined ? {} : { proration: ctx.prorationText };
}
