import { assert, fail } from './assert.ts';

/**
 * Money is an integer count of cents (style.md §2). `Cents` is a branded `number` checked
 * with `Number.isSafeInteger` at every constructor; it is stored as BIGINT and sent in JSON
 * as an integer. Rates are integer micro-dollars (1 $ = 1,000,000 micros) per unit.
 */
export type Cents = number & { readonly __unit: 'cents' };
export type Micros = number & { readonly __unit: 'micros' };

export const centsPerDollar = 100;
export const microsPerCent = 10_000;

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) fail(`cents must be a safe integer, got ${value}`);
  return value as Cents;
}

export function micros(value: number): Micros {
  if (!Number.isSafeInteger(value)) fail(`micros must be a safe integer, got ${value}`);
  return value as Micros;
}

export const zeroCents = cents(0);

export function add(a: Cents, b: Cents): Cents {
  return cents(a + b);
}
export function sub(a: Cents, b: Cents): Cents {
  return cents(a - b);
}
export function negate(a: Cents): Cents {
  return cents(a === 0 ? 0 : -a);
}
export function sum(values: readonly Cents[]): Cents {
  let total = 0;
  for (const v of values) total += v;
  return cents(total);
}

/** Exact division of integers with an explicit rule (style.md §3); `b` must be positive. */
export function divRoundHalfEven(a: bigint, b: bigint): bigint {
  assert(b > 0n, 'divisor must be positive');
  const q = a / b; // truncates toward zero
  const r = a % b;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = a < 0n ? q - 1n : q + 1n;
  if (twice > b) return away;
  if (twice < b) return q;
  return q % 2n === 0n ? q : away;
}
export function divFloor(a: bigint, b: bigint): bigint {
  assert(b > 0n, 'divisor must be positive');
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}
export function divCeil(a: bigint, b: bigint): bigint {
  return -divFloor(-a, b);
}

/** Rounds an amount in micros to cents, half to even: the bill-line rule. */
export function roundHalfEvenToCents(amount: bigint): Cents {
  return cents(Number(divRoundHalfEven(amount, BigInt(microsPerCent))));
}

/**
 * Splits `total` into parts proportional to `weights` without losing a cent: largest
 * remainder method, ties to the earliest part.
 */
export function allocate(total: Cents, weights: readonly number[]): Cents[] {
  assert(weights.length > 0, 'allocate needs at least one weight');
  assert(
    weights.every((w) => Number.isSafeInteger(w) && w >= 0),
    'weights are integers ≥ 0',
  );
  const weightSum = weights.reduce((a, b) => a + b, 0);
  assert(weightSum > 0, 'weights must not all be zero');
  // A negative amount splits as the mirror of its positive: refunds allocate like charges.
  if (total < 0) return allocate(negate(total), weights).map(negate);
  const t = BigInt(total);
  const parts = weights.map((w) => divFloor(t * BigInt(w), BigInt(weightSum)));
  let left = t - parts.reduce((a, b) => a + b, 0n);
  const order = weights
    .map((w, i) => ({ i, rem: (t * BigInt(w)) % BigInt(weightSum) }))
    .sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : x.i - y.i));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map((p) => cents(Number(p)));
}

const amountPattern = /^(-)?\$?(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Parses a decimal dollar string ("12.5", "-$3.07") into cents without floats. */
export function parseDollars(text: string): Cents | undefined {
  const m = amountPattern.exec(text.trim().replaceAll(',', ''));
  if (!m) return undefined;
  const whole = Number(m[2]);
  const fraction = Number((m[3] ?? '').padEnd(2, '0'));
  const value = whole * centsPerDollar + fraction;
  return cents(m[1] ? -value : value);
}

/** Formats cents as "$1,234.56" or "-$0.05". Display only. */
export function formatCents(amount: Cents): string {
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const dollars = Math.trunc(abs / centsPerDollar).toLocaleString('en-US');
  const rest = String(abs % centsPerDollar).padStart(2, '0');
  return `${negative ? '-' : ''}$${dollars}.${rest}`;
}

/**
 * Plain decimal dollars for files and consoles (`1234.56`, `-0.05`), by integer arithmetic:
 * never through a float division.
 */
export function centsToDecimal(amount: number): string {
  if (!Number.isSafeInteger(amount)) fail(`cents must be a safe integer, got ${amount}`);
  const abs = Math.abs(amount);
  const whole = Math.trunc(abs / 100);
  return `${amount < 0 ? '-' : ''}${whole}.${String(abs - whole * 100).padStart(2, '0')}`;
}
