import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cisBin, realCisBin } from '../support/cli.ts';

/**
 * The newcomer's path, as a process: `cis serve --demo` on an empty embedded data folder
 * migrates, generates the demo city, prints the demo logins and serves; a second start
 * keeps the data; a second process on the same folder is refused with a clear message.
 * The server starts through the real entry, bin/cis.js (tsx); the other commands through
 * the test bundle of the same sources (test/support/cli.ts). A small city: its size is not
 * what is tested here (the 24 months of history and its bill runs come with it whatever it is).
 */
const bin = realCisBin;
const cli = await cisBin();
const dataDir = mkdtempSync(join(tmpdir(), 'cis-serve-'));
const env = { ...process.env, CIS_DATA_DIR: dataDir, CIS_DEMO_ACCOUNTS: '60', DATABASE_URL: '' };
delete (env as Record<string, string | undefined>).DATABASE_URL;

function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', '--demo', '--port', String(port)], { env });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    child.stdout?.on('data', () => {
      if (out.includes('OpenCIS is ready')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}:\n${out}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('cis serve --demo on the embedded database', () => {
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('first start generates the demo city and prints the logins; a restart keeps the data', async () => {
    const first = await startServer(3917);
    try {
      assert.match(first.output(), /generating a demo city of 60 accounts/);
      for (const u of [
        'csr1',
        'csr2',
        'supervisor',
        'cashier',
        'dispatcher',
        'tech',
        'solidwaste',
        'admin',
      ]) {
        assert.match(first.output(), new RegExp(`\\b${u}\\b`));
      }
      const health = await fetch('http://127.0.0.1:3917/healthz');
      assert.equal(health.status, 200);
      const login = await fetch('http://127.0.0.1:3917/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'csr1', password: 'demo' }),
      });
      assert.equal(login.status, 200);

      const second = spawnSync(process.execPath, [cli, 'migrate'], { env, encoding: 'utf8' });
      assert.notEqual(second.status, 0, 'a second process must not open a locked data folder');
      assert.match(second.stderr, /in use by process/);
    } finally {
      await stop(first.child);
    }
    const again = await startServer(3918);
    try {
      assert.doesNotMatch(again.output(), /generating a demo city/);
      const health = await fetch('http://127.0.0.1:3918/healthz');
      assert.equal(health.status, 200);
    } finally {
      await stop(again.child);
    }
    const verify = spawnSync(process.execPath, [cli, 'ledger', 'verify'], {
      env,
      encoding: 'utf8',
    });
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });
});
