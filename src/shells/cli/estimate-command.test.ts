import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, it } from 'node:test';
import { cisBin } from '../../../test/support/cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'cis-estimate-'));
const dataDir = join(scratch, 'data');
after(() => rmSync(scratch, { recursive: true, force: true }));

const bin = await cisBin();

function cis(...args: string[]) {
  return spawnSync(process.execPath, [bin, 'estimate', ...args], {
    encoding: 'utf8',
    env: { ...process.env, CIS_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

// Hand-computed in src/modules/rates/engine/rate-energy.test.ts and rate-water.test.ts.
const cases = [
  {
    name: 'E1.1, 1,200 kWh over a 30-day summer period',
    args: ['--schedule', 'E1.1', '--usage', '1200', '--from', '2026-06-05', '--to', '2026-07-05'],
    totalCents: 18_834,
    lines: 7,
  },
  {
    name: 'W1.1, 30,000 gallons on a 3/4" meter',
    args: ['--schedule', 'W1.1', '--usage', '30000', '--from', '2026-07-10', '--to', '2026-08-09'],
    more: ['--meter-size', '3/4'],
    totalCents: 21_501,
    lines: 8,
  },
] as const;

for (const c of cases) {
  it(`cis estimate --json prints the bill for ${c.name} without opening the database`, () => {
    const run = cis(...c.args, ...('more' in c ? c.more : []), '--json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout) as {
      lines: {
        code: string;
        description: string;
        quantity: number;
        unit: string;
        amountCents: number;
      }[];
      totalCents: number;
    };
    assert.equal(out.totalCents, c.totalCents);
    assert.equal(out.lines.length, c.lines);
    assert.equal(
      out.lines.reduce((s, l) => s + l.amountCents, 0),
      out.totalCents,
    );
    assert.deepEqual(Object.keys(out.lines[0] ?? {}), [
      'code',
      'description',
      'quantity',
      'unit',
      'amountCents',
    ]);
    assert.equal(existsSync(dataDir), false, 'estimate must not create or lock a data folder');
  });
}

const bad = [
  { name: 'a usage that is not a whole number', args: ['--schedule', 'E1.1', '--usage', '1.5'] },
  { name: 'an unknown schedule', args: ['--schedule', 'X9', '--usage', '1'] },
  { name: 'an unknown flag', args: ['--schedule', 'E1.1', '--bogus'] },
  { name: 'water without a meter size', args: ['--schedule', 'W1.1', '--usage', '1'] },
] as const;

for (const b of bad) {
  it(`cis estimate exits 64 with a message on ${b.name}`, () => {
    const run = cis(...b.args, '--from', '2026-06-05', '--to', '2026-07-05');
    assert.equal(run.status, 64);
    assert.notEqual(run.stderr.trim(), '');
  });
}

it('cis estimate without --json prints a table ending in the total', () => {
  const run = cis(...cases[0].args);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Total \(30 days, summer\)\s+\$188\.34/);
});
