import { migrate, openDatabase, type Database } from '../../db/index.ts';
import { readConfig } from '../config.ts';

/**
 * Opens the configured database (taking the data-folder lock on PGlite, so a CLI command
 * cannot write beside a running embedded server), migrates it, runs `work`, closes it.
 */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openDatabase(config.connect);
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}
