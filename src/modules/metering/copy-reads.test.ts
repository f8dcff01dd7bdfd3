import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database, type Queryable } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { copyTimestamp, usageText } from './copy-reads.ts';
import { importReads, installMeter } from './index.ts';
import { inService } from './metering-test-support.ts';

describe('copyTimestamp', () => {
  it('writes the instant with a numeric offset', () =>
    assert.equal(
      copyTimestamp(new Date('2026-11-26T17:00:00.123Z')),
      '2026-11-26 17:00:00.123+00',
    ));
});

describe('usageText (COPY computes usage in JS)', () => {
  const cases: [number, string, string][] = [
    [2_900_000, '1.0000', '2900.000'], // multiplier 1: the delta itself
    [12_345, '40.0000', '493.8000'], // 12.345 × 40
    [1, '0.0005', '0.0000'], // 0.001 × 0.0005 = 0.0000005 → rounds down
    [1, '0.0500', '0.0001'], // 0.001 × 0.05 = 0.00005 → half up to 0.0001
    // 9,999,999.999 × 1,234.5678 = 12,345,677,998.7654322: 10^-7 units pass 2^53 (BigInt).
    [9_999_999_999, '1234.5678', '12345677998.7654'],
  ];
  for (const [delta, multiplier, text] of cases) {
    it(`${delta} thousandths × ${multiplier} = ${text}`, () =>
      assert.equal(usageText(delta, multiplier), text));
  }
});

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

async function meter(db: Database, n: string, multiplier: string): Promise<void> {
  const p = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'commercial', 1, now()) RETURNING id`,
    [`P-${n}`],
  );
  const m = {
    premiseId: p.rows[0]!.id,
    meterNumber: n,
    service: 'electric' as const,
    size: null,
    installedOn: localDate('2026-01-01'),
    registers: [{ kind: 'kwh' as const, multiplier, dials: 5, initialMilli: 1_000 }],
  };
  expectOk(await inTransaction(db, (tx) => installMeter(tx, m, ctx)));
  await inService(db, n);
}

describeEngines('metering: COPY and INSERT write the same reads', (t) => {
  it('stores identical values, deltas, usage, holds and sources either way', async () => {
    const file = (m: string) =>
      [
        'meter_number,read_date,reading',
        `${m},2026-01-31,31.5`, // 30.5 kWh × 40 = 1,220
        `${m},2026-03-02,62.5`, // 31 × 40
        `${m},2026-04-01,62.5`, // zero usage: held
        `${m},2026-05-01,500.75`, // > 3× the average: held high
      ].join('\n');
    const engines = [t.engine, undefined] as const; // COPY, then INSERT
    for (const [i, engine] of engines.entries()) {
      await meter(t.db, `E${i}`, '40.0000');
      const text = file(`E${i}`);
      const s = await inTransaction(t.db, (tx) =>
        importReads(tx, { fileName: `e${i}.csv`, text }, { ...ctx, engine }),
      );
      assert.deepEqual(expectOk(s).heldByReason, { zero_usage: 1, high_usage: 1 });
    }
    const rows = await t.db.pool.query<{ m: string; r: string }>(
      `SELECT m.meter_number AS m, string_agg(concat_ws(' ', mr.read_date, mr.value, mr.delta,
              mr.usage_days, mr.usage, mr.source, mr.kind, mr.status, mr.hold_reason), '; '
              ORDER BY mr.read_date) AS r
         FROM meter_read mr JOIN register rg ON rg.id = mr.register_id
         JOIN meter m ON m.id = rg.meter_id WHERE mr.import_batch_id IS NOT NULL
        GROUP BY m.meter_number ORDER BY m.meter_number`,
    );
    const expected =
      '2026-01-31 31.500 30.500 30 1220.0000 import regular accepted; ' +
      '2026-03-02 62.500 31.000 30 1240.0000 import regular accepted; ' +
      '2026-04-01 62.500 0.000 30 0.0000 import regular held zero_usage; ' +
      '2026-05-01 500.750 438.250 60 17530.0000 import regular held high_usage';
    assert.deepEqual(
      rows.rows.map((x) => x.r),
      engines.map(() => expected),
    );
  });
});

describeEngines('metering: the import chains onto the latest accepted read by date', (t) => {
  it('takes the latest date, not the latest written read, as the previous read', async () => {
    await meter(t.db, 'L1', '1.0000'); // baseline 1.000 on 2026-01-01
    const first = 'meter_number,read_date,reading\nL1,2026-03-01,50';
    expectOk(
      await inTransaction(t.db, (tx) =>
        importReads(tx, { fileName: 'l1.csv', text: first }, { ...ctx, engine: t.engine }),
      ),
    );
    // An older read written after it (a conversion, say): a higher id, an earlier date.
    await t.db.pool.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, source, kind, status,
         created_at)
       SELECT rg.id, rg.premise_id, '2026-02-01', 20, 'field', 'regular', 'accepted', now()
         FROM register rg JOIN meter m ON m.id = rg.meter_id WHERE m.meter_number = 'L1'`,
    );
    const stamped = await t.db.pool.query<{ at: Date }>(
      `SELECT created_at AS at FROM meter_read WHERE read_date = '2026-03-01' AND source = 'import'`,
    );
    assert.deepEqual(
      stamped.rows.map((x) => x.at.toISOString()),
      [ctx.now.toISOString()],
    );
    const next = 'meter_number,read_date,reading\nL1,2026-04-01,80';
    for (const engine of [t.engine, undefined]) {
      const r = await inTransaction(
        t.db,
        async (tx) => {
          expectOk(await importReads(tx, { fileName: 'l2.csv', text: next }, { ...ctx, engine }));
          return { ok: true as const, value: await readOf(tx, '2026-04-01') };
        },
        { dryRun: true },
      );
      // From the 2026-03-01 read (50): 30 units over 31 days, not 60 over 59 from 2026-02-01.
      assert.deepEqual(expectOk(r), { delta: '30.000', days: 31, status: 'accepted' });
    }
  });
});

async function readOf(
  tx: Queryable,
  date: string,
): Promise<{ delta: string; days: number; status: string }> {
  const r = await tx.query<{ delta: string; days: number; status: string }>(
    `SELECT mr.delta::text AS delta, mr.usage_days AS days, mr.status FROM meter_read mr
       JOIN register rg ON rg.id = mr.register_id JOIN meter m ON m.id = rg.meter_id
      WHERE m.meter_number = 'L1' AND mr.read_date = $1`,
    [date],
  );
  return r.rows[0]!;
}
