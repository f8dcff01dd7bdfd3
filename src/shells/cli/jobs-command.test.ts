import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { cisBin } from '../../../test/support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cis-jobs-'));
const dataDir = join(scratch, 'data');
after(() => rmSync(scratch, { recursive: true, force: true }));

const bin = await cisBin();

function cis(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'jobs', 'run', 'late-fees', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIS_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

it('cis jobs run late-fees --dry-run --json reports an empty database and exits 0', () => {
  const run = cis('--as-of', '2026-02-22', '--dry-run', '--json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { ok: boolean; dryRun: boolean; bills: number };
  assert.deepEqual([out.ok, out.dryRun, out.bills], [true, true, 0]);
});

it('cis jobs run late-fees prints a summary line', () => {
  const run = cis('--as-of', '2026-02-22');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /late fees as of 2026-02-22: charged 0 of 0 bill\(s\)/);
});

it('cis jobs run late-fees refuses a date that is not a calendar date', () => {
  const run = cis('--as-of', '2026-02-30');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /a date YYYY-MM-DD/);
});
