import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  createTestDatabase,
  enginesUnderTest,
  type TestDatabase,
} from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { runBillRun } from '../../modules/billing/index.ts';
import { importReads, installMeter } from '../../modules/metering/index.ts';
import { cisBin } from '../../../test/support/cli.ts';

/** `cis bills print|email|pdf` end to end against PostgreSQL through DATABASE_URL. */
const bin = await cisBin();
const ctx = { actor: systemActor('test'), now: new Date('2026-02-01T12:00:00Z') };

/** A cycle-2 account with water (read 6,000 gal in January), wastewater and solid waste. */
async function account(db: Database, key: string, email: string | null): Promise<void> {
  const one = async (sql: string, params: unknown[]) =>
    (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
  const customerId = await one(
    `INSERT INTO customer (kind, last_name, display_name, email, language, created_at, updated_at)
     VALUES ('person', $1, $1, $2, 'es', now(), now()) RETURNING id`,
    [`Cli ${key}`, email],
  );
  const premiseId = await one(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family', 2, now())
     RETURNING id`,
    [`P-${key}`],
  );
  const accountId = await one(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, paperless, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       $3, now(), now()) RETURNING id`,
    [`A-${key}`, customerId, email !== null],
  );
  for (const [service, schedule, meter] of [
    ['water', 'W1.1', `W-${key}`],
    ['wastewater', 'S1.1', null],
    ['solid_waste', 'SW-R90', null],
  ] as const) {
    await db.pool.query(
      `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
         start_date, meter_number, meter_size, created_at)
       VALUES ($1, $2, $3, $4, 'active', '2026-01-01', $5, $6, now())`,
      [accountId, premiseId, service, schedule, meter, meter ? '3/4' : null],
    );
  }
  const meter = {
    premiseId,
    meterNumber: `W-${key}`,
    service: 'water' as const,
    size: '3/4',
    installedOn: localDate('2026-01-01'),
    registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 1_000_000 }],
  };
  expectOk(await inTransaction(db, (tx) => installMeter(tx, meter, ctx)));
  const text = `meter_number,read_date,reading\nW-${key},2026-01-31,7000\n`;
  expectOk(await inTransaction(db, (tx) => importReads(tx, { fileName: `${key}.csv`, text }, ctx)));
}

describe('cis bills', { skip: !enginesUnderTest().includes('postgres') }, () => {
  let pg: TestDatabase;
  let runId = 0;
  const dir = mkdtempSync(join(tmpdir(), 'cis-bills-'));
  before(async () => {
    pg = await createTestDatabase('postgres');
    await account(pg.db, 'CP', null);
    await account(pg.db, 'CE', 'e@example.test');
    const run = expectOk(await runBillRun(pg.db, { cycle: 2, asOf: localDate('2026-01-31') }, ctx));
    runId = run.runId!;
  });
  after(async () => {
    await pg.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const cis = (...args: string[]) =>
    spawnSync(process.execPath, [bin, 'bills', ...args], {
      // No SMTP_URL: e-mail goes to the data folder's outbox.
      env: { ...process.env, DATABASE_URL: pg.url, CIS_DATA_DIR: dir, SMTP_URL: '' },
      encoding: 'utf8',
    });

  it('print writes the PDF and the index of the paper bills and logs them queued', async () => {
    const out = join(dir, 'print');
    const r = cis('print', '--run', String(runId), '--out', out, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { bills: number; pages: number; pdfPath: string };
    assert.deepEqual([report.bills, report.pages], [1, 2]);
    assert.equal(readFileSync(report.pdfPath).subarray(0, 5).toString(), '%PDF-');
    const csv = readFileSync(join(out, `print-run-${runId}.csv`), 'utf8')
      .trim()
      .split('\r\n');
    assert.equal(csv.length, 2);
    const log = await pg.db.pool.query<{ channel: string; status: string }>(
      `SELECT channel, status FROM bill_delivery`,
    );
    assert.deepEqual(log.rows, [{ channel: 'print', status: 'queued' }]);
  });

  it('email without SMTP writes .eml files to the outbox; a second pass sends nothing', () => {
    const first = cis('email', '--run', String(runId));
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /via outbox: 1 sent, 0 failed, 0 already sent, 1 on paper/);
    assert.equal(readdirSync(join(dir, 'outbox')).length, 1);
    const again = cis('email', '--run', String(runId));
    assert.match(again.stdout, /0 sent, 0 failed, 1 already sent/);
  });

  it('pdf writes one bill; an unknown run or bill exits with the not-found code', async () => {
    const file = join(dir, 'one.pdf');
    const bill = await pg.db.pool.query<{ id: string }>(`SELECT min(id)::text AS id FROM bill`);
    const ok = cis('pdf', '--bill', bill.rows[0]!.id, '--out', file);
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(existsSync(file));
    const missing = cis('print', '--run', '99999', '--out', dir);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /not_found/);
  });
});
