import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  cycleReadsBetween,
  cyclesToBill,
  fillCycleSchedule,
  runBillRun,
  scheduleYear,
} from './index.ts';
import { localDate } from '../../core/dates.ts';

describeEngines('billing cycles', (t) => {
  let h: TestApp;
  let csr: string;
  const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T17:00:00Z') };
  const fill = (year: number) =>
    inTransaction(t.db, (tx) => fillCycleSchedule(tx, { year }, ctx)).then(expectOk);
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
  });
  after(async () => h.close());

  it('fills a year with 16 cycles × 12 months once; a second fill writes nothing', async () => {
    assert.deepEqual(await fill(2026), { year: 2026, inserted: 192, existing: 0 });
    assert.deepEqual(await fill(2026), { year: 2026, inserted: 0, existing: 192 });
    const audit = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'bill_cycles.scheduled'`,
    );
    assert.equal(audit.rows[0].n, 1);
  });

  it('serves the stored schedule of a year to staff, empty for a year not filled', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/bill-cycles?year=2026',
      headers: { authorization: `Bearer ${csr}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.cyclesPerMonth, 16);
    assert.deepEqual(body.cycles, scheduleYear(2026));
    const novemberCycle1 = body.cycles.find(
      (c: { cycle: number; periodMonth: string }) => c.cycle === 1 && c.periodMonth === '2026-11',
    );
    assert.deepEqual(novemberCycle1, {
      cycle: 1,
      periodMonth: '2026-11',
      readDate: '2026-11-03',
      billDate: '2026-11-04',
    });
    const empty = await h.app.inject({
      method: 'GET',
      url: '/api/bill-cycles?year=2031',
      headers: { authorization: `Bearer ${csr}` },
    });
    assert.deepEqual(empty.json().cycles, []);
  });

  it('lists the cycle reads no completed run covers: ready, running, or failed on the last run', async () => {
    const today = localDate('2026-11-06');
    const left = async () =>
      (await cyclesToBill(t.db.pool, today, 10)).map((c) => [c.cycle, c.readDate, c.state]);
    // Read dates after Oct 27 through Nov 6: Oct cycles 14–16, then Nov cycles 1–3.
    const before = await left();
    assert.deepEqual(before.slice(-3), [
      [1, '2026-11-03', 'ready'],
      [2, '2026-11-05', 'ready'],
      [3, '2026-11-05', 'ready'],
    ]);
    assert.ok(
      before.every(([, d]) => (d as string) > '2026-10-27' && (d as string) <= '2026-11-06'),
    );
    // A completed run of cycle 2 as of a later date covers its Nov 5 read.
    const run = expectOk(await runBillRun(t.db, { cycle: 2, asOf: today }, ctx));
    const inserted = await t.db.pool.query<{ id: number }>(
      `INSERT INTO bill_run (cycle, as_of, status, started_at, finished_at, started_by, heartbeat_at)
       VALUES (3, '2026-11-05', 'running', now(), NULL, 'test', now()),
              (1, '2026-11-03', 'failed', now(), now(), 'test', now()) RETURNING id::int`,
    );
    const [running, failed] = inserted.rows.map((r) => r.id);
    const after = await cyclesToBill(t.db.pool, today, 10);
    assert.ok(!after.some((c) => c.cycle === 2 && c.readDate === '2026-11-05'), `run ${run.runId}`);
    assert.deepEqual(
      after.filter((c) => c.periodMonth === '2026-11').map((c) => [c.cycle, c.state, c.lastRunId]),
      [
        [1, 'failed', failed],
        [3, 'running', running],
      ],
    );
    // Outside the window: nothing read before it, nothing read after today.
    assert.deepEqual(await cyclesToBill(t.db.pool, localDate('2026-11-04'), 2), [
      { ...after.find((c) => c.cycle === 1 && c.readDate === '2026-11-03')!, state: 'failed' },
    ]);
    const supervisor = await h.tokenFor('supervisor');
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/bill-cycles/to-bill',
      headers: { authorization: `Bearer ${supervisor}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().today, '2026-11-24'); // the test app's clock, in Phoenix
    const forbidden = await h.app.inject({
      method: 'GET',
      url: '/api/bill-cycles/to-bill',
      headers: { authorization: `Bearer ${csr}` },
    });
    assert.equal(forbidden.statusCode, 403);
    await t.db.pool.query(
      `UPDATE bill_run SET status = 'failed', finished_at = now() WHERE id = $1`,
      [running],
    );
  });

  it('lists the cycle reads due between two dates in date order', async () => {
    const due = await cycleReadsBetween(
      t.db.pool,
      localDate('2026-11-02'),
      localDate('2026-11-05'),
    );
    // Nov 3: cycle 1; Nov 5: cycles 2 and 3 (cycles-schedule.test.ts).
    assert.deepEqual(
      due.map((r) => [r.cycle, r.readDate]),
      [
        [1, '2026-11-03'],
        [2, '2026-11-05'],
        [3, '2026-11-05'],
      ],
    );
  });
});
