import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
import { systemActor } from '../audit/index.ts';
import { installMeter } from './index.ts';
import { cisBin } from '../../../test/support/cli.ts';

/** `cis import reads` end to end against PostgreSQL through DATABASE_URL, with exit codes. */
const bin = await cisBin();
const dir = mkdtempSync(join(tmpdir(), 'cis-reads-'));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('cis import reads', { skip: !enginesUnderTest().includes('postgres') }, () => {
  let pg: TestDatabase;
  before(async () => {
    pg = await createTestDatabase('postgres');
    const p = await pg.db.pool.query<{ id: number }>(
      `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
         premise_type, cycle, created_at)
       VALUES ('P-CLI', '1 Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family', 1, now())
       RETURNING id`,
    );
    const meter = {
      premiseId: p.rows[0]!.id,
      meterNumber: 'E1',
      service: 'electric' as const,
      size: null,
      installedOn: localDate('2026-01-01'),
      registers: [{ kind: 'kwh' as const, dials: 5, initialMilli: 0 }],
    };
    const ctx = { actor: systemActor('test'), now: new Date() };
    expectOk(await inTransaction(pg.db, (tx) => installMeter(tx, meter, ctx)));
  });
  after(async () => pg.dispose());

  const cis = (...args: string[]) =>
    spawnSync(process.execPath, [bin, 'import', 'reads', ...args], {
      env: { ...process.env, DATABASE_URL: pg.url },
      encoding: 'utf8',
    });

  it('a bad file prints a report per row, exits 65 and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      'meter_number,read_date,reading\nE1,2026-13-01,5\nX9,2026-02-01,5\n',
    );
    const r = cis(bad);
    assert.equal(r.status, 65, r.stderr);
    assert.match(r.stderr, /line 2: bad_date/);
    assert.match(r.stderr, /line 3: unknown_meter/);
    const n = await pg.db.pool.query("SELECT 1 FROM meter_read WHERE source = 'import'");
    assert.equal(n.rowCount, 0);
  });

  it('a malformed NEM12 file is rejected naming the line and the field', () => {
    const nem12 = join(process.cwd(), '..', 'shared', 'testdata', 'external', 'meter-reads');
    const r = cis(join(nem12, 'nem12', 'invalid', 'Example_NEM12_incomplete_interval.csv'));
    assert.equal(r.status, 65, r.stderr);
    assert.match(r.stderr, /line 3: wrong_field_count: 300 record has 7 fields; IntervalLength 30/);
  });

  it('a dry run reports the counts and keeps nothing; the real run imports once', async () => {
    const good = file('good.csv', 'meter_number,read_date,reading\nE1,2026-02-01,500\n');
    const dry = cis(good, '--dry-run', '--json');
    assert.equal(dry.status, 0, dry.stderr);
    assert.equal((JSON.parse(dry.stdout) as { accepted: number }).accepted, 1);
    const real = cis(good);
    assert.equal(real.status, 0, real.stderr);
    assert.match(real.stdout, /imported 1 read\(s\) \(reads_csv\): 1 accepted, 0 held/);
    const again = cis(good);
    assert.equal(again.status, 75);
    assert.match(again.stderr, /file_already_imported/);
  });
});
