import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { cisBin } from '../../../test/support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cis-bill-run-'));
const dataDir = join(scratch, 'data');
after(() => rmSync(scratch, { recursive: true, force: true }));

const bin = await cisBin();

function cis(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'bill-run', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIS_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

it('cis bill-run --dry-run --json reports an empty cycle and exits 0', () => {
  const run = cis('--cycle', '4', '--as-of', '2026-01-31', '--dry-run', '--json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as Record<string, unknown>;
  // The result is bounded: counts, the total and the exceptions — never every account.
  assert.deepEqual(out, {
    ok: true,
    runId: null,
    dryRun: true,
    accounts: 0,
    billed: 0,
    skipped: 0,
    failed: 0,
    totalCents: 0,
    exceptions: [],
    exceptionsOmitted: 0,
    exceptionCodes: [],
  });
});

it('cis bill-run refuses a cycle outside 1–16', () => {
  const run = cis('--cycle', '17', '--as-of', '2026-01-31');
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /cycle from 1 to 16/);
});
