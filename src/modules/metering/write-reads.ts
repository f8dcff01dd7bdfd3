import { limits } from '../../core/limits.ts';
import type { Tx } from '../../db/index.ts';
import type { ReadColumns } from './plan-reads.ts';
import { formatMilli } from './validate-read.ts';

/**
 * Writes planned read columns with `INSERT … SELECT FROM unnest(…)`, `limits.readImportChunkRows`
 * reads per statement. The arrays go over the wire as ready-made PostgreSQL array literals
 * (every element here is a number, a date, a numeric or a fixed word, so nothing needs
 * quoting): node-postgres would otherwise escape each of the millions of elements.
 * usage = delta × multiplier is computed by PostgreSQL (exact numeric). The reference
 * checks run once per statement (migrations/0071).
 */
export async function writeReadColumns(
  tx: Tx,
  k: ReadColumns,
  o: { readonly batchId: number | null; readonly now: Date },
): Promise<void> {
  const n = k.registerId.length;
  for (let i = 0; i < n; i += limits.readImportChunkRows) {
    const j = Math.min(n, i + limits.readImportChunkRows);
    const lit = <T>(xs: readonly (T | null)[], f: (x: T) => string = String): string =>
      arrayLiteral(xs, i, j, f);
    await tx.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days,
         usage, source, kind, status, hold_reason, import_batch_id, created_at)
       SELECT u.register_id, u.premise_id, u.read_date, u.value, u.delta, u.days,
              u.delta * u.multiplier, u.source, 'regular', u.status, u.hold_reason, $11, $12
         FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::numeric[], $5::numeric[],
                     $6::int[], $7::numeric[], $8::text[], $9::text[], $10::text[])
              AS u(register_id, premise_id, read_date, value, delta, days, multiplier, source,
                   status, hold_reason)`,
      [
        lit(k.registerId),
        lit(k.premiseId),
        lit(k.readDate),
        lit(k.valueMilli, formatMilli),
        lit(k.deltaMilli, formatMilli),
        lit(k.days),
        lit(k.multiplier),
        lit(k.source),
        lit(k.status),
        lit(k.holdReason),
        o.batchId,
        o.now,
      ],
    );
  }
}

/** `{a,b,NULL}` for xs[i..j) — only for elements that need no quoting. */
function arrayLiteral<T>(
  xs: readonly (T | null)[],
  i: number,
  j: number,
  f: (x: T) => string,
): string {
  const out: string[] = new Array<string>(j - i);
  for (let x = i; x < j; x++) {
    const v = xs[x];
    out[x - i] = v === null || v === undefined ? 'NULL' : f(v);
  }
  return `{${out.join(',')}}`;
}
