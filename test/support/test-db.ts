import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import {
  migrate,
  migrationsDigest,
  openDatabase,
  type Database,
  type Engine,
} from '../../src/db/index.ts';
import { pruneOlder } from './source-digest.ts';

/**
 * Every database test runs on both engines (issue 2): embedded PGlite and a real
 * PostgreSQL server. Each `describeEngines` block gets a fresh database made from a
 * migrated template (a copied data folder for PGlite, a template database for PostgreSQL),
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

/**
 * A PGlite template: a closed data folder in .cache/test-templates/<name>/, made once by
 * `fill` on a copy of `from` (another template) or on a new folder. A test database is a
 * copy of a template and a start (about 1 s; unpacking a data-folder dump and starting takes
 * 1.7 s, initdb and the migrations 3–4 s). Concurrent test processes may race to make it:
 * each fills its own folder and renames it into place, the first one wins.
 */
export async function pgliteTemplateFolder(
  name: string,
  fill: (db: Database) => Promise<void>,
  from?: string,
): Promise<string> {
  const folder = join(cacheDir, name);
  if (existsSync(folder)) {
    utimesSync(folder, new Date(), new Date()); // in use: not pruned as old
    return folder;
  }
  mkdirSync(cacheDir, { recursive: true });
  const tmp = mkdtempSync(`${folder}.tmp-`);
  try {
    if (from) copyDataFolder(from, tmp);
    const db = await openDatabase({ dataDir: tmp });
    try {
      await fill(db);
    } finally {
      await db.close();
    }
    try {
      renameSync(tmp, folder);
    } catch (e) {
      if (!existsSync(folder)) throw e; // else another process was first
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // Templates of other states of the sources, left-over halves of killed runs, old dumps.
  const kind = name.replace(/-[0-9a-f]+$/, '');
  pruneOlder(cacheDir, new RegExp(`^${kind}-[0-9a-f]+(\\.tmp-\\w+|\\.tar\\.gz)?$`), folder);
  return folder;
}

/** The migrated PGlite template (see `pgliteTemplateFolder`). */
export function pgliteTemplate(): Promise<string> {
  return pgliteTemplateFolder(`pglite-${migrationsDigest()}`, async (db) => {
    await migrate(db);
  });
}

/** Copies the database files of a closed data folder (not its lock) into `dataDir`. */
function copyDataFolder(from: string, dataDir: string): void {
  cpSync(join(from, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
}

/**
 * A new PGlite data folder holding a copy of `template` (default: the migrated template),
 * closed, for a process under test to open. Its caller removes it.
 */
export async function newPgliteDataFolder(template?: string): Promise<string> {
  const source = template ?? (await pgliteTemplate());
  const dir = mkdtempSync(join(tmpdir(), 'cis-test-'));
  copyDataFolder(source, dir);
  return dir;
}

/** A PGlite database in a new data folder copied from `template` (default: the migrated one). */
export async function createPgliteDatabase(template?: string): Promise<TestDatabase> {
  const dir = await newPgliteDataFolder(template);
  const db = await openDatabase({ dataDir: dir });
  return {
    db,
    async dispose() {
      await db.close();
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
