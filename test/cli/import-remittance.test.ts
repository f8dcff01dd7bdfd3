import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, enginesUnderTest, type TestDatabase } from '../support/test-db.ts';
import { cisBin } from '../support/cli.ts';

/** `cis import lockbox|bai2|remittance-csv` as a process (PAY-5): outcomes and exit codes. */
const bin = await cisBin();
const ext = join(process.cwd(), '..', 'shared', 'testdata', 'external');

describe(
  'cis import lockbox|bai2 with DATABASE_URL',
  { skip: !enginesUnderTest().includes('postgres') },
  () => {
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
    const count = async (table: string): Promise<number> =>
      Number((await pg.db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

    it('a malformed BAI2 file exits 65 naming the line and field, and posts nothing', async () => {
      const r = cis('import', 'bai2', join(ext, 'bai2', 'moov-sample5-issue113.txt'));
      assert.equal(r.status, 65, r.stdout);
      assert.match(r.stderr, /file_malformed/);
      assert.match(
        r.stderr,
        /line 63: record code: "88:": a record code is two digits and a comma/,
      );
      assert.equal(await count('journal_entry'), 0);
    });

    it('the lockbox sample: a dry run reports one unmatched check; the real import holds it once', async () => {
      const file = join(ext, 'lockbox', 'test_lockbox.bai');
      const dry = cis('import', 'lockbox', file, '--dry-run');
      assert.equal(dry.status, 0, dry.stderr);
      assert.match(dry.stdout, /line 4: unmatched \$7000\.00 ref CE554/);
      assert.match(dry.stdout, /dry run: would import 1 item\(s\)/);
      assert.equal(await count('unapplied_cash'), 0);
      const r = cis('import', 'lockbox', file, '--json');
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual([JSON.parse(r.stdout).unmatched, await count('unapplied_cash')], [1, 1]);
      const again = cis('import', 'lockbox', file);
      assert.equal(again.status, 75);
      assert.match(again.stderr, /file_already_imported/);
      const verify = cis('ledger', 'verify');
      assert.equal(verify.status, 0, verify.stdout);
    });
  },
);
