import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './types.ts';

/**
 * Forward-only, numbered SQL migrations in `migrations/` (decision 0003). Each file runs in
 * its own transaction; its checksum is recorded so that an edited, already-applied file is
 * refused instead of silently diverging between databases.
 */
export const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export type Migration = { readonly version: number; readonly name: string; readonly sql: string };
export type MigrationOutcome = { readonly version: number; readonly name: string };

const fileNamePattern = /^(\d{4})-([a-z0-9-]+)\.sql$/;
/** Any constant works; it only has to be the same in every process. */
const migrationAdvisoryLockKey = 7_305_001;

export function loadMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const m = fileNamePattern.exec(file);
    if (!m) throw new Error(`bad migration file name ${file} (want NNNN-name.sql)`);
    const version = Number(m[1]);
    if (seen.has(version)) throw new Error(`two migrations numbered ${m[1]}`);
    seen.add(version);
    return { version, name: m[2] as string, sql: readFileSync(join(dir, file), 'utf8') };
  });
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

/** A digest of all migrations: names the migrated template databases used by tests. */
export function migrationsDigest(migrations = loadMigrations()): string {
  const h = createHash('sha256');
  for (const m of migrations) h.update(`${m.version}:${checksumOf(m.sql)}\n`);
  return h.digest('hex').slice(0, 16);
}

export async function migrate(
  db: Database,
  migrations = loadMigrations(),
): Promise<MigrationOutcome[]> {
  const client = await db.pool.connect();
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      version int PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    // Two app nodes starting at once on one PostgreSQL: one migrates, the other waits.
    await client.query('SELECT pg_advisory_lock($1)', [migrationAdvisoryLockKey]);
    try {
      const applied = await client.query<{ version: number; checksum: string }>(
        'SELECT version, checksum FROM schema_migration',
      );
      const known = new Map(applied.rows.map((r) => [r.version, r.checksum]));
      const outcomes: MigrationOutcome[] = [];
      for (const m of migrations) {
        const recorded = known.get(m.version);
        if (recorded !== undefined) {
          if (recorded !== checksumOf(m.sql)) {
            throw new Error(`migration ${m.version}-${m.name} was edited after it was applied`);
          }
          continue;
        }
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query(
            'INSERT INTO schema_migration (version, name, checksum) VALUES ($1, $2, $3)',
            [m.version, m.name, checksumOf(m.sql)],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.version}-${m.name} failed: ${(e as Error).message}`, {
            cause: e,
          });
        }
        outcomes.push({ version: m.version, name: m.name });
      }
      return outcomes;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [migrationAdvisoryLockKey]);
    }
  } finally {
    client.release();
  }
}
