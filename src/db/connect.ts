import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { limits } from '../core/limits.ts';
import { useBlobCopy } from './copy-rows.ts';
import { acquireDataLock } from './data-lock.ts';
import { installTypeParsers } from './type-parsers.ts';
import type { Database } from './types.ts';

export type ConnectOptions =
  | { readonly databaseUrl: string; readonly poolSize?: number }
  | {
      readonly dataDir: string;
      /** A gzipped data-folder dump to start a new database from (tests, first start). */
      readonly loadDataDir?: Blob;
    };

/** The PGlite extensions OpenCIS uses; the same ones are created on PostgreSQL. */
export const pgliteExtensions = { pg_trgm, fuzzystrmatch };

/**
 * WAL settings of the embedded server (no durability given up: every commit still writes its
 * WAL; PGlite already runs without fsync). PGlite is a single backend with no WAL writer, so
 * with the default 4 MB of WAL buffers a bill-run page's WAL (≈ 9 MB) was written in ≈ 500
 * small writes as the buffers filled; 16 MB lets a page's WAL go out at its COMMIT in a few
 * large ones (shared memory: +12 MB). `wal_init_zero=off`: a new 16 MB WAL segment is created
 * by writing its last byte instead of 16 MB of zeros (a bill run of 20,000 accounts wrote
 * 250 MB of zeros); recovery reads a segment up to the first invalid record either way.
 */
export const pgliteWalParams: readonly string[] = [
  '-c',
  'wal_buffers=2048', // 8 kB pages: 16 MB
  '-c',
  'wal_init_zero=off',
];

/**
 * Opens the database: PostgreSQL through node-postgres when a URL is given, otherwise
 * embedded PGlite in a data folder, reached through its node-postgres adapter so that the
 * whole application uses one driver API (architecture.md "Data").
 */
export async function openDatabase(options: ConnectOptions): Promise<Database> {
  installTypeParsers();
  if ('databaseUrl' in options) return openPostgres(options.databaseUrl, options.poolSize);
  return openPglite(options.dataDir, options.loadDataDir);
}

function openPostgres(url: string, poolSize?: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize ?? limits.poolConnectionsMax,
    connectionTimeoutMillis: limits.poolConnectTimeoutMs,
    statement_timeout: limits.statementTimeoutMs,
  });
  pool.on('error', () => undefined); // an idle client's error surfaces on its next query
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { engine: 'postgres', pool, location, close: () => pool.end() };
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const lock = acquireDataLock(dataDir);
  try {
    const lite = await PGlite.create({
      dataDir: `${dataDir}/pglite`,
      extensions: pgliteExtensions,
      startParams: [...PGlite.defaultStartParams, ...pgliteWalParams],
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    // A pool of one: PGlite is a single session. The connect timeout turns the classic bug
    // of using the pool inside a transaction (a deadlock here) into a clear error.
    const pool = new pg.Pool({
      ...createPgConfig(lite),
      connectionTimeoutMillis: limits.poolConnectTimeoutMs,
    });
    keepSessionOnError(pool);
    pool.on('connect', (client) =>
      useBlobCopy(client, async (sql, blob) => {
        await lite.query(sql, [], { blob });
      }),
    );
    return {
      engine: 'pglite',
      pool,
      location: dataDir,
      async close() {
        await pool.end();
        await lite.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/**
 * `pg.Pool.query` destroys its client when a query fails. Over the PGlite adapter that
 * tears down the one embedded session: the next query fails ("Connection terminated
 * unexpectedly") and the one after it can return an empty result. A failed statement
 * outside a transaction leaves a PostgreSQL session perfectly usable, so on PGlite the
 * pool's `query` releases the client normally whatever the outcome.
 */
function keepSessionOnError(pool: pg.Pool): void {
  const query = async (text: string, params?: unknown[]) => {
    const client = await pool.connect();
    try {
      return await client.query(text, params);
    } finally {
      client.release();
    }
  };
  Object.assign(pool, { query });
}
