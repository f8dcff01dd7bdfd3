import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { billedAccount } from '../../test/e2e/support/demo-facts.ts';
import { describeEngines } from '../../test/support/test-db.ts';
import { verifyLedger } from '../modules/ledger/index.ts';
import { generateDemoCity, type DemoCitySummary } from './index.ts';

const now = new Date('2026-11-26T17:00:00Z');

describeEngines('demo city with 24 months of history', (t) => {
  let summary: DemoCitySummary;
  before(async () => {
    summary = await generateDemoCity(t.db, { accounts: 200, seed: 9, now, months: 24 });
  });
  const rows = async (sql: string) => (await t.db.pool.query(sql)).rows;

  it('reads every meter in service through the window on ~24 monthly read dates', async () => {
    const r = await rows(`
      SELECT m.meter_number, count(DISTINCT to_char(mr.read_date, 'YYYY-MM'))::int AS months
        FROM meter m JOIN register g ON g.meter_id = m.id JOIN meter_read mr ON mr.register_id = g.id
       WHERE m.installed_on < '2024-06-01' AND EXISTS (
               SELECT 1 FROM service_agreement s WHERE s.meter_number = m.meter_number
                  AND s.status = 'active' AND s.start_date < '2024-06-01')
       GROUP BY 1`);
    assert.ok(r.length > 50, `${r.length} meters`);
    for (const x of r) assert.ok(x.months >= 24, `${x.meter_number}: ${x.months} months`);
    assert.equal(
      summary.history?.reads,
      Number((await rows('SELECT count(*) AS n FROM meter_read'))[0].n),
    );
  });

  it('has summer water above winter water and winter gas above summer gas on average', async () => {
    const r = await rows(`
      SELECT m.service,
             sum(mr.usage) FILTER (WHERE extract(month FROM mr.read_date) IN (6, 7, 8, 9))
               / sum(mr.usage_days) FILTER (WHERE extract(month FROM mr.read_date) IN (6, 7, 8, 9))
               AS summer,
             sum(mr.usage) FILTER (WHERE extract(month FROM mr.read_date) IN (12, 1, 2))
               / sum(mr.usage_days) FILTER (WHERE extract(month FROM mr.read_date) IN (12, 1, 2))
               AS winter
        FROM meter m JOIN register g ON g.meter_id = m.id JOIN meter_read mr ON mr.register_id = g.id
       WHERE mr.status = 'accepted' AND mr.usage IS NOT NULL GROUP BY 1`);
    const by = Object.fromEntries(r.map((x) => [x.service, x]));
    assert.ok(Number(by.water.summer) > Number(by.water.winter), 'water peaks in summer');
    assert.ok(Number(by.gas.winter) > Number(by.gas.summer), 'gas peaks in winter');
    assert.ok(Number(by.electric.summer) > Number(by.electric.winter), 'electric: summer');
  });

  it('holds a few reads for review', async () => {
    const [x] = await rows(`SELECT count(*) FILTER (WHERE status = 'held')::int AS held,
                                   count(*)::int AS reads FROM meter_read`);
    assert.ok(x.held > 0 && x.held < x.reads * 0.02, `${x.held} held of ${x.reads}`);
  });

  it('bills every month of the window through the real bill runs', async () => {
    const r = await rows(`
      SELECT to_char(b.period_end, 'YYYY-MM') AS month, count(*)::int AS bills
        FROM bill b JOIN bill_run r ON r.id = b.run_id
       WHERE b.status = 'issued' GROUP BY 1 ORDER BY 1`);
    assert.equal(r.length, 24, r.map((x) => x.month).join(' '));
    assert.equal(r[0].month, '2024-12');
    assert.equal(r[23].month, '2026-11');
    for (const x of r) assert.ok(x.bills > 50, `${x.month}: ${x.bills} bills`);
    // Each cycle on every read date of the window, but those whose bill date is after today
    const [{ due }] = await rows(`
      SELECT count(*)::int AS due FROM bill_cycle_schedule
       WHERE period_month > '2024-11-01' AND read_date <= '2026-11-26'
         AND bill_date <= '2026-11-26'`);
    assert.ok(due > 23 * 16 && due < 24 * 16, String(due));
    assert.equal(summary.history?.billRuns, due);
    assert.deepEqual(
      Object.keys(summary.history?.skipped ?? {})
        .sort()
        .filter((c) => c !== 'already_billed'),
      ['held_read', 'not_started'],
    );
    // Accounts the demo opens during the window wait for their first run after their start.
    assert.ok((summary.history?.skipped['not_started'] ?? 0) > 0);
    // Every account is billable: those stopped lately too (from the legacy system's last bill).
    assert.deepEqual(summary.history?.failed, {});
  });

  it('dates no bill and no run after today: a cycle whose bill date is ahead waits for its run', async () => {
    const [x] = await rows(`
      SELECT (SELECT max(bill_date)::text FROM bill) AS "lastBillDate",
             (SELECT max(started_at) FROM bill_run) AS "lastRunStart",
             (SELECT count(*)::int FROM bill_cycle_schedule s
               WHERE s.read_date <= '2026-11-26' AND s.bill_date > '2026-11-26'
                 AND NOT EXISTS (SELECT 1 FROM bill_run r
                                  WHERE r.cycle = s.cycle AND r.as_of = s.read_date)) AS waiting`);
    assert.ok(x.lastBillDate <= '2026-11-26', x.lastBillDate);
    assert.ok(x.lastRunStart.getTime() <= now.getTime(), x.lastRunStart.toISOString());
    assert.ok(x.waiting >= 1, 'a recently read cycle is left to bill');
  });

  it('keeps the ledger verified and receivables equal to the bills (no payments yet)', async () => {
    const report = await verifyLedger(t.db.pool);
    assert.ok(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok)));
    const [x] = await rows(`
      SELECT (SELECT coalesce(sum(total_cents), 0) FROM bill WHERE status = 'issued')::int8 AS billed,
             (SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM journal_line l
                JOIN gl_account g ON g.code = l.gl_account WHERE g.is_receivable)::int8 AS receivable`);
    assert.ok(Number(x.billed) > 0);
    assert.equal(x.receivable, x.billed);
  });

  it('fills the reading schedule of the window and converts each older account’s billed-through date', async () => {
    const [x] = await rows(`
      SELECT (SELECT count(*) FROM bill_cycle_schedule)::int AS scheduled,
             (SELECT count(*) FROM bill WHERE run_id IS NULL AND total_cents = 0
                 AND period_end < '2024-12-01')::int AS converted`);
    assert.equal(x.scheduled, 4 * 12 * 16); // 2024 through 2027
    assert.ok(x.converted > 100);
  });

  it('offers the browser tests an account with bills', async () => {
    const a = await billedAccount(t.db);
    assert.ok(a.bills >= 20 && a.balanceCents > 0 && a.lastBillCents > 0, JSON.stringify(a));
  });
});

