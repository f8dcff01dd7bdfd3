import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { exchangeMeter, importReads, installMeter, removeMeter } from './index.ts';
import { inService } from './metering-test-support.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

async function premise(db: Database, no: string): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', 1, now()) RETURNING id`,
    [no],
  );
  return r.rows[0]!.id;
}

async function install(db: Database, premiseId: number, meterNumber: string, dials = 5) {
  return inTransaction(db, (tx) =>
    installMeter(
      tx,
      {
        premiseId,
        meterNumber,
        service: 'water',
        size: '3/4',
        installedOn: localDate('2026-01-01'),
        registers: [{ kind: 'gallon', dials, initialMilli: 1_000_000 }],
      },
      ctx,
    ),
  );
}

const run = (db: Database, fileName: string, text: string) =>
  inTransaction(db, (tx) => importReads(tx, { fileName, text }, ctx));

async function readCount(db: Database): Promise<number> {
  const r = await db.pool.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM meter_read WHERE source = 'import'",
  );
  return r.rows[0]!.n;
}

describeEngines('metering: read import', (t) => {
  it('a good file stores accepted and held reads with their reasons', async () => {
    const p = await premise(t.db, 'P-1');
    expectOk(await install(t.db, p, 'W100'));
    expectOk(await install(t.db, await premise(t.db, 'P-2'), 'W200'));
    await inService(t.db, 'W200');
    const file = [
      'meter_number,read_date,reading',
      'W100,2026-01-31,4000', // 3,000 in 30 days: 100/day
      'W100,2026-03-02,7000', // 100/day
      'W100,2026-04-01,25000', // 600/day > 3x → high
      'W200,2026-01-31,1000', // zero usage on an installed meter
    ].join('\n');
    const s = expectOk(await run(t.db, 'reads-1.csv', file));
    assert.deepEqual(
      [s.rows, s.accepted, s.held, s.heldByReason],
      [4, 2, 2, { high_usage: 1, zero_usage: 1 }],
    );
    const held = await t.db.pool.query<{ hold_reason: string; usage: string }>(
      "SELECT hold_reason, usage::text FROM meter_read WHERE status = 'held' ORDER BY hold_reason",
    );
    assert.deepEqual(
      held.rows.map((r) => r.hold_reason),
      ['high_usage', 'zero_usage'],
    );
  });

  it("accepts zero use on a vacant premise's meter, and holds it on a meter in service", async () => {
    expectOk(await install(t.db, await premise(t.db, 'P-V1'), 'W-VAC'));
    expectOk(await install(t.db, await premise(t.db, 'P-V2'), 'W-SVC'));
    await inService(t.db, 'W-SVC');
    const file = [
      'meter_number,read_date,reading',
      'W-VAC,2026-01-31,1000', // zero since the install's 1,000: nobody lives there
      'W-VAC,2026-03-02,1000',
      'W-VAC,2026-04-01,1000',
      'W-SVC,2026-01-31,1500',
      'W-SVC,2026-03-02,1500', // zero on a served meter: held
    ].join('\n');
    const r = expectOk(await run(t.db, 'vacant.csv', file));
    assert.deepEqual([r.accepted, r.held, r.heldByReason], [4, 1, { zero_usage: 1 }]);
    const held = await t.db.pool.query<{ meter: string; reason: string }>(
      `SELECT m.meter_number AS meter, mr.hold_reason AS reason FROM meter_read mr
         JOIN register g ON g.id = mr.register_id JOIN meter m ON m.id = g.meter_id
        WHERE mr.status = 'held' AND m.meter_number IN ('W-VAC', 'W-SVC')`,
    );
    assert.deepEqual(held.rows, [{ meter: 'W-SVC', reason: 'zero_usage' }]);
  });

  it('a bad file is rejected with a report per row and writes nothing', async () => {
    expectOk(await install(t.db, await premise(t.db, 'P-3'), 'W300'));
    const before = await readCount(t.db);
    const file = [
      'meter_number,read_date,reading',
      'W300,2026-01-31,2000',
      'NOPE,2026-01-31,10',
      'W300,2026-02-30,10',
      'W300,2026-03-31,lots',
      'W300,2026-04-30',
    ].join('\n');
    const r = await run(t.db, 'bad.csv', file);
    assert.equal(r.ok ? 'ok' : r.code, 'file_rejected');
    if (r.ok) return;
    assert.deepEqual(Object.keys(r.fields ?? {}), ['line 3', 'line 4', 'line 5', 'line 6']);
    assert.match(r.fields!['line 3']!, /^unknown_meter/);
    assert.match(r.fields!['line 4']!, /^bad_date/);
    assert.match(r.fields!['line 5']!, /^bad_reading/);
    assert.match(r.fields!['line 6']!, /^wrong_field_count/);
    assert.equal(await readCount(t.db), before);
    const batches = await t.db.pool.query(
      "SELECT 1 FROM read_import_batch WHERE file_name = 'bad.csv'",
    );
    assert.equal(batches.rowCount, 0);
  });

  it('a file without the header is rejected', async () => {
    const r = await run(t.db, 'nohead.csv', 'W300,2026-01-31,2000\n');
    assert.equal(r.ok ? 'ok' : r.code, 'file_rejected');
    assert.match(r.ok ? '' : r.fields!['line 1']!, /^missing_header/);
  });

  it('the same file twice is refused the second time', async () => {
    expectOk(await install(t.db, await premise(t.db, 'P-4'), 'W400'));
    const file = 'meter_number,read_date,reading\nW400,2026-01-31,2000\n';
    expectOk(await run(t.db, 'a.csv', file));
    const again = await run(t.db, 'renamed.csv', file);
    assert.equal(again.ok ? 'ok' : again.code, 'file_already_imported');
  });

  it('a read past the last dial rolls over and the usage wraps at 10^dials', async () => {
    const p = await premise(t.db, 'P-5');
    expectOk(await install(t.db, p, 'W500', 4)); // 4 dials, starts at 1,000
    const file = [
      'meter_number,read_date,reading,register',
      'W500,2026-01-31,9500,gallon',
      'W500,2026-03-02,300,gallon',
    ].join('\n');
    const s = expectOk(await run(t.db, 'roll.csv', file));
    assert.equal(s.accepted, 2);
    const r = await t.db.pool.query<{ usage: string }>(
      "SELECT usage::text FROM meter_read WHERE read_date = '2026-03-02' AND premise_id = $1",
      [p],
    );
    assert.equal(r.rows[0]!.usage, '800.0000'); // 10,000 − 9,500 + 300
  });

  it('meter reads are append-only', async () => {
    await assert.rejects(t.db.pool.query('UPDATE meter_read SET value = 0'), /append-only/);
  });

  it('exchanging a meter takes a final read on the old one and an initial on the new', async () => {
    const p = await premise(t.db, 'P-6');
    expectOk(await install(t.db, p, 'W600'));
    const r = await inTransaction(t.db, (tx) =>
      exchangeMeter(
        tx,
        {
          old: {
            meterNumber: 'W600',
            removedOn: localDate('2026-02-15'),
            finalMilli: { gallon: 4_000_000 },
          },
          replacement: {
            meterNumber: 'W601',
            size: '1',
            registers: [{ kind: 'gallon', dials: 6, initialMilli: 0 }],
          },
        },
        ctx,
      ),
    );
    expectOk(r);
    const reads = await t.db.pool.query<{
      meter_number: string;
      kind: string;
      usage: string | null;
    }>(
      `SELECT m.meter_number, mr.kind, mr.usage::text FROM meter_read mr
         JOIN register g ON g.id = mr.register_id JOIN meter m ON m.id = g.meter_id
        WHERE m.premise_id = $1 ORDER BY mr.id`,
      [p],
    );
    assert.deepEqual(
      reads.rows.map((x) => [x.meter_number, x.kind, x.usage]),
      [
        ['W600', 'initial', null],
        ['W600', 'final', '3000.0000'],
        ['W601', 'initial', null],
      ],
    );
    const audit = await t.db.pool.query(
      "SELECT action FROM audit_log WHERE entity_type = 'meter' ORDER BY id",
    );
    assert.ok(audit.rows.some((a) => a.action === 'meter.removed'));
    const again = await inTransaction(t.db, (tx) =>
      removeMeter(
        tx,
        { meterNumber: 'W600', removedOn: localDate('2026-03-01'), finalMilli: { gallon: 1 } },
        ctx,
      ),
    );
    assert.equal(again.ok ? 'ok' : again.code, 'meter_not_installed');
  });

  // The shared external test data sits beside the repository (/work/shared/testdata).
  const beacon = new URL(
    '../../../../shared/testdata/external/meter-reads/beacon-360-report.csv',
    import.meta.url,
  );
  const skipBeacon = existsSync(beacon) ? false : 'shared/testdata is not beside this checkout';
  it(
    'the Beacon 360 AMI export rolls hourly reads up to one gallon read a day',
    { skip: skipBeacon },
    async () => {
      const p = await premise(t.db, 'P-7');
      const i = await inTransaction(t.db, (tx) =>
        installMeter(
          tx,
          {
            premiseId: p,
            meterNumber: '1470158170',
            service: 'water',
            size: '5/8',
            installedOn: localDate('2024-07-01'),
            registers: [{ kind: 'gallon', dials: 9, initialMilli: 170_000_000 }],
          },
          ctx,
        ),
      );
      expectOk(i);
      const text = readFileSync(beacon, 'utf8');
      const s = expectOk(await run(t.db, 'beacon-360-report.csv', text));
      assert.deepEqual([s.format, s.rows, s.accepted], ['beacon_360', 1, 1]);
      const r = await t.db.pool.query<{ value: string; read_date: string }>(
        "SELECT value::text, read_date FROM meter_read WHERE source = 'import' AND premise_id = $1",
        [p],
      );
      assert.deepEqual(r.rows, [{ value: '170256.635', read_date: '2024-08-01' }]); // 227.6 CCF
    },
  );
});
