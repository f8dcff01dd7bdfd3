import type pg from 'pg';
import type { Tx } from '../../db/index.ts';

/** Distinct statement texts this process prepares; past it, statements run unnamed. */
const preparedTextsMax = 64;
const names = new Map<string, string>();

/**
 * `tx` whose parameterized statements run as named (prepared) statements: each connection
 * parses and plans a statement text once, then only binds and executes it. For a hot path
 * of fixed statement texts (the single payment, issue 5: planning was about half of the
 * server's CPU per payment). The name is the text's position in a process-wide table, so
 * one text always has one name; at most `preparedTextsMax` texts are named (a connection
 * keeps each prepared statement until it closes). Statements without parameters (BEGIN,
 * COMMIT) go through unchanged. Same results, same errors, same transaction.
 */
export function preparedTx(tx: Tx): Tx {
  const client = tx as unknown as pg.ClientBase;
  return {
    __tx: true,
    query<R extends pg.QueryResultRow>(text: string, params?: readonly unknown[]) {
      const name = params === undefined ? undefined : nameOf(text);
      if (name === undefined) return tx.query<R>(text, params);
      return client.query<R>({ name, text, values: params as unknown[] });
    },
  } as Tx;
}

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= preparedTextsMax) return known;
  const name = `pay_prepared_${names.size + 1}`;
  names.set(text, name);
  return name;
}
