/** Reading a bill line's stored explanation (the rating engine's line, see rates README). */
export type Explanation = {
  readonly kind?: string;
  readonly scheduleCode?: string;
  readonly versionsEffectiveFrom?: readonly string[];
  readonly unitPriceMicros?: number | null;
  readonly pricePer?: number;
  readonly basisPoints?: number;
  readonly blockFrom?: number;
  readonly blockTo?: number | null;
  readonly proration?: string;
  readonly unroundedMicros?: string;
  readonly amountCents?: number;
  readonly unit?: string;
};

const unitWords: Readonly<Record<string, string>> = {
  gallon: 'gallons',
  kwh: 'kWh',
  therm: 'therms',
  month: 'months',
  day: 'days',
};

/** Micros as dollars, exactly, with at least two and at most six decimals. */
export function microsText(micros: number): string {
  const neg = micros < 0;
  const a = Math.abs(micros);
  const whole = Math.trunc(a / 1_000_000).toLocaleString('en-US');
  const frac = String(a % 1_000_000)
    .padStart(6, '0')
    .replace(/0{1,4}$/, '');
  return `${neg ? '-' : ''}$${whole}.${frac.padEnd(2, '0')}`;
}

/** The unrounded amount: an integer of micros, or `num/den` micros (shown to 6 places). */
export function unroundedText(text: string | undefined): string {
  if (!text) return '—';
  const [num, den] = text.split('/');
  if (den === undefined) return microsText(Number(num));
  const micros = Number(num) / Number(den);
  return `${microsText(Math.trunc(micros))}… (${text} micros)`;
}

export function priceText(e: Explanation): string | null {
  if (e.basisPoints !== undefined) return `${(e.basisPoints / 100).toFixed(2)}% of the base`;
  if (e.unitPriceMicros === null || e.unitPriceMicros === undefined) return null;
  const per = e.pricePer ?? 1;
  const unit = unitWords[e.unit ?? ''] ?? e.unit ?? '';
  const perText = per === 1 ? (e.unit ?? '') : `${per.toLocaleString('en-US')} ${unit}`;
  return `${microsText(e.unitPriceMicros)} per ${perText}`;
}

export function blockText(e: Explanation): string | null {
  if (e.blockFrom === undefined) return null;
  const unit = unitWords[e.unit ?? ''] ?? e.unit ?? '';
  const from = e.blockFrom.toLocaleString('en-US');
  if (e.blockTo === null || e.blockTo === undefined) return `over ${from} ${unit}`;
  return `${from} to ${e.blockTo.toLocaleString('en-US')} ${unit}`;
}
