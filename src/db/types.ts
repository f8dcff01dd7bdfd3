import type pg from 'pg';

export type Engine = 'pglite' | 'postgres';

/** Anything that runs SQL: the pool (outside a transaction) or a transaction's client. */
export type Queryable = {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: readonly unknown[],
  ): Promise<pg.QueryResult<R>>;
};

/** A transaction's handle. Service functions take a `Tx`, never the pool. */
export type Tx = Queryable & { readonly __tx: true };

export type Database = {
  readonly engine: Engine;
  readonly pool: pg.Pool;
  /** Human-readable location: the data folder or the server URL without password. */
  readonly location: string;
  close(): Promise<void>;
};
