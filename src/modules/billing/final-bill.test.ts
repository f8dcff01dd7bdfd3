import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines, type EngineContext } from '../../../test/support/test-db.ts';
import { localDate as d } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { stopService } from '../customers/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { importReads } from '../metering/index.ts';
import { meteredAccount } from './billing-test-support.ts';
import { billPdf } from './document/bill-pdf.ts';
import { pdfPagesText } from './document/pdf-text.ts';
import { runBillRun } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-03-01T12:00:00Z') };

async function reads(t: EngineContext, lines: string): Promise<void> {
  const text = `meter_number,read_date,reading\n${lines}`;
  expectOk(await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'fb.csv', text }, ctx)));
}

type Line = { code: string; quantity: string; proration: string | null; amount: number };
async function lines(t: EngineContext, accountId: number, periodEnd: string): Promise<Line[]> {
  const r = await t.db.pool.query<Line>(
    `SELECT l.code, l.quantity::text AS quantity, l.explanation->>'proration' AS proration,
            l.amount_cents::int AS amount
       FROM bill b JOIN bill_line l ON l.bill_id = b.id
      WHERE b.account_id = $1 AND b.period_end = $2 AND b.status = 'issued' ORDER BY l.id`,
    [accountId, periodEnd],
  );
  return r.rows;
}

async function billOf(t: EngineContext, accountId: number, periodEnd: string): Promise<number> {
  const r = await t.db.pool.query<{ id: number }>(
    `SELECT id::int AS id FROM bill WHERE account_id = $1 AND period_end = $2`,
    [accountId, periodEnd],
  );
  return r.rows[0]!.id;
}

describeEngines('billing: the final bill of stopped service (ACC-2, BIL-4)', (t) => {
  it('bills a stopped account through its last day on the final read, closes its agreements, and never bills it again', async () => {
    const moving = await meteredAccount(t.db, 15, 'W-FB-1');
    const staying = await meteredAccount(t.db, 15, 'W-FB-2');
    await reads(t, 'W-FB-1,2026-01-31,4000\nW-FB-2,2026-01-31,4000\n');
    expectOk(await runBillRun(t.db, { cycle: 15, asOf: d('2026-01-31') }, ctx));
    // Moving out: last day Feb 14; the final read the next morning.
    expectOk(
      await inTransaction(t.db, (tx) =>
        stopService(tx, { accountId: moving, stopDate: d('2026-02-14'), reason: 'moving' }, ctx),
      ),
    );
    await reads(t, 'W-FB-1,2026-02-15,6500\nW-FB-2,2026-02-28,9000\n');
    const run = expectOk(await runBillRun(t.db, { cycle: 15, asOf: d('2026-02-28') }, ctx));
    assert.equal(run.billed, 2);

    const final = await lines(t, moving, '2026-02-28');
    const full = await lines(t, staying, '2026-02-28');
    const f = new Map(final.map((l) => [l.code, l]));
    const s = new Map(full.map((l) => [l.code, l]));
    // Jan 31 – Feb 14 is 15 days: each monthly charge is the neighbour's (a regular 28-day
    // period) × 15/30, rounded half to even once per line; the final read's 2,500 gal are
    // billed, and wastewater on them (2 kgal, under the 5 kgal default winter average).
    const halfEven = (x: number) => {
      const n = Math.floor(x);
      const r = x - n;
      return r > 0.5 || (r === 0.5 && n % 2 === 1) ? n + 1 : n;
    };
    for (const code of ['W-SVC', 'S-CUST', 'SW-R90', 'ENV']) {
      assert.equal(f.get(code)?.proration, '15/30', code);
      assert.equal(s.get(code)?.proration, null, code);
      assert.equal(f.get(code)?.amount, halfEven((s.get(code)!.amount * 15) / 30), code);
    }
    const gallons = final.filter((l) => l.code === 'W-USAGE');
    assert.equal(
      gallons.reduce((n, l) => n + Number(l.quantity), 0),
      2500,
    );
    assert.equal(f.get('S-VOLUME')?.quantity, '2.0000');

    // The document says it is the final bill, and shows the final read.
    const finalBill = await billOf(t, moving, '2026-02-28');
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, finalBill));
    assert.equal(bill.final, true);
    const water = bill.services.find((x) => x.service === 'water')!;
    assert.equal(water.lastDay, '2026-02-14');
    assert.equal(water.reads?.current?.readDate, '2026-02-15');
    // 2,500 gal over the 15 days of service.
    assert.equal(water.usageHistory?.dailyAverage, 166.7);
    const text = (await pdfPagesText(pdf)).join('\n').replace(/\s+/g, ' ');
    assert.match(text, /Your Final Bill/);
    assert.match(text, /Final bill: last day of service Feb 14, 2026/);
    const regular = expectOk(await billPdf(t.db.pool, await billOf(t, staying, '2026-02-28')));
    assert.equal(regular.bill.final, false);
    assert.doesNotMatch((await pdfPagesText(regular.pdf)).join('\n'), /Final/);

    const agreements = await t.db.pool.query<{ status: string }>(
      `SELECT DISTINCT status FROM service_agreement WHERE account_id = $1`,
      [moving],
    );
    assert.deepEqual(
      agreements.rows.map((r) => r.status),
      ['closed'],
    );
    const closed = await t.db.pool.query(
      `SELECT 1 FROM account_event WHERE account_id = $1 AND kind = 'service_closed'`,
      [moving],
    );
    assert.equal(closed.rowCount, 3);

    // March: the neighbour is billed; the moved-out account is not an account of the run.
    await reads(t, 'W-FB-2,2026-03-31,12000\n');
    const march = expectOk(await runBillRun(t.db, { cycle: 15, asOf: d('2026-03-31') }, ctx));
    assert.equal(march.accounts, 1);
    const bills = await t.db.pool.query(`SELECT 1 FROM bill WHERE account_id = $1`, [moving]);
    assert.equal(bills.rowCount, 2);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('waits for the final read instead of estimating one before the meter’s later reads', async () => {
    const moving = await meteredAccount(t.db, 16, 'W-FB-3');
    await reads(t, 'W-FB-3,2026-01-31,4000\n');
    expectOk(await runBillRun(t.db, { cycle: 16, asOf: d('2026-01-31') }, ctx));
    expectOk(
      await inTransaction(t.db, (tx) =>
        stopService(tx, { accountId: moving, stopDate: d('2026-02-14'), reason: 'moving' }, ctx),
      ),
    );
    // The cycle's read after the stop, none on the last day: no final bill yet, no estimate.
    await reads(t, 'W-FB-3,2026-02-28,6500\n');
    const run = expectOk(await runBillRun(t.db, { cycle: 16, asOf: d('2026-02-28') }, ctx));
    assert.deepEqual(
      run.exceptions.map((e) => [e.code, e.detail]),
      [['no_read', 'meter W-FB-3 (water): no final read (last day of service 2026-02-14)']],
    );
    const estimates = await t.db.pool.query(
      `SELECT 1 FROM meter_read WHERE source = 'estimate' AND premise_id =
         (SELECT premise_id FROM service_agreement WHERE account_id = $1 LIMIT 1)`,
      [moving],
    );
    assert.equal(estimates.rowCount, 0);
    const open = await t.db.pool.query(
      `SELECT DISTINCT status FROM service_agreement WHERE account_id = $1`,
      [moving],
    );
    assert.deepEqual(
      open.rows.map((r) => r.status),
      ['pending_final'],
    );
  });
});
