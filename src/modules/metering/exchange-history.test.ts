import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines, type EngineContext } from '../../../test/support/test-db.ts';
import { localDate, type LocalDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  enterRead,
  estimateMissingReads,
  exchangeMeter,
  importReads,
  installMeter,
  type EstimateOutcome,
} from './index.ts';

/**
 * After a meter exchange the new meter has no periods of its own: its first reads are checked
 * for high and low use, and its missing reads estimated, from the history of the meter it
 * replaced — converted to the new register's dial units (its multiplier may differ).
 */
const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

/**
 * Meter `old` (gallons, multiplier 1) reads 100 gal/day from 2025-01-01, and is exchanged on
 * 2025-04-15 for `replacement`, whose register counts tens of gallons (multiplier 10).
 */
async function exchanged(t: EngineContext, old: string, replacement: string): Promise<void> {
  const p = await t.db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', 1, now()) RETURNING id`,
    [`P-${old}`],
  );
  const install = {
    premiseId: p.rows[0]!.id,
    meterNumber: old,
    service: 'water' as const,
    size: '5/8',
    installedOn: localDate('2025-01-01'),
    registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 0 }],
  };
  expectOk(await inTransaction(t.db, (tx) => installMeter(tx, install, ctx)));
  // 31 + 28 + 31 days at 100 gal/day.
  const text = [
    'meter_number,read_date,reading',
    `${old},2025-02-01,3100`,
    `${old},2025-03-01,5900`,
    `${old},2025-04-01,9000`,
  ].join('\n');
  expectOk(
    await inTransaction(t.db, (tx) => importReads(tx, { fileName: `${old}.csv`, text }, ctx)),
  );
  const exchange = {
    // 14 days at 100 gal/day.
    old: {
      meterNumber: old,
      removedOn: localDate('2025-04-15'),
      finalMilli: { gallon: 10_400_000 },
    },
    replacement: {
      meterNumber: replacement,
      size: '5/8',
      registers: [{ kind: 'gallon' as const, dials: 5, multiplier: '10', initialMilli: 0 }],
    },
  };
  expectOk(await inTransaction(t.db, (tx) => exchangeMeter(tx, exchange, ctx)));
}

async function importOne(t: EngineContext, meter: string, date: string, reading: string) {
  const text = `meter_number,read_date,reading\n${meter},${date},${reading}`;
  expectOk(
    await inTransaction(t.db, (tx) =>
      importReads(tx, { fileName: `${meter}-${date}.csv`, text }, ctx),
    ),
  );
  const r = await t.db.pool.query<{ status: string; hold: string | null; usage: string }>(
    `SELECT mr.status, mr.hold_reason AS hold, mr.usage::text AS usage
       FROM meter_read mr JOIN register rg ON rg.id = mr.register_id
       JOIN meter m ON m.id = rg.meter_id
      WHERE m.meter_number = $1 AND mr.read_date = $2`,
    [meter, date],
  );
  return r.rows[0]!;
}

describeEngines('metering: history across a meter exchange', (t) => {
  it("holds the new meter's first read when it is far above the old meter's use", async () => {
    await exchanged(t, 'XH-1', 'XH-1B');
    // 30 days: 3,000 units × 10 = 30,000 gal, 1,000 gal/day against 100 → high.
    const high = await importOne(t, 'XH-1B', '2025-05-15', '3000');
    assert.deepEqual([high.status, high.hold], ['held', 'high_usage']);
  });

  it("accepts a first read in line with the old meter's use, and holds a far lower one", async () => {
    await exchanged(t, 'XH-2', 'XH-2B');
    // 30 days: 310 units × 10 = 3,100 gal, about 103 gal/day against 100.
    const normal = await importOne(t, 'XH-2B', '2025-05-15', '310');
    assert.deepEqual([normal.status, normal.hold, Number(normal.usage)], ['accepted', null, 3100]);
    await exchanged(t, 'XH-3', 'XH-3B');
    // A read entered by hand goes through the same history: 30 units × 10 = 300 gal in 30
    // days, 10 gal/day against 100 → low.
    const low = expectOk(
      await inTransaction(t.db, (tx) =>
        enterRead(
          tx,
          {
            meterNumber: 'XH-3B',
            readDate: localDate('2025-05-15'),
            valueMilli: 30_000,
            source: 'field',
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual([low.status, low.holdReason], ['held', 'low_usage']);
  });

  it("estimates the new meter's missing read from the old meter's recent use", async () => {
    await exchanged(t, 'XE-1', 'XE-1B');
    let out: readonly EstimateOutcome[] = [];
    await inTransaction(t.db, async (tx) => {
      out = await estimateMissingReads(
        tx,
        [
          {
            meterNumber: 'XE-1B',
            register: 'gallon',
            after: '2025-04-15' as LocalDate,
            through: '2025-05-15' as LocalDate,
          },
        ],
        { ...ctx, dryRun: false },
      );
      return { ok: true, value: null };
    });
    // Recent periods (old meter): 2,800 + 3,100 + 1,400 gal over 28 + 31 + 14 days = 100/day;
    // in the new register's units 10/day × 30 days = 300 units = 3,000 gal.
    const o = out[0]!;
    assert.equal(o.kind, 'estimated');
    if (o.kind === 'estimated') assert.deepEqual([o.usage, o.basis], [3_000, 'recent_average']);
    const read = await t.db.pool.query<{ value: string; usage: string }>(
      `SELECT mr.value::text AS value, mr.usage::text AS usage
         FROM meter_read mr JOIN register rg ON rg.id = mr.register_id
         JOIN meter m ON m.id = rg.meter_id
        WHERE m.meter_number = 'XE-1B' AND mr.source = 'estimate'`,
    );
    assert.deepEqual(
      read.rows.map((r) => [Number(r.value), Number(r.usage)]),
      [[300, 3000]],
    );
  });
});
