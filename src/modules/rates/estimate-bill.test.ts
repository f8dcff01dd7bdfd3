import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  addScheduleVersion,
  demoRateCard,
  demoSchedule,
  estimateBill,
  getScheduleVersions,
  rate,
  rateAcross,
  type RateScheduleVersion,
} from './index.ts';

const ctx = { actor: systemActor('rates-test'), now: new Date('2026-05-01T12:00:00Z') };
const june = { from: localDate('2026-06-01'), to: localDate('2026-07-01') };

function body(v: RateScheduleVersion): Omit<RateScheduleVersion, 'code' | 'effectiveFrom'> {
  const { code: _code, effectiveFrom: _from, ...rest } = v;
  return rest;
}

describeEngines('rates: schedules in the database and the estimate', (t) => {
  it('seeds exactly the demo rate card, one version per schedule', async () => {
    const r = await t.db.pool.query<{ data: RateScheduleVersion }>(
      'SELECT data FROM rate_schedule_version ORDER BY id',
    );
    assert.deepEqual(
      r.rows.map((row) => row.data),
      JSON.parse(JSON.stringify(demoRateCard)),
    );
  });

  it('estimates W1.1 6,000 gal summer on a 3/4" meter at $48.43 with taxes', async () => {
    const e = expectOk(
      await estimateBill(t.db.pool, { schedule: 'W1.1', usage: 6000, ...june, meterSize: '3/4' }),
    );
    assert.equal(e.totalCents, 4843);
    assert.equal(e.season, 'summer');
    assert.equal(e.unit, 'gallon');
    assert.equal(e.scheduleName, 'Residential water');
  });

  it('estimates through the database exactly as the engine on the demo card', async () => {
    const cases = [
      { schedule: 'E1.1', usage: 1450, from: localDate('2026-01-05'), to: localDate('2026-02-04') },
      { schedule: 'G1.1', usage: 60, ...june },
      { schedule: 'E3.1', usage: 20_000, ...june, demandKw: 80 },
    ];
    for (const c of cases) {
      const e = expectOk(await estimateBill(t.db.pool, c));
      const version = demoSchedule(c.schedule);
      assert.ok(version);
      const engine = expectOk(rate(version, c));
      assert.equal(e.totalCents, engine.totalCents, c.schedule);
      assert.deepEqual(
        e.lines.map((l) => [l.code, l.amountCents]),
        engine.lines.map((l) => [l.code, l.amountCents]),
      );
    }
  });

  it('refuses an unknown schedule and a missing meter size', async () => {
    const unknown = await estimateBill(t.db.pool, { schedule: 'NOPE', usage: 1, ...june });
    assert.equal(unknown.ok ? 'ok' : unknown.code, 'unknown_schedule');
    const noSize = await estimateBill(t.db.pool, { schedule: 'W1.1', usage: 1, ...june });
    assert.equal(noSize.ok ? 'ok' : noSize.code, 'meter_size_required');
  });

  it('rates across a new version effective inside the period', async () => {
    const base = demoSchedule('E1.1');
    assert.ok(base);
    const before = expectOk(
      await estimateBill(t.db.pool, { schedule: 'E1.1', usage: 900, ...june }),
    );
    const dearer: RateScheduleVersion = {
      ...base,
      charges: base.charges.map((c) =>
        c.kind === 'fixed' ? { ...c, amountMicros: 27_500_000 } : c,
      ),
    };
    const added = await inTransaction(t.db, (tx) =>
      addScheduleVersion(
        tx,
        { code: 'E1.1', effectiveFrom: localDate('2026-06-16'), version: body(dearer) },
        ctx,
      ),
    );
    expectOk(added);
    const after = expectOk(
      await estimateBill(t.db.pool, { schedule: 'E1.1', usage: 900, ...june }),
    );
    const engine = expectOk(
      rateAcross([base, { ...dearer, effectiveFrom: localDate('2026-06-16') }], {
        ...june,
        usage: 900,
      }),
    );
    assert.equal(after.totalCents, engine.totalCents);
    assert.ok(after.totalCents > before.totalCents);
    assert.ok(after.lines.some((l) => l.description.includes('2026-06-16')));
    const audit = await t.db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'rates.version_added'`,
    );
    assert.equal(audit.rows.length, 1);
  });

  it('refuses a version not after the latest, and writes nothing', async () => {
    const base = demoSchedule('G3.1');
    assert.ok(base);
    const r = await inTransaction(t.db, (tx) =>
      addScheduleVersion(
        tx,
        { code: 'G3.1', effectiveFrom: localDate('2026-01-01'), version: body(base) },
        ctx,
      ),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'version_not_after_latest');
    assert.equal((await getScheduleVersions(t.db.pool, 'G3.1')).length, 1);
  });

  it('refuses an invalid version with field messages, and writes nothing', async () => {
    const base = demoSchedule('W1.1');
    assert.ok(base);
    const bad = {
      ...body(base),
      charges: base.charges.map((c, i) => {
        if (c.kind === 'fixed') return { ...c, bySizeMicros: { '3/4': -1 } };
        if (c.kind === 'tiered-block')
          return { ...c, blocks: [{ ...c.blocks[1], upTo: 5000 }, ...c.blocks] };
        return i === 3 ? { ...c, kind: 'sales-tax' } : c;
      }),
    };
    const r = await inTransaction(t.db, (tx) =>
      addScheduleVersion(
        tx,
        { code: 'W1.1', effectiveFrom: localDate('2026-09-01'), version: bad },
        ctx,
      ),
    );
    assert.ok(!r.ok);
    assert.equal(r.code, 'invalid');
    const fields = Object.keys(r.fields ?? {});
    assert.ok(fields.includes('version.charges.0.bySizeMicros.3/4'), fields.join());
    assert.ok(fields.includes('version.charges.2.blocks.1.upTo'), fields.join());
    assert.ok(
      fields.some((f) => f.startsWith('version.charges.3')),
      fields.join(),
    );
    assert.equal((await getScheduleVersions(t.db.pool, 'W1.1')).length, 1);
  });
});
