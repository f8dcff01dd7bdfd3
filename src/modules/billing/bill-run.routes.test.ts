import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { fixedNow, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { importReads } from '../metering/index.ts';
import { meteredAccount } from './billing-test-support.ts';
import { settleBackgroundRuns } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-02-01T12:00:00Z') };

describeEngines('billing: bill-run routes', (t) => {
  let h: TestApp;
  let supervisor: string;
  let csr: string;
  let billedId = 0;
  let noReadId = 0;
  let runId = 0;
  before(async () => {
    h = await startTestApp(t.db);
    supervisor = await h.tokenFor('supervisor');
    csr = await h.tokenFor('csr1');
    billedId = await meteredAccount(t.db, 3, 'W-RT-1');
    noReadId = await meteredAccount(t.db, 3, 'W-RT-2');
    const file = 'meter_number,read_date,reading\nW-RT-1,2026-01-31,7000\n';
    const input = { fileName: 'rt.csv', text: file };
    expectOk(await inTransaction(t.db, (tx) => importReads(tx, input, ctx)));
  });
  after(async () => {
    await settleBackgroundRuns();
    await h.close();
  });

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
  const runs = async () =>
    (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bill_run')).rows[0]!.n;

  it('a dry run answers with its report at once and writes no run', async () => {
    const res = await call(supervisor, 'POST', '/api/bill-runs', {
      cycle: 3,
      asOf: '2026-01-31',
      dryRun: true,
    });
    assert.equal(res.statusCode, 202, res.body);
    // The account with a read: 118.21 (hand-computed in bill-run.test.ts).
    assert.deepEqual(res.json(), {
      runId: null,
      dryRun: true,
      report: {
        accounts: 2,
        billed: 1,
        skipped: 1,
        failed: 0,
        totalCents: 11_821,
        exceptions: [{ status: 'skipped', code: 'no_read', accounts: 1 }],
      },
    });
    assert.equal(await runs(), 0);
  });

  it('starts a run with 202 and its id, and the run finishes in the background', async () => {
    const res = await call(supervisor, 'POST', '/api/bill-runs', { cycle: 3, asOf: '2026-01-31' });
    assert.equal(res.statusCode, 202, res.body);
    runId = res.json().runId;
    assert.ok(runId > 0);
    await settleBackgroundRuns();
    const run = await call(supervisor, 'GET', `/api/bill-runs/${runId}`);
    assert.equal(run.statusCode, 200, run.body);
    const body = run.json();
    assert.deepEqual(
      [body.status, body.cycle, body.asOf, body.billed, body.skipped, body.failed],
      ['completed', 3, '2026-01-31', 1, 1, 0],
    );
    assert.deepEqual([body.accounts, body.done, body.billedCents], [2, 2, 11_821]);
    assert.equal(body.startedBy, 'supervisor');
    const list = await call(supervisor, 'GET', '/api/bill-runs');
    assert.deepEqual(
      list.json().runs.map((r: { runId: number }) => r.runId),
      [runId],
    );
  });

  it('lists the accounts the run did not bill with their account number and code', async () => {
    const res = await call(supervisor, 'GET', `/api/bill-runs/${runId}/exceptions`);
    assert.equal(res.statusCode, 200, res.body);
    const { exceptions, nextAfter } = res.json();
    assert.equal(nextAfter, null);
    assert.deepEqual(
      exceptions.map((e: Record<string, unknown>) => [e.accountId, e.accountNo, e.status, e.code]),
      [[noReadId, 'A-W-RT-2', 'skipped', 'no_read']],
    );
    const none = await call(supervisor, 'GET', `/api/bill-runs/${runId}/exceptions?code=held_read`);
    assert.deepEqual(none.json().exceptions, []);
  });

  it('reports the register by service, fund, schedule, tax jurisdiction and exception code', async () => {
    const res = await call(supervisor, 'GET', `/api/bill-runs/${runId}/register`);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.deepEqual([r.bills, r.totalCents], [1, 11_821]);
    // Water 43.53 + taxes 2.44 + 0.30 + 0.87 = 47.14; wastewater 28.00 + 0.56; solid waste
    // 34.50 + 0.69; environmental fee 7.32 (general). City tax 0.87 + 0.56 + 0.69 = 2.12.
    assert.deepEqual(
      r.byService.map((s: Record<string, unknown>) => [s.service, s.chargesCents, s.taxesCents]),
      [
        ['account', 732, 0],
        ['solid_waste', 3450, 69],
        ['wastewater', 2800, 56],
        ['water', 4353, 361],
      ],
    );
    assert.deepEqual(
      r.byFund.map((f: Record<string, unknown>) => [f.fund, f.totalCents]),
      [
        ['general', 732],
        ['solid_waste', 3519],
        ['wastewater', 2856],
        ['water', 4714],
      ],
    );
    assert.deepEqual(
      r.taxes.map((x: Record<string, unknown>) => [x.jurisdiction, x.amountCents]),
      [
        ['city', 212],
        ['county', 30],
        ['state', 244],
      ],
    );
    assert.deepEqual(
      r.bySchedule.map((s: Record<string, unknown>) => [s.schedule, s.chargesCents]),
      [
        ['ENV', 732],
        ['S1.1', 2800],
        ['SW-R90', 3450],
        ['W1.1', 4353],
      ],
    );
    assert.deepEqual(r.exceptions, [{ status: 'skipped', code: 'no_read', accounts: 1 }]);
  });

  it('gives the register as CSV with amounts in dollars', async () => {
    const res = await call(supervisor, 'GET', `/api/bill-runs/${runId}/register?format=csv`);
    assert.equal(res.statusCode, 200, res.body);
    const lines = res.body.split('\r\n');
    assert.equal(lines[0], 'section,key,count,amount');
    assert.ok(lines.includes('fund,water,1,47.14'), res.body);
    assert.ok(lines.includes('tax,city,3,2.12'), res.body);
    assert.ok(lines.includes('exception,skipped:no_read,1,'), res.body);
  });

  it("lists the account's bills newest first with 13 months of water usage", async () => {
    const res = await call(csr, 'GET', `/api/accounts/${billedId}/bills`);
    assert.equal(res.statusCode, 200, res.body);
    const { bills, usage } = res.json();
    assert.deepEqual(
      bills.map((b: Record<string, unknown>) => [
        b.periodStart,
        b.billDate,
        b.dueDate,
        b.totalCents,
        b.status,
      ]),
      // Run from the desk on the test clock's day (Nov 24): dated then, due 21 days later.
      [['2026-01-01', '2026-11-24', '2026-12-15', 11_821, 'issued']],
    );
    // The test clock is 2026-11-24: Nov 2025 … Nov 2026; 7,000 − 1,000 gallons in January.
    assert.equal(usage.length, 1);
    assert.equal(usage[0].service, 'water');
    assert.equal(usage[0].unit, 'gallon');
    assert.equal(usage[0].months.length, 13);
    assert.equal(usage[0].months[0].month, '2025-11');
    assert.equal(usage[0].months[12].month, '2026-11');
    assert.deepEqual(usage[0].months[2], { month: '2026-01', usage: 6000 });
    assert.equal(
      usage[0].months.reduce((s: number, m: { usage: number }) => s + m.usage, 0),
      6000,
    );
  });

  it('refuses a run of a cycle another run holds (409) and an unknown run (404)', async () => {
    const fresh = new Date(fixedNow.getTime() - 60_000);
    await t.db.pool.query(
      `INSERT INTO bill_run (cycle, as_of, status, started_at, started_by, heartbeat_at)
       VALUES (9, '2026-01-31', 'running', $1, 'other', $1)`,
      [fresh],
    );
    const before = await runs();
    const res = await call(supervisor, 'POST', '/api/bill-runs', { cycle: 9, asOf: '2026-01-31' });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'bill_run_active');
    assert.equal(await runs(), before);
    const missing = await call(supervisor, 'GET', '/api/bill-runs/999999');
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'bill_run_not_found');
    const bad = await call(supervisor, 'POST', '/api/bill-runs', { cycle: 17, asOf: '2026-02-30' });
    assert.equal(bad.statusCode, 400);
    assert.ok(bad.json().error.fields.cycle);
    assert.ok(bad.json().error.fields.asOf);
  });

  it('shows a running run with the counts of the accounts it has done so far', async () => {
    const r = await t.db.pool.query<{ id: number }>(
      `SELECT id FROM bill_run WHERE cycle = 9 AND status = 'running'`,
    );
    const running = r.rows[0]!.id;
    await t.db.pool.query(
      `INSERT INTO bill_run_item (run_id, account_id, status, code) VALUES
         ($1, $2, 'skipped', 'no_read'), ($1, $3, 'failed', 'missing_rate')`,
      [running, billedId, noReadId],
    );
    const res = await call(supervisor, 'GET', `/api/bill-runs/${running}`);
    assert.equal(res.statusCode, 200, res.body);
    const b = res.json();
    assert.deepEqual(
      [b.status, b.billed, b.skipped, b.failed, b.done, b.finishedAt],
      ['running', 0, 1, 1, 2, null],
    );
    // Cycle 9 has no billable accounts: the bar's maximum is never below what is done.
    assert.equal(b.accounts, 2);
  });

  it('keeps bill runs from a csr (403)', async () => {
    const res = await call(csr, 'GET', '/api/bill-runs');
    assert.equal(res.statusCode, 403);
  });
});