describeEngines('demo city converted after 10 months of reads (12 months, 2 billed)', (t) => {
  let summary: DemoCitySummary;
  before(async () => {
    summary = await generateDemoCity(t.db, {
      accounts: 150,
      seed: 4,
      now,
      months: 12,
      billedMonths: 2,
    });
  });
  const rows = async (sql: string) => (await t.db.pool.query(sql)).rows;

  it('settles the held reads from before each cycle’s conversion; the queue keeps the later ones', async () => {
    const [x] = await rows(`
      WITH through AS (
        SELECT p.cycle, max(b.period_end) AS through
          FROM bill b JOIN service_agreement s ON s.account_id = b.account_id
          JOIN premise p ON p.id = s.premise_id
         WHERE b.run_id IS NULL GROUP BY p.cycle)
      SELECT count(*) FILTER (WHERE rv.id IS NULL)::int AS waiting,
             count(*) FILTER (WHERE rv.reason LIKE 'Settled in the legacy system%')::int AS settled,
             count(*) FILTER (WHERE rv.id IS NULL AND mr.read_date <= t.through)::int AS "waitingOld",
             count(*) FILTER (WHERE rv.id IS NOT NULL AND mr.read_date > t.through)::int AS "settledNew"
        FROM meter_read mr JOIN premise p ON p.id = mr.premise_id
        JOIN through t ON t.cycle = p.cycle
        LEFT JOIN read_review rv ON rv.read_id = mr.id
       WHERE mr.status = 'held'`);
    assert.ok(x.settled > 0 && x.waiting > 0, JSON.stringify(x));
    assert.equal(x.waitingOld, 0);
    assert.equal(x.settledNew, 0);
    assert.equal(summary.history?.legacyReviewed, x.settled);
  });

  it('has re-read orders open for every third held read waiting for review', async () => {
    const [x] = await rows(`
      SELECT count(*)::int AS orders,
             count(*) FILTER (WHERE EXISTS (
               SELECT 1 FROM meter_read mr JOIN register g ON g.id = mr.register_id
                 JOIN meter m ON m.id = g.meter_id
                WHERE m.meter_number = o.meter_number AND mr.status = 'held'
                  AND NOT EXISTS (SELECT 1 FROM read_review rv WHERE rv.read_id = mr.id)))::int
               AS "forHeld",
             count(*) FILTER (WHERE o.account_id IS NOT NULL)::int AS "withAccount"
        FROM service_order o WHERE o.kind = 're_read' AND o.status = 'open'`);
    assert.ok(x.orders > 0, JSON.stringify(x));
    assert.equal(x.forHeld, x.orders, 'each order names a meter with a held read');
    assert.equal(summary.history?.reReadOrders, x.orders);
    assert.ok(x.withAccount > 0);
  });
});
