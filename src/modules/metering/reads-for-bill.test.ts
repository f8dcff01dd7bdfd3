import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate as d } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  exchangeMeter,
  importReads,
  installMeter,
  periodUsage,
  readsForBill,
  replacedMeterReadsForBill,
  usageForAgreements,
  type RegisterReadsForBill,
} from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-04-01T12:00:00Z') };

async function premise(db: Database, no: string): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', 1, now()) RETURNING id`,
    [no],
  );
  return r.rows[0]!.id;
}

async function reads(db: Database, lines: string): Promise<void> {
  const text = `meter_number,read_date,reading\n${lines}`;
  const file = { fileName: `${lines}.csv`, text };
  expectOk(await inTransaction(db, (tx) => importReads(tx, file, ctx)));
}

/** Replaces `oldMeter` by `newMeter` (in at zero) on `on`, the old one reading `finalGallons`. */
async function exchange(
  db: Database,
  oldMeter: string,
  newMeter: string,
  on: string,
  final: number,
) {
  const old = { meterNumber: oldMeter, removedOn: d(on), finalMilli: { gallon: final * 1000 } };
  const replacement = {
    meterNumber: newMeter,
    size: '1',
    registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 0 }],
  };
  expectOk(await inTransaction(db, (tx) => exchangeMeter(tx, { old, replacement }, ctx)));
}

/** A read row as `[meter, previous, current, usage]` with reads as `date value`. */
function row(r: RegisterReadsForBill | null) {
  const read = (x: RegisterReadsForBill['previous']) =>
    x === null ? null : `${x.readDate} ${x.value}`;
  return r === null ? null : [r.meterNumber, read(r.previous), read(r.current), r.usage];
}

const period = (meterNumber: string, after: string, through: string) =>
  ({ meterNumber, register: 'gallon', after: d(after), through: d(through) }) as const;

describeEngines('metering: a bill period’s read rows across meter exchanges', (t) => {
  it('two exchanges in one period give one row per meter, oldest first, adding up to the usage', async () => {
    const p = await premise(t.db, 'P-RB-1');
    const meter = {
      premiseId: p,
      meterNumber: 'RB-A',
      service: 'water' as const,
      size: '3/4',
      installedOn: d('2026-01-01'),
      registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 1_000_000 }],
    };
    expectOk(await inTransaction(t.db, (tx) => installMeter(tx, meter, ctx)));
    await reads(t.db, 'RB-A,2026-01-31,4000\n');
    await exchange(t.db, 'RB-A', 'RB-B', '2026-02-10', 5000);
    await exchange(t.db, 'RB-B', 'RB-C', '2026-02-20', 700);
    await reads(t.db, 'RB-C,2026-02-28,300\n');

    const feb = period('RB-C', '2026-01-31', '2026-02-28');
    const replaced = await replacedMeterReadsForBill(t.db.pool, feb);
    assert.deepEqual(replaced.map(row), [
      ['RB-A', '2026-01-31 4000', '2026-02-10 5000', 1000],
      ['RB-B', '2026-02-10 0', '2026-02-20 700', 700],
    ]);
    const current = await readsForBill(t.db.pool, feb);
    assert.deepEqual(row(current), ['RB-C', '2026-02-20 0', '2026-02-28 300', 300]);
    const rowsUsage = [...replaced, current!].reduce((n, r) => n + r.usage, 0);
    assert.equal(rowsUsage, await periodUsage(t.db.pool, feb));
    // The bill run bills what the rows show: all three meters.
    assert.deepEqual(await usageForAgreements(t.db.pool, [feb]), [
      { accepted: 3, held: 0, usage: 2000 },
    ]);

    // A January bill shown after the exchanges (its agreement now on RB-C): the row of the
    // meter that read January, RB-A; RB-C had no read yet.
    const jan = period('RB-C', '2026-01-01', '2026-01-31');
    assert.deepEqual((await replacedMeterReadsForBill(t.db.pool, jan)).map(row), [
      ['RB-A', '2026-01-01 1000', '2026-01-31 4000', 3000],
    ]);
    assert.deepEqual(row(await readsForBill(t.db.pool, jan)), ['RB-C', null, null, 0]);
    // The oldest meter replaced none.
    assert.deepEqual(
      await replacedMeterReadsForBill(t.db.pool, period('RB-A', '2026-01-31', '2026-02-28')),
      [],
    );
    // March: the replaced meters have no reads in it any more.
    await reads(t.db, 'RB-C,2026-03-31,1300\n');
    const mar = period('RB-C', '2026-02-28', '2026-03-31');
    assert.deepEqual(await replacedMeterReadsForBill(t.db.pool, mar), []);
    assert.deepEqual(row(await readsForBill(t.db.pool, mar)), [
      'RB-C',
      '2026-02-28 300',
      '2026-03-31 1300',
      1000,
    ]);
  });

  it('a meter installed without an initial read shows its first read as the previous one', async () => {
    // As a conversion or the demo city loads meters: meter and register rows, no reads.
    const p = await premise(t.db, 'P-RB-2');
    const m = await t.db.pool.query<{ id: number }>(
      `INSERT INTO meter (premise_id, meter_number, service, size, status, installed_on, created_at)
       VALUES ($1, 'RB-D', 'water', '3/4', 'installed', '2026-01-01', now()) RETURNING id`,
      [p],
    );
    await t.db.pool.query(
      `INSERT INTO register (meter_id, premise_id, kind, dials) VALUES ($1, $2, 'gallon', 6)`,
      [m.rows[0]!.id, p],
    );
    await reads(t.db, 'RB-D,2026-01-10,1000\nRB-D,2026-01-31,4000\n');
    const jan = period('RB-D', '2026-01-01', '2026-01-31');
    assert.deepEqual(row(await readsForBill(t.db.pool, jan)), [
      'RB-D',
      '2026-01-10 1000',
      '2026-01-31 4000',
      3000,
    ]);
  });
});
