import type pg from 'pg';
import type { Result } from '../core/result.ts';
import type { Database, Tx } from './types.ts';

export type TransactionOptions = {
  /** Compute everything, then roll back (style.md §10). */
  readonly dryRun?: boolean;
  readonly isolation?: 'read committed' | 'repeatable read' | 'serializable';
};

/**
 * Runs `work` in one transaction. It commits only when `work` returns an ok result and this
 * is not a dry run; an error result or a thrown exception rolls back, so a failed command
 * never leaves anything half-written.
 */
export async function inTransaction<T, C extends string>(
  db: Database,
  work: (tx: Tx) => Promise<Result<T, C>>,
  options: TransactionOptions = {},
): Promise<Result<T, C>> {
  const client = await db.pool.connect();
  try {
    await client.query(
      options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN',
    );
    const result = await work(asTx(client));
    await client.query(result.ok && !options.dryRun ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** For read-only work that needs a consistent snapshot but no result discipline. */
export async function withClient<T>(db: Database, work: (q: Tx) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  try {
    return await work(asTx(client));
  } finally {
    client.release();
  }
}

function asTx(client: pg.PoolClient): Tx {
  return client as unknown as Tx;
}
