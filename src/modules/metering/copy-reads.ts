import { copyText, type Tx } from '../../db/index.ts';
import type { ReadColumns } from './plan-reads.ts';
import { dayText } from './read-import-rows.ts';
import { formatMilli, holdCodes } from './validate-read.ts';

/**
 * Writes planned read columns with one `COPY meter_read` (text format, ~1 MB chunks generated
 * straight from the columns; both engines through db/copy-rows.ts: streamed FROM STDIN on
 * PostgreSQL, one blob on PGlite). write-reads.ts is the INSERT path it is tested against. COPY cannot
 * compute, so usage = delta × multiplier is computed here exactly (numeric(20, 4), half up
 * like PostgreSQL's assignment). The statement-level reference check of 0071 still runs.
 * Every value is a number, a date or a fixed word: nothing needs COPY escaping.
 */
export async function copyReadColumns(
  tx: Tx,
  k: ReadColumns,
  o: { readonly batchId: number | null; readonly now: Date },
): Promise<void> {
  if (k.n === 0) return;
  const after = `\t${o.batchId ?? '\\N'}\t${copyTimestamp(o.now)}\n`;
  await copyText(tx, 'meter_read', readColumns, copyChunks(k, after));
}

/**
 * A timestamptz as `YYYY-MM-DD HH:MM:SS.mmm+00`: the same instant as toISOString()'s
 * `…T…Z`, but PostgreSQL's input takes a numeric offset without looking words up (`T` and
 * `Z` are searched in its date keyword and zone abbreviation tables). created_at is on every
 * row: ≈ 0.1 s of the ≈ 1.2 s of server CPU of a 200,000-read COPY.
 */
export function copyTimestamp(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}+00`;
}

const readColumns = [
  'register_id',
  'premise_id',
  'read_date',
  'value',
  'delta',
  'usage_days',
  'usage',
  'source',
  'kind',
  'status',
  'hold_reason',
  'import_batch_id',
  'created_at',
];

/** `import\tregular\taccepted\t\N` … : source, kind, status and hold reason, by code. */
function statusTexts(source: string): string[] {
  return holdCodes.map((h) =>
    h === null ? `${source}\tregular\taccepted\t\\N` : `${source}\tregular\theld\t${h}`,
  );
}

/** The COPY text of the reads, written as bytes into ~1 MB buffers: no string per read. */
export function* copyChunks(k: ReadColumns, after: string): Generator<Buffer> {
  const bytes = (t: string): Buffer => Buffer.from(t, 'latin1'); // all ASCII
  const tails = [statusTexts('import'), statusTexts('estimate')].map((ts) =>
    ts.map((t) => bytes(`\t${t}${after}`)),
  );
  // Per register: `register_id\tpremise_id\t`, and whether usage is the delta itself.
  const heads = k.registers.map((r) => bytes(`${r.registerId}\t${r.premiseId}\t`));
  const unit = k.registers.map((r) => r.multiplier === '1.0000' || r.multiplier === '1');
  const nulls = bytes('\\N\t');
  const size = 1 << 20;
  let buf = Buffer.allocUnsafe(size);
  let at = 0;
  let lastDay = Number.NaN;
  let date = bytes('');
  for (let i = 0; i < k.n; i++) {
    if (at > size - 1024) {
      yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(size);
      at = 0;
    }
    const r = k.register[i]!;
    const day = k.day[i]!;
    if (day !== lastDay) {
      lastDay = day;
      date = bytes(`${dayText(day)}\t`);
    }
    at = put(buf, at, heads[r]!);
    at = put(buf, at, date);
    at = writeMilli(buf, at, k.valueMilli[i]!);
    buf[at++] = 9;
    const d = k.deltaMilli[i]!;
    const days = k.days[i]!;
    if (Number.isNaN(d)) at = put(buf, at, nulls);
    else {
      at = writeMilli(buf, at, d);
      buf[at++] = 9;
    }
    if (days < 0) at = put(buf, at, nulls);
    else {
      at = writeDigits(buf, at, days);
      buf[at++] = 9;
    }
    if (Number.isNaN(d)) at = put(buf, at, nulls) - 1;
    else if (unit[r]) at = writeMilli(buf, at, d);
    else at += buf.write(usageText(d, k.registers[r]!.multiplier), at, 'latin1');
    at = put(buf, at, tails[k.estimate[i]!]![k.hold[i]!]!);
  }
  if (at > 0) yield buf.subarray(0, at);
}

/** src's bytes at buf[at]; returns the end (a loop: cheaper than Buffer#copy for a few bytes). */
function put(buf: Buffer, at: number, src: Buffer): number {
  const n = src.length;
  for (let x = 0; x < n; x++) buf[at + x] = src[x]!;
  return at + n;
}

/** A non-negative safe integer's decimal digits at buf[at]; returns the end. */
function writeDigits(buf: Buffer, at: number, n: number): number {
  let digits = 1;
  for (let w = n; w >= 10; w = Math.floor(w / 10)) digits++;
  for (let x = at + digits - 1; x >= at; x--) {
    const q = Math.floor(n / 10);
    buf[x] = 48 + n - q * 10;
    n = q;
  }
  return at + digits;
}

/** milliText(milli) written as ASCII at buf[at]; returns the end. */
function writeMilli(buf: Buffer, at: number, milli: number): number {
  if (milli < 0 || !Number.isSafeInteger(milli))
    return at + buf.write(formatMilli(milli), at, 'latin1');
  const frac = milli % 1000;
  at = writeDigits(buf, at, (milli - frac) / 1000);
  buf[at] = 46;
  buf[at + 1] = 48 + Math.floor(frac / 100);
  buf[at + 2] = 48 + (Math.floor(frac / 10) % 10);
  buf[at + 3] = 48 + (frac % 10);
  return at + 4;
}

const fractions = Array.from({ length: 1000 }, (_, f) => `.${String(f).padStart(3, '0')}`);

/** formatMilli for the non-negative integers a read carries, with a table for the decimals. */
export function milliText(milli: number): string {
  if (milli < 0 || !Number.isSafeInteger(milli)) return formatMilli(milli);
  const frac = milli % 1000;
  return `${(milli - frac) / 1000}${fractions[frac]}`;
}

/** delta (thousandths) × multiplier (numeric(12, 4) text) as numeric(20, 4) text, exact. */
export function usageText(deltaMilli: number, multiplier: string): string {
  if (multiplier === '1.0000' || multiplier === '1') return formatMilli(deltaMilli);
  const [w = '0', f = ''] = multiplier.split('.');
  const m = BigInt(w) * 10_000n + BigInt(f.padEnd(4, '0').slice(0, 4));
  const tenThousandths = (BigInt(deltaMilli) * m + 500n) / 1000n; // 10^-7 → 10^-4, half up
  const s = tenThousandths.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}
