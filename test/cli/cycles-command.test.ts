import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, enginesUnderTest, type TestDatabase } from '../support/test-db.ts';
import { cisBin } from '../support/cli.ts';

/** `cis cycles schedule|list` as a process against PostgreSQL (DATABASE_URL). */
const bin = await cisBin();

describe('cis cycles', { skip: !enginesUnderTest().includes('postgres') }, () => {
  let pg: TestDatabase;
  before(async () => {
    pg = await createTestDatabase('postgres');
  });
  after(async () => pg.dispose());

  const cis = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: pg.url },
      encoding: 'utf8',
    });

  it('schedule fills a year once (16 cycles × 12 months) and again writes nothing', () => {
    const first = cis('cycles', 'schedule', '--year', '2027');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /cycles 2027: 192 read date\(s\) scheduled, 0 already scheduled/);
    const again = cis('cycles', 'schedule', '--year', '2027', '--json');
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { year: 2027, inserted: 0, existing: 192 });
  });

  it('list prints a line per month with the read days of cycles 1–16', () => {
    const r = cis('cycles', 'list', '--year', '2027');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 12);
    assert.match(lines[0]!, /^2027-01 {2}read days( \d{2}){16}$/);
  });

  it('refuses a year that is not one', () => {
    const r = cis('cycles', 'schedule', '--year', 'soon');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /a year from 2000 to 2200/);
  });
});
