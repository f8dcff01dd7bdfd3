import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { openDatabase, type Database, type Queryable } from '../../src/db/index.ts';
import {
  createTestDatabase,
  enginesUnderTest,
  newPgliteDataFolder,
  type TestDatabase,
} from '../support/test-db.ts';
import { cisBin } from '../support/cli.ts';

/**
 * kill -9 in the middle of a bill run, as a real process (`node bin/cis.js bill-run`), on
 * PostgreSQL (DATABASE_URL) and on a PGlite data folder: the page in flight rolls back, the
 * run row still says `running` with the counts of the committed pages, and — once its lease
 * has expired — the next run bills exactly the accounts left. CIS_TEST_BILL_RUN_PAUSE_MS
 * makes the child sleep after every committed page so the kill lands mid-run; the lease
 * expiry is simulated by moving the dead run's heartbeat an hour back (time passing).
 */
const bin = await cisBin();
const accounts = 60;
const page = 10;
const cycle = 6;
const asOf = '2026-01-31';

/** `n` accounts in `cycle`, each with wastewater S1.1 and solid waste SW-R90 (flat: no read). */
async function seed(q: Queryable, n: number): Promise<void> {
  await q.query(
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     SELECT 'person', 'Kill ' || g, 'Kill ' || g, now(), now() FROM generate_series(1, $1) g`,
    [n],
  );
  await q.query(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     SELECT 'PK-' || c.id, c.id || ' Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family',
            $1, now()
       FROM customer c WHERE c.last_name LIKE 'Kill %'`,
    [cycle],
  );
  await q.query(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     SELECT 'AK-' || c.id, c.id, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa',
            'AZ', '85201', now(), now()
       FROM customer c WHERE c.last_name LIKE 'Kill %'`,
  );
  await q.query(
    `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
       start_date, created_at)
     SELECT a.id, p.id, s.service, s.schedule, 'active', '2026-01-01', now()
       FROM account a JOIN premise p ON p.premise_no = 'PK-' || a.customer_id
      CROSS JOIN (VALUES ('wastewater', 'S1.1'), ('solid_waste', 'SW-R90')) AS s (service, schedule)
      WHERE a.account_no LIKE 'AK-%'`,
  );
}

type Target = {
  readonly env: Record<string, string>;
  /** Opens the database in this process (PGlite: only while no child holds the folder). */
  open(): Promise<Database>;
  close(db: Database): Promise<void>;
};

/** Runs the child until its stderr reports at least `pages` committed pages, then kill -9. */
async function killAfterPages(target: Target, pages: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [bin, 'bill-run', '--cycle', String(cycle), '--as-of', asOf, '--page-accounts', String(page)],
    { env: { ...process.env, ...target.env, CIS_TEST_BILL_RUN_PAUSE_MS: '400' } },
  );
  let seen = 0;
  let stderr = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    seen = (stderr.match(/account\(s\)/g) ?? []).length;
    if (seen >= pages) child.kill('SIGKILL');
  });
  const signal = await exited;
  assert.equal(signal, 'SIGKILL', `the child was killed mid-run: ${stderr}`);
}

function cis(target: Target, ...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, ...target.env },
    encoding: 'utf8',
  });
}

async function one<T>(q: Queryable, sql: string): Promise<T> {
  return (await q.query<{ v: T }>(sql)).rows[0]!.v;
}

function killAndResume(name: string, makeTarget: () => Promise<Target>) {
  it(`${name}: a run killed with SIGKILL mid-run is resumed and bills every account exactly once`, async () => {
    const target = await makeTarget();
    let db = await target.open();
    await seed(db.pool, accounts);
    await target.close(db);

    await killAfterPages(target, 2);

    db = await target.open();
    const billed = await one<number>(db.pool, 'SELECT count(*)::int AS v FROM bill');
    assert.ok(billed >= 2 * page && billed < accounts, `${billed} bills after the kill`);
    assert.equal(billed % page, 0, 'the page in flight rolled back whole');
    const dead = await db.pool.query<{ status: string; billed_count: number }>(
      'SELECT status, billed_count FROM bill_run',
    );
    assert.deepEqual(
      dead.rows.map((r) => [r.status, r.billed_count]),
      [['running', billed]],
    );
    // Time passes: the dead run's lease expires.
    await db.pool.query(`UPDATE bill_run SET heartbeat_at = heartbeat_at - interval '1 hour'`);
    await target.close(db);

    const resumed = cis(target, 'bill-run', '--cycle', String(cycle), '--as-of', asOf, '--json');
    assert.equal(resumed.status, 0, resumed.stderr);
    const r = JSON.parse(resumed.stdout) as { billed: number; skipped: number; failed: number };
    assert.deepEqual([r.billed, r.skipped, r.failed], [accounts - billed, billed, 0]);
    const verify = cis(target, 'ledger', 'verify');
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);

    db = await target.open();
    try {
      const perAccount = await db.pool.query<{ n: number; accounts: number }>(
        `SELECT n, count(*)::int AS accounts FROM (
           SELECT a.id, count(b.id)::int AS n FROM account a
             LEFT JOIN bill b ON b.account_id = a.id AND b.status = 'issued'
            GROUP BY a.id) x GROUP BY n`,
      );
      assert.deepEqual(
        perAccount.rows.map((x) => [x.n, x.accounts]),
        [[1, accounts]],
      );
      const bills = await one<string>(db.pool, 'SELECT sum(total_cents)::text AS v FROM bill');
      const receivable = await one<string>(
        db.pool,
        `SELECT sum(l.debit_cents - l.credit_cents)::text AS v FROM journal_line l
           JOIN journal_entry e ON e.id = l.entry_id
          WHERE e.kind = 'bill' AND l.gl_account LIKE 'receivable:%'`,
      );
      assert.equal(bills, receivable);
      const runs = await db.pool.query<{ status: string }>(
        'SELECT status FROM bill_run ORDER BY id',
      );
      assert.deepEqual(
        runs.rows.map((x) => x.status),
        ['failed', 'completed'],
      );
    } finally {
      await target.close(db);
    }
  });
}

describe('bill run killed with SIGKILL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const c of cleanups) await c();
  });

  if (enginesUnderTest().includes('postgres')) {
    killAndResume('PostgreSQL', async () => {
      const pg: TestDatabase = await createTestDatabase('postgres');
      cleanups.push(() => pg.dispose());
      return {
        env: { DATABASE_URL: pg.url! },
        open: async () => pg.db,
        close: async () => undefined,
      };
    });
  }

  if (enginesUnderTest().includes('pglite')) {
    killAndResume('PGlite', async () => {
      const dir = await newPgliteDataFolder(); // the migrated template, closed
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      return {
        env: { DATABASE_URL: '', CIS_DATA_DIR: dir },
        open: () => openDatabase({ dataDir: dir }),
        close: (db) => db.close(),
      };
    });
  }
});
