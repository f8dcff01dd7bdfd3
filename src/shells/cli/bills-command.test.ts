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
import { billCycle, fixtureAccount, reads } from '../../modules/billing/document/bill-fixture.ts';

/** `cis bills print|email|pdf` end to end against PostgreSQL through DATABASE_URL. */
const bin = join(process.cwd(), 'bin', 'cis.js');

describe('cis bills', { skip: !enginesUnderTest().includes('postgres') }, () => {
  let pg: TestDatabase;
  let runId = 0;
  const dir = mkdtempSync(join(tmpdir(), 'cis-bills-'));
  before(async () => {
    pg = await createTestDatabase('postgres');
    const paper = await fixtureAccount(pg.db, { key: 'CP', cycle: 2 });
    const email = await fixtureAccount(pg.db, {
      key: 'CE',
      cycle: 2,
      paperless: true,
      email: 'e@example.test',
      language: 'es',
    });
    for (const a of [paper, email]) await reads(pg.db, a.meterNumber, [['2026-01-31', 79_000]]);
    runId = await billCycle(pg.db, 2, '2026-01-31');
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
