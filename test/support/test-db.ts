import { PGlite } from '@electric-sql/pglite';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import {
  migrate,
  migrationsDigest,
  openDatabase,
  pgliteExtensions,
  type Database,
  type Engine,
} from '../../src/db/index.ts';

/**
 * Every database test runs on both engines (issue 2): embedded PGlite and a real
 * PostgreSQL server. Each `describeEngines` block gets a fresh database made from a
 * migrated template (a data-folder dump for PGlite, a template database for PostgreSQL),
 * which saves the 3–4 s initdb and the migrations per block.
 */
export type EngineContext = { readonly engine: Engine; readonly db: Database };

const cacheDir = join(process.cwd(), '.cache', 'test-templates');

export function enginesUnderTest(): Engine[] {
  const text = process.env.CIS_TEST_ENGINES ?? 'pglite,postgres';
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is Engine => s === 'pglite' || s === 'postgres');
}

export function adminDatabaseUrl(): string {
  return (
    process.env.TEST_DATABASE_URL ??
    process.env.DATABASE_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

/** Runs `body` once per engine under test, each with its own fresh, migrated database. */
export function describeEngines(title: string, body: (ctx: EngineContext) => void): void {
  for (const engine of enginesUnderTest()) {
    describe(`${title} [${engine}]`, () => {
      let handle: TestDatabase | undefined;
      before(async () => {
        handle = await createTestDatabase(engine);
      });
      after(async () => {
        await handle?.dispose();
      });
      body({
        engine,
        get db(): Database {
          if (!handle) throw new Error('test database not ready (used outside a test?)');
          return handle.db;
        },
      });
    });
  }
}

export type TestDatabase = {
  readonly db: Database;
  readonly url?: string;
  dispose(): Promise<void>;
};

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  return engine === 'pglite' ? createPgliteDatabase() : createPostgresDatabase();
}

/** The migrated PGlite template: a gzipped data-folder dump for `openDatabase({ loadDataDir })`. */
export async function pgliteTemplate(): Promise<Blob> {
  const file = join(cacheDir, `pglite-${migrationsDigest()}.tar.gz`);
  if (!existsSync(file)) {
    const dir = mkdtempSync(join(tmpdir(), 'cis-tpl-'));
    const db = await openDatabase({ dataDir: dir });
    await migrate(db);
    await db.close();
    await writePgliteDump(dir, file);
    rmSync(dir, { recursive: true, force: true });
  }
  return new Blob([readFileSync(file)]);
}

/** Writes a gzipped dump of a closed PGlite data folder to `file`, atomically. */
async function writePgliteDump(dataDir: string, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const lite = await PGlite.create({ dataDir: `${dataDir}/pglite`, extensions: pgliteExtensions });
  const dump = await lite.dumpDataDir('gzip');
  await lite.close();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file); // atomic: concurrent test processes may race to write it
}

export type PgliteTestDatabase = TestDatabase & {
  /** Closes the database and dumps its data folder to `file` (for `createPgliteDatabase`). */
  closeAndDump(file: string): Promise<void>;
};

/** A PGlite database in a new data folder, started from `dump` (default: the migrated template). */
export async function createPgliteDatabase(dump?: Blob): Promise<PgliteTestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'cis-test-'));
  const db = await openDatabase({ dataDir: dir, loadDataDir: dump ?? (await pgliteTemplate()) });
  let open = true;
  const close = async () => {
    if (open) await db.close();
    open = false;
  };
  return {
    db,
    async closeAndDump(file) {
      await close();
      await writePgliteDump(dir, file);
    },
    async dispose() {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let sequence = 0;

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = adminDatabaseUrl();
  const template = `cis_tpl_${migrationsDigest()}`;
  const name = `cis_test_${process.pid}_${Date.now().toString(36)}_${sequence++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await ensurePostgresTemplate(admin, adminUrl, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const db = await openDatabase({ databaseUrl: url, poolSize: 8 });
  return {
    db,
    url,
    async dispose() {
      await db.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function ensurePostgresTemplate(admin: pg.Client, adminUrl: string, template: string) {
  const lockKey = 7_305_002;
  await admin.query('SELECT pg_advisory_lock($1)', [lockKey]);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount) return;
    // Templates of other migration sets are left alone: another checkout (or a helper's
    // working tree) on the same server may be creating test databases from them right now.
    // They are small; `npm run test:clean-templates` drops them when nothing is running.
    await admin.query(`CREATE DATABASE ${template}`);
    const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, template), poolSize: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await admin.query(`ALTER DATABASE ${template} IS_TEMPLATE true`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock($1)', [lockKey]);
  }
}
