import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { cisBin } from '../../../test/support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cis-winter-'));
const dataDir = join(scratch, 'data');
after(() => rmSync(scratch, { recursive: true, force: true }));

const bin = await cisBin();

function cis(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'jobs', 'run', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIS_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

it('cis jobs run winter-average --json computes the winter effective April 1', () => {
  const run = cis('winter-average', '--as-of', '2026-03-15', '--json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { ok: boolean; effectiveFrom: string; rows: unknown[] };
  assert.deepEqual([out.ok, out.effectiveFrom, out.rows], [true, '2026-04-01', []]);
});

it('cis jobs run winter-average prints a summary line', () => {
  const run = cis('winter-average', '--as-of', '2026-11-26');
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /winter averages effective 2026-04-01: 0 account\(s\)/);
});

it('cis jobs run budget-billing rewrites the periods of active plans', () => {
  const run = cis('budget-billing', '--as-of', '2026-11-26');
  assert.equal(run.status, 0, run.stderr);
  assert.match(
    run.stdout,
    /budget billing as of 2026-11-26: 0 removed after a late payment; 0 plan\(s\), 0 period\(s\)/,
  );
});

it('cis jobs run winter-average refuses bad account ids', () => {
  const run = cis('winter-average', '--as-of', '2026-11-26', '--accounts', '1,x');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /account ids separated by commas/);
});
