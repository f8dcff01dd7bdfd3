import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate, type LocalDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  estimateMissingReads,
  importReads,
  installMeter,
  usageForAgreements,
  type EstimateOutcome,
  type UsageRequest,
} from './index.ts';

const actor = systemActor('test');
const now = new Date('2026-11-26T12:00:00Z');

async function meter(db: Database, meterNumber: string, installedOn: string): Promise<void> {
  const p = await db.pool.query<{ id: number }>(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude, premise_type,
       cycle, created_at) VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8,
       'single_family', 1, now()) RETURNING id`,
    [`P-${meterNumber}`],
  );
  const m = {
    premiseId: p.rows[0]!.id,
    meterNumber,
    service: 'water' as const,
    size: '5/8',
    installedOn: localDate(installedOn),
    registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 0 }],
  };
  expectOk(await inTransaction(db, (tx) => installMeter(tx, m, { actor, now })));
}

async function reads(db: Database, name: string, lines: string[]): Promise<void> {
  const text = ['meter_number,read_date,reading', ...lines].join('\n');
  expectOk(
    await inTransaction(db, (tx) => importReads(tx, { fileName: name, text }, { actor, now })),
  );
}

const req = (meterNumber: string | null, after: string, through: string): UsageRequest => ({
  meterNumber,
  register: 'gallon',
  after: after as LocalDate,
  through: through as LocalDate,
});

async function estimate(
  db: Database,
  requests: UsageRequest[],
  dryRun = false,
): Promise<readonly EstimateOutcome[]> {
  let out: readonly EstimateOutcome[] = [];
  await inTransaction(db, async (tx) => {
    out = await estimateMissingReads(tx, requests, { actor, now, dryRun });
    return { ok: true, value: null };
  });
  return out;
}

const count = async (db: Database, sql: string): Promise<number> =>
  Number((await db.pool.query<{ n: string }>(sql)).rows[0]!.n);

describeEngines('metering: read estimation', (t) => {
  it('estimates twice in a row from the recent average, then asks for a field visit', async () => {
    await meter(t.db, 'W1', '2026-01-01');
    // 3,000 gal per 30 days twice: 6,000 ÷ 60 = 100 gal/day.
    await reads(t.db, 'w1.csv', ['W1,2026-01-31,3000', 'W1,2026-03-02,6000']);
    const first = await estimate(t.db, [req('W1', '2026-03-02', '2026-04-01')]);
    // 30 days × 100 gal/day = 3,000 gal.
    assert.deepEqual(
      { ...first[0], readId: 0 },
      {
        kind: 'estimated',
        usage: 3_000,
        basis: 'recent_average',
        readId: 0,
      },
    );
    const usage = await usageForAgreements(t.db.pool, [req('W1', '2026-03-02', '2026-04-01')]);
    assert.deepEqual(usage[0], { accepted: 1, held: 0, usage: 3_000 });
    // The second estimate ignores the first (estimates never feed estimates): 30 × 100.
    const second = await estimate(t.db, [req('W1', '2026-04-01', '2026-05-01')]);
    assert.equal(second[0]!.kind === 'estimated' && second[0]!.usage, 3_000);
    const value = await t.db.pool.query<{ value: string }>(
      "SELECT value::text FROM meter_read WHERE read_date = '2026-05-01'",
    );
    assert.equal(value.rows[0]!.value, '12000.000'); // 6,000 + 3,000 + 3,000
    const third = await estimate(t.db, [req('W1', '2026-05-01', '2026-05-31')]);
    assert.deepEqual(third, [{ kind: 'field_visit_required', consecutiveEstimates: 2 }]);
    const orders = "SELECT count(*) AS n FROM service_order WHERE meter_number = 'W1'";
    assert.equal(await count(t.db, orders), 1);
  });

  it('uses the same period last year scaled by days when there is one', async () => {
    await meter(t.db, 'W2', '2025-01-01');
    // 2025-03-01: 2,800 gal over 28 days (100/day); the year after averages differently.
    await reads(t.db, 'w2.csv', [
      'W2,2025-02-01,6200',
      'W2,2025-03-01,9000',
      'W2,2026-02-01,42700',
    ]);
    const out = await estimate(t.db, [req('W2', '2026-02-01', '2026-03-01')]);
    // Window (2025-02-01, 2025-03-01]: 2,800 ÷ 28 days × 28 days = 2,800 gal.
    const o = out[0]!;
    assert.equal(o.kind, 'estimated');
    if (o.kind === 'estimated')
      assert.deepEqual([o.usage, o.basis], [2_800, 'same_period_last_year']);
  });

  it('a dry run estimates but writes no read and no order', async () => {
    await meter(t.db, 'W3', '2026-01-01');
    await reads(t.db, 'w3.csv', ['W3,2026-01-31,1500']);
    const before = await count(t.db, 'SELECT count(*) AS n FROM meter_read');
    const out = await estimate(t.db, [req('W3', '2026-01-31', '2026-03-02')], true);
    // 1,500 gal over 30 days = 50/day × 30 days.
    assert.deepEqual(out, [
      { kind: 'estimated', usage: 1_500, basis: 'recent_average', readId: null },
    ]);
    assert.equal(await count(t.db, 'SELECT count(*) AS n FROM meter_read'), before);
  });

  it('answers has_read, and no_history without a meter, a register or any usage', async () => {
    await meter(t.db, 'W4', '2026-01-01');
    await reads(t.db, 'w4.csv', ['W4,2026-01-31,900']);
    const out = await estimate(t.db, [
      req('W4', '2026-01-01', '2026-01-31'),
      req(null, '2026-01-01', '2026-01-31'),
      req('NOPE', '2026-01-01', '2026-01-31'),
      { ...req('W4', '2026-01-31', '2026-03-02'), register: 'kwh' },
    ]);
    assert.deepEqual(
      out.map((o) => o.kind),
      ['has_read', 'no_history', 'no_history', 'no_history'],
    );
  });
});
