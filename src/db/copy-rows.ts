import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Tx } from './types.ts';

/** A value COPY's text format can carry: null, a number, a boolean or a string. */
export type CopyValue = string | number | boolean | null;

const needsEscape = /[\\\t\n\r]/;

/** One field in COPY text format: `\N` for null, backslash, tab and line breaks escaped. */
export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v !== 'string') return String(v);
  if (!needsEscape.test(v)) return v;
  return v.replace(/[\\\t\n\r]/g, (m) =>
    m === '\\' ? '\\\\' : m === '\t' ? '\\t' : m === '\n' ? '\\n' : '\\r',
  );
}

/**
 * Writes `rows` into `table (columns)` with `COPY … FROM STDIN` (text format) in the
 * caller's transaction: the fastest write PostgreSQL has (several times a multi-row INSERT
 * for wide rows). Constraints, foreign keys and triggers (deferred ones included) still
 * apply. PostgreSQL only: PGlite's wire protocol has no COPY FROM STDIN (it exits), so
 * callers check `db.engine` and use `INSERT … SELECT FROM unnest(…)` there.
 */
export async function copyRows(
  tx: Tx,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly CopyValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  await copyLines(tx, table, columns, textOf(rows));
}

function* textOf(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  for (const r of rows) yield `${r.map(copyField).join('\t')}\n`;
}

/**
 * `copyRows` for rows already in COPY text format (one `\n`-terminated line each, fields
 * escaped with `copyField`): a caller may prepare the text off its write path.
 */
export async function copyLines(
  tx: Tx,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<void> {
  const client = tx as unknown as pg.PoolClient;
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunks(lines)), sink);
}

/** The lines in chunks of about 1 MB, so memory stays bounded by the page. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let out = '';
  for (const line of lines) {
    out += line;
    if (out.length > 1_000_000) {
      yield out;
      out = '';
    }
  }
  if (out.length > 0) yield out;
}
