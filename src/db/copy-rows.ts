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
 * apply. On PGlite (whose wire protocol has no COPY FROM STDIN: it exits) the same text goes
 * through `COPY … FROM '/dev/blob'` in the transaction's session (`useBlobCopy`).
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

/** Runs `COPY … FROM '/dev/blob'` with the blob as its input, in the client's session. */
type BlobCopy = (sql: string, blob: Blob) => Promise<void>;

const blobCopies = new WeakMap<object, BlobCopy>();

/**
 * Marks a PGlite client (db/connect.ts): COPY on it goes through PGlite's `/dev/blob` instead
 * of `FROM STDIN`, which its wire protocol does not carry. PGlite is one session, so the
 * blob COPY runs inside the client's open transaction.
 */
export function useBlobCopy(client: object, copy: BlobCopy): void {
  blobCopies.set(client, copy);
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
  await copyText(tx, table, columns, chunks(lines));
}

/**
 * COPY text already cut into chunks (strings or bytes, whole rows or not): the one place
 * that picks the engine's way in. PostgreSQL: `FROM STDIN`, streamed. PGlite (`useBlobCopy`):
 * the chunks gathered into one blob for `FROM '/dev/blob'` (memory: the caller's batch).
 */
export async function copyText(
  tx: Tx,
  table: string,
  columns: readonly string[],
  text: Iterable<string | Uint8Array>,
): Promise<void> {
  const into = `COPY ${table} (${columns.join(', ')})`;
  const viaBlob = blobCopies.get(tx);
  if (viaBlob !== undefined) {
    const parts = [...text];
    if (parts.length === 0) return;
    const blob = new Blob(parts);
    await inClientQueue(tx as unknown as pg.ClientBase, () =>
      viaBlob(`${into} FROM '/dev/blob'`, blob),
    );
    return;
  }
  const client = tx as unknown as pg.PoolClient;
  await pipeline(Readable.from(text), client.query(copyFrom(`${into} FROM STDIN`)));
}

/**
 * The lines as UTF-8 chunks of at most `chunkBytes`, so memory stays bounded by the page.
 * Each line is encoded straight into the chunk (about twice as fast as joining strings and
 * converting them); a line is never split, a line longer than a chunk is a chunk of its own.
 */
function* chunks(lines: Iterable<string>): Generator<Uint8Array> {
  let buf = Buffer.allocUnsafe(chunkBytes);
  let at = 0;
  for (const line of lines) {
    const most = line.length * 3; // UTF-8 bytes of a string are at most 3 per UTF-16 unit
    if (at + most > chunkBytes) {
      if (at > 0) yield buf.subarray(0, at);
      buf = Buffer.allocUnsafe(chunkBytes);
      at = 0;
      if (most > chunkBytes) {
        yield Buffer.from(line);
        continue;
      }
    }
    at += buf.write(line, at);
  }
  if (at > 0) yield buf.subarray(0, at);
}

const chunkBytes = 256 * 1024;

/**
 * Runs `work` (a blob COPY straight into PGlite) as one entry of the pg client's query queue:
 * when its turn comes, no statement of the client is in flight, and none starts until it is
 * done. PGlite is one session: a COPY run beside the queue could land between the Parse/Bind
 * and the Execute of a statement the caller pipelined on the same client (the remittance
 * import writes page k's payments while it posts page k+1's entries) and drop its unnamed
 * portal ("portal \"\" does not exist"). A custom pg Submittable: it runs `work`, then an empty
 * query whose ReadyForQuery hands the client back to its queue.
 */
function inClientQueue(client: pg.ClientBase, work: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed: unknown = null;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      if (failed === null) resolve();
      else reject(failed instanceof Error ? failed : new Error(String(failed)));
    };
    const submittable = {
      submit(connection: { query(text: string): void }): void {
        work().then(
          () => connection.query(''),
          (e: unknown) => {
            failed = e;
            connection.query('');
          },
        );
      },
      handleEmptyQuery(): void {},
      handleCommandComplete(): void {},
      handleRowDescription(): void {},
      handleDataRow(): void {},
      handlePortalSuspended(): void {},
      handleCopyInResponse(): void {},
      handleCopyData(): void {},
      // The client forgets the active query on an error message (no ReadyForQuery call).
      handleError(e: unknown): void {
        failed ??= e;
        settle();
      },
      handleReadyForQuery(): void {
        settle();
      },
    };
    void client.query(submittable as unknown as pg.Submittable);
  });
}
