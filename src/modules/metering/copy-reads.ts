import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/index.ts';
import type { ReadColumns } from './plan-reads.ts';
import { dayText } from './read-import-rows.ts';
import { formatMilli, holdCodes } from './validate-read.ts';

/**
 * PostgreSQL only: writes planned read columns with one `COPY meter_read … FROM STDIN` (text
 * format, ~1 MB chunks generated straight from the columns, so memory stays flat). PGlite's
 * wire adapter has no COPY FROM STDIN: the importer uses write-reads.ts there. COPY cannot
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
  const client = tx as unknown as pg.PoolClient;
  const sink = client.query(
    copyFrom(`COPY meter_read (register_id, premise_id, read_date, value, delta, usage_days,
      usage, source, kind, status, hold_reason, import_batch_id, created_at) FROM STDIN`),
  );
  const after = `\t${o.batchId ?? '\\N'}\t${o.now.toISOString()}\n`;
  await pipeline(Readable.from(chunks(k, after)), sink);
}

/** `import\tregular\taccepted\t\N` … : source, kind, status and hold reason, by code. */
function statusTexts(source: string): string[] {
  return holdCodes.map((h) =>
    h === null ? `${source}\tregular\taccepted\t\\N` : `${source}\tregular\theld\t${h}`,
  );
}

function* chunks(k: ReadColumns, after: string): Generator<string> {
  const tails = [statusTexts('import'), statusTexts('estimate')];
  // Per register: `register_id\tpremise_id\t`, and whether usage is the delta itself.
  const heads = k.registers.map((r) => `${r.registerId}\t${r.premiseId}\t`);
  const unit = k.registers.map((r) => r.multiplier === '1.0000' || r.multiplier === '1');
  let out = '';
  let lastDay = Number.NaN;
  let dateText = '';
  for (let i = 0; i < k.n; i++) {
    const r = k.register[i]!;
    const day = k.day[i]!;
    if (day !== lastDay) {
      lastDay = day;
      dateText = `${dayText(day)}\t`;
    }
    const d = k.deltaMilli[i]!;
    const days = k.days[i]!;
    let deltaUsage: string;
    if (Number.isNaN(d)) deltaUsage = `\\N\t${days < 0 ? '\\N' : days}\t\\N\t`;
    else {
      const delta = milliText(d);
      const usage = unit[r] ? delta : usageText(d, k.registers[r]!.multiplier);
      deltaUsage = `${delta}\t${days < 0 ? '\\N' : days}\t${usage}\t`;
    }
    out += `${heads[r]}${dateText}${milliText(k.valueMilli[i]!)}\t${deltaUsage}${tails[k.estimate[i]!]![k.hold[i]!]}${after}`;
    if (out.length > 1_000_000) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
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
