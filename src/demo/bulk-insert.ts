import { limits } from '../core/limits.ts';
import type { Tx } from '../db/index.ts';

/**
 * Set-based bulk insert for both engines: `INSERT … SELECT FROM unnest($1::type[], …)` in
 * chunks of `limits.demoInsertChunkRowsMax` rows — one round trip per chunk, never per row
 * (COPY FROM STDIN crashes PGlite through the pg adapter: stack-notes §2e).
 */
export type Column<R> = readonly [
  name: string,
  sqlType: string,
  value: (row: R, ix: number) => unknown,
];

export async function insertRows<R>(
  tx: Tx,
  table: string,
  columns: readonly Column<R>[],
  rows: readonly R[],
  options: { readonly overridingIds?: boolean; readonly onChunk?: (rows: number) => void } = {},
): Promise<void> {
  const names = columns.map((c) => c[0]).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ');
  const overriding = options.overridingIds ? ' OVERRIDING SYSTEM VALUE' : '';
  const sql = `INSERT INTO ${table} (${names})${overriding} SELECT * FROM unnest(${arrays})`;
  const chunk = limits.demoInsertChunkRowsMax;
  for (let start = 0; start < rows.length; start += chunk) {
    const end = Math.min(rows.length, start + chunk);
    const params = columns.map(() => new Array<unknown>(end - start));
    for (let i = start; i < end; i++) {
      const row = rows[i] as R;
      for (let c = 0; c < columns.length; c++) {
        (params[c] as unknown[])[i - start] = (columns[c] as Column<R>)[2](row, i);
      }
    }
    await tx.query(sql, params);
    options.onChunk?.(end - start);
  }
}

/** Reserves `count` values of a sequence in one statement, ascending. */
export async function reserveSequence(
  tx: Tx,
  sequenceSql: string,
  count: number,
): Promise<number[]> {
  if (count === 0) return [];
  const r = await tx.query<{ n: number }>(
    `SELECT nextval(${sequenceSql}) AS n FROM generate_series(1, $1::int)`,
    [count],
  );
  const values = r.rows.map((row) => Number(row.n));
  values.sort((a, b) => a - b);
  return values;
}

/** The identity sequence of a table's `id` column, for `reserveSequence`. */
export function identitySequence(table: string): string {
  return `pg_get_serial_sequence('${table}', 'id')`;
}
