import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { inTransaction } from '../../db/index.ts';
import { enrolAutopay } from './autopay-enrol.ts';
import { parseNacha } from './nacha-parse.ts';
import { billAccount, newAccount, payCtx } from './payments-test-support.ts';
import { cisBin } from '../../../test/support/cli.ts';

/** `cis ach generate` and `cis import ach-returns` as processes, against PostgreSQL. */
const bin = await cisBin();
const samples = new URL('../../../../shared/testdata/external/ach/', import.meta.url);

describe('cis ach', { skip: !enginesUnderTest().includes('postgres') }, () => {
  let pg: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'cis-ach-'));
  before(async () => {
    pg = await createTestDatabase('postgres');
    const a = await newAccount(pg.db, 'cli-ach');
    await billAccount(pg.db, a, localDate('2026-03-10'), { water: 4321 });
    expectOk(
      await inTransaction(pg.db, (tx) =>
        enrolAutopay(
          tx,
          {
            accountId: a,
            routingNumber: '231380104',
            accountNumber: '12345678',
            accountType: 'checking',
            holderName: 'Pat Payer',
            enrolledOn: localDate('2026-03-01'),
          },
          payCtx(),
        ),
      ),
    );
  });
  after(async () => {
    await pg.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const cis = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: pg.url, CIS_DATA_DIR: dir },
      encoding: 'utf8',
    });

  it('ach generate sends the prenote first, then the debits of the bills due on the date', () => {
    const first = join(dir, 'prenote.ach');
    const p = cis('ach', 'generate', '--date', '2026-03-01', '--out', first);
    assert.equal(p.status, 0, p.stderr);
    assert.equal(p.stdout.trim(), `${first}: 0 debit(s) totalling $0.00, 1 prenote(s)`);
    const out = join(dir, 'due.ach');
    const r = cis('ach', 'generate', '--date', '2026-03-31', '--out', out, '--json');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { debits: number; totalDebitCents: number };
    assert.deepEqual([report.debits, report.totalDebitCents], [1, 4321]);
    const f = parseNacha(readFileSync(out, 'latin1'));
    assert.ok(f.ok);
    assert.deepEqual(
      f.value.batches[0]!.entries.map((e) => [e.transactionCode, e.amountCents, e.accountNumber]),
      [['27', 4321, '12345678']],
    );
  });

  it('import ach-returns names each code and refuses a malformed file naming line and field', () => {
    const ok = cis('import', 'ach-returns', new URL('return-WEB.ach', samples).pathname);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /line 4 R01 \(Insufficient funds\) trace 091400600000001: unmatched/);
    assert.match(ok.stdout, /R03 \(No account \/ unable to locate account\)/);
    const bad = cis('import', 'ach-returns', new URL('20110805A.ach', samples).pathname);
    assert.equal(bad.status, 65);
    assert.match(bad.stderr, /nacha_malformed — line 93, batch count: file control says 5/);
  });
});
