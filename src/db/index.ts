export type { Database, Engine, Queryable, Tx } from './types.ts';
export { openDatabase, pgliteExtensions, type ConnectOptions } from './connect.ts';
export { inTransaction, withClient, type TransactionOptions } from './transaction.ts';
export { migrate, loadMigrations, migrationsDigest, type MigrationOutcome } from './migrate.ts';
export { DataFolderLocked } from './data-lock.ts';
export { copyField, copyLines, copyRows, copyText, type CopyValue } from './copy-rows.ts';
