import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from '../../db/index.ts';
import type { ReadColumns } from './plan-reads.ts';
import { formatMilli } from './validate-read.ts';

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
  if (k.registerId.length === 0) return;
  const client = tx as unknown as pg.PoolClient;
  const sink = client.query(
    copyFrom(`COPY meter_read (register_id, premise_id, read_date, value, delta, usage_days,
      usage, source, kind, status, hold_reason, import_batch_id, created_at) FROM STDIN`),
  );
  const tail = `regular\t`;
  const after = `\t${o.batchId ?? '\\N'}\t${o.now.toISOString()}\n`;
  await pipeline(Readable.from(chunks(k, tail, after)), sink);
}

function* chunks(k: ReadColumns, tail: string, after: string): Generator<string> {
  let out = '';
  for (let i = 0; i < k.registerId.length; i++) {
    const d = k.deltaMilli[i]!;
    out +=
      `${k.registerId[i]}\t${k.premiseId[i]}\t${k.readDate[i]}\t${formatMilli(k.valueMilli[i]!)}\t` +
      `${d === null ? '\\N' : formatMilli(d)}\t${k.days[i] ?? '\\N'}\t` +
      `${d === null ? '\\N' : usageText(d, k.multiplier[i]!)}\t${k.source[i]}\t${tail}` +
      `${k.status[i]}\t${k.holdReason[i] ?? '\\N'}${after}`;
    if (out.length > 1_000_000) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
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
