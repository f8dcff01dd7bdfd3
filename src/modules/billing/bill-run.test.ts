import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { importReads } from '../metering/index.ts';
import { heartbeat } from './bill-run-lease.ts';
import { meteredAccount } from './billing-test-support.ts';
import { runBillRun } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-02-01T12:00:00Z') };
const asOf = localDate('2026-01-31');

/** Each account has exactly one issued bill and one bill entry. */
async function assertBilledOnce(db: Database, accountIds: readonly number[]): Promise<void> {
  const r = await db.pool.query<{ bills: number; entries: number }>(
    `SELECT (SELECT count(*)::int FROM bill WHERE account_id = a AND status = 'issued') AS bills,
            (SELECT count(*)::int FROM journal_entry WHERE source_ref LIKE 'bill:' || a || ':%')
              AS entries
       FROM unnest($1::int8[]) AS a`,
    [accountIds],
  );
  assert.deepEqual(
    r.rows.map((x) => [x.bills, x.entries]),
    accountIds.map(() => [1, 1]),
  );
}

async function count(db: Database, table: string): Promise<number> {
  const r = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]!.n;
}

describeEngines('billing: bill run', (t) => {
  let billedId = 0;
  let noReadId = 0;

  it('a dry run reports the bill and writes nothing', async () => {
    billedId = await meteredAccount(t.db, 3, 'W-BILL-1');
    noReadId = await meteredAccount(t.db, 3, 'W-BILL-2');
    const file = 'meter_number,read_date,reading\nW-BILL-1,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'r.csv', text: file }, ctx)),
    );
    const before = await Promise.all(
      ['bill_run', 'bill', 'journal_entry'].map((x) => count(t.db, x)),
    );
    const r = expectOk(await runBillRun(t.db, { cycle: 3, asOf, dryRun: true }, ctx));
    assert.equal(r.runId, null);
    assert.deepEqual(
      [r.accounts, r.billed, r.skipped, r.failed, r.totalCents],
      [2, 1, 1, 0, 11_821],
    );
    assert.deepEqual(
      r.exceptions.map((i) => [i.accountId, i.status, i.code]),
      [[noReadId, 'skipped', 'no_read']],
    );
    assert.deepEqual(r.exceptionCodes, [{ status: 'skipped', code: 'no_read', accounts: 1 }]);
    const after = await Promise.all(
      ['bill_run', 'bill', 'journal_entry'].map((x) => count(t.db, x)),
    );
    assert.deepEqual(after, before);
  });

  it('bills water, wastewater and solid waste to the hand-computed cent and posts one balanced entry', async () => {
    const r = expectOk(await runBillRun(t.db, { cycle: 3, asOf }, ctx));
    assert.deepEqual([r.billed, r.skipped, r.failed, r.totalCents], [1, 1, 0, 11_821]);
    assert.deepEqual(r.exceptions, [
      { accountId: noReadId, status: 'skipped', code: 'no_read', detail: r.exceptions[0]!.detail },
    ]);
    const items = await t.db.pool.query<{ account_id: number; status: string; billed: boolean }>(
      `SELECT account_id, status, bill_id IS NOT NULL AS billed FROM bill_run_item
        WHERE run_id = $1 ORDER BY account_id`,
      [r.runId],
    );
    assert.deepEqual(
      items.rows.map((i) => [i.account_id, i.status, i.billed]),
      [
        [billedId, 'billed', true],
        [noReadId, 'skipped', false],
      ],
    );
    const run = await t.db.pool.query<{ status: string; n: number[] }>(
      `SELECT status, ARRAY[billed_count, skipped_count, failed_count] AS n FROM bill_run
        WHERE id = $1`,
      [r.runId],
    );
    assert.deepEqual([run.rows[0]!.status, run.rows[0]!.n], ['completed', [1, 1, 0]]);
    const bill = await t.db.pool.query<{
      total_cents: number;
      period_start: string;
      due_date: string;
      journal_entry_id: number;
    }>(
      `SELECT total_cents, period_start::text, due_date::text, journal_entry_id FROM bill
        WHERE account_id = $1`,
      [billedId],
    );
    // Water (winter, 6,000 gal): 30.93 + 0.00 + 3 kgal × 4.20 = 43.53; taxes 2.44 + 0.30 + 0.87.
    // Wastewater: 12.50 + 5 kgal × 3.10 = 28.00; city 0.56. Solid waste 34.50; city 0.69.
    // Environmental fee 7.32. Total 47.14 + 28.56 + 35.19 + 7.32 = 118.21.
    assert.deepEqual(
      bill.rows.map((b) => [b.total_cents, b.period_start, b.due_date]),
      [[11_821, '2026-01-01', '2026-02-21']],
    );
    const lines = await t.db.pool.query<{ gl_account: string; d: number; c: number }>(
      `SELECT gl_account, debit_cents AS d, credit_cents AS c FROM journal_line
        WHERE entry_id = $1 ORDER BY gl_account`,
      [bill.rows[0]!.journal_entry_id],
    );
    assert.deepEqual(
      lines.rows.map((l) => [l.gl_account, l.d - l.c]),
      [
        ['receivable:general', 732],
        ['receivable:solid_waste', 3519],
        ['receivable:wastewater', 2856],
        ['receivable:water', 4714],
        ['revenue.misc:general', -732],
        ['revenue.service:solid_waste', -3450],
        ['revenue.service:wastewater', -2800],
        ['revenue.service:water', -4353],
        ['tax.payable.city:general', -212],
        ['tax.payable.county:general', -30],
        ['tax.payable.state:general', -244],
      ],
    );
    const sumLines = await t.db.pool.query<{ n: string }>(
      `SELECT sum(amount_cents)::text AS n FROM bill_line WHERE account_id = $1`,
      [billedId],
    );
    assert.equal(sumLines.rows[0]!.n, '11821');
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('running the cycle again bills nothing new', async () => {
    const bills = await count(t.db, 'bill');
    const r = expectOk(await runBillRun(t.db, { cycle: 3, asOf }, ctx));
    assert.deepEqual(
      r.exceptions.map((i) => [i.status, i.code]),
      [
        ['skipped', 'already_billed'],
        ['skipped', 'no_read'],
      ],
    );
    assert.equal(r.billed, 0);
    assert.equal(await count(t.db, 'bill'), bills);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('refuses a second run of the same cycle while the first holds a fresh lease', async () => {
    const fresh = new Date(ctx.now.getTime() - 60_000);
    await t.db.pool.query(
      `INSERT INTO bill_run (cycle, as_of, status, started_at, started_by, heartbeat_at)
       VALUES (9, '2026-01-31', 'running', $1, 'other', $1)`,
      [fresh],
    );
    const r = await runBillRun(t.db, { cycle: 9, asOf }, ctx);
    assert.equal(r.ok ? 'ok' : r.code, 'bill_run_active');
    const runs = await t.db.pool.query<{ status: string }>(
      `SELECT status FROM bill_run WHERE cycle = 9`,
    );
    assert.deepEqual(
      runs.rows.map((x) => x.status),
      ['running'],
    );
  });

  it('takes over a crashed run whose lease expired and bills the rest exactly once', async () => {
    const firstId = await meteredAccount(t.db, 5, 'W-CRASH-1');
    const file = 'meter_number,read_date,reading\nW-CRASH-1,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'c1.csv', text: file }, ctx)),
    );
    const crashed = expectOk(await runBillRun(t.db, { cycle: 5, asOf }, ctx));
    assert.equal(crashed.billed, 1);
    // What kill -9 after the first account leaves behind: the row still running, lease stale.
    const stale = new Date(ctx.now.getTime() - (limits.billRunLeaseSeconds + 1) * 1000);
    await t.db.pool.query(
      `UPDATE bill_run SET status = 'running', finished_at = NULL, heartbeat_at = $2
        WHERE id = $1`,
      [crashed.runId, stale],
    );
    const secondId = await meteredAccount(t.db, 5, 'W-CRASH-2');
    const file2 = 'meter_number,read_date,reading\nW-CRASH-2,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'c2.csv', text: file2 }, ctx)),
    );
    const r = expectOk(await runBillRun(t.db, { cycle: 5, asOf }, ctx));
    assert.notEqual(r.runId, crashed.runId);
    assert.deepEqual(
      r.exceptions.map((i) => [i.accountId, i.status, i.code]),
      [[firstId, 'skipped', 'already_billed']],
    );
    assert.equal(r.billed, 1);
    const bills = await t.db.pool.query<{ account_id: number; n: number }>(
      `SELECT account_id, count(*)::int AS n FROM bill WHERE account_id = ANY($1)
        GROUP BY account_id ORDER BY account_id`,
      [[firstId, secondId]],
    );
    assert.deepEqual(
      bills.rows.map((b) => [b.account_id, b.n]),
      [
        [firstId, 1],
        [secondId, 1],
      ],
    );
    const runs = await t.db.pool.query<{ id: number; status: string }>(
      `SELECT id, status FROM bill_run WHERE cycle = 5 ORDER BY id`,
    );
    assert.deepEqual(
      runs.rows.map((x) => [x.id, x.status]),
      [
        [crashed.runId, 'failed'],
        [r.runId, 'completed'],
      ],
    );
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('a run whose row was taken over cannot renew its lease', async () => {
    const row = await t.db.pool.query<{ id: number }>(
      `INSERT INTO bill_run (cycle, as_of, status, started_at, started_by, heartbeat_at)
       VALUES (7, '2026-01-31', 'running', $1, 'other', $1) RETURNING id`,
      [ctx.now],
    );
    const id = row.rows[0]!.id;
    assert.equal(await heartbeat(t.db, id, ctx.now), true);
    await t.db.pool.query(`UPDATE bill_run SET status = 'failed', finished_at = $2 WHERE id = $1`, [
      id,
      ctx.now,
    ]);
    assert.equal(await heartbeat(t.db, id, ctx.now), false);
  });
  it('two runs of the same cycle started at once: exactly one bills, the other is refused bill_run_active', async () => {
    const ids = [
      await meteredAccount(t.db, 11, 'W-SAME-1'),
      await meteredAccount(t.db, 11, 'W-SAME-2'),
    ];
    const file =
      'meter_number,read_date,reading\nW-SAME-1,2026-01-31,7000\nW-SAME-2,2026-01-31,8000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 's.csv', text: file }, ctx)),
    );
    const both = await Promise.all([
      runBillRun(t.db, { cycle: 11, asOf }, ctx),
      runBillRun(t.db, { cycle: 11, asOf }, ctx),
    ]);
    assert.deepEqual(both.map((r) => (r.ok ? `billed ${r.value.billed}` : r.code)).sort(), [
      'bill_run_active',
      'billed 2',
    ]);
    await assertBilledOnce(t.db, ids);
  });

  it('two runs of different cycles at once both complete and bill each account once', async () => {
    const a = await meteredAccount(t.db, 12, 'W-TWO-1');
    const b = await meteredAccount(t.db, 13, 'W-TWO-2');
    const file =
      'meter_number,read_date,reading\nW-TWO-1,2026-01-31,7000\nW-TWO-2,2026-01-31,8000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 't.csv', text: file }, ctx)),
    );
    const both = await Promise.all([
      runBillRun(t.db, { cycle: 12, asOf }, ctx),
      runBillRun(t.db, { cycle: 13, asOf }, ctx),
    ]);
    assert.deepEqual(
      both.map((r) => (r.ok ? [r.value.billed, r.value.failed] : r.code)),
      [
        [1, 0],
        [1, 0],
      ],
    );
    await assertBilledOnce(t.db, [a, b]);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('pages written at once (two writers) bill each account once and the run counts them all', async () => {
    const meters = ['W-PAR-1', 'W-PAR-2', 'W-PAR-3', 'W-PAR-4', 'W-PAR-5'];
    const ids: number[] = [];
    for (const m of meters) ids.push(await meteredAccount(t.db, 10, m));
    const file = `meter_number,read_date,reading\n${meters.map((m) => `${m},2026-01-31,7000`).join('\n')}\n`;
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'p.csv', text: file }, ctx)),
    );
    const seen: number[] = [];
    const r = expectOk(
      await runBillRun(
        t.db,
        { cycle: 10, asOf, pageAccounts: 1, writers: 2 },
        { ...ctx, onProgress: (p) => void seen.push(p.accounts) },
      ),
    );
    assert.deepEqual([r.accounts, r.billed, r.failed], [5, 5, 0]);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]); // one call per committed page, counts running
    await assertBilledOnce(t.db, ids);
    const run = await t.db.pool.query<{ billed: number; items: number; audits: number }>(
      `SELECT billed_count AS billed,
              (SELECT count(*)::int FROM bill_run_item i WHERE i.run_id = r.id) AS items,
              (SELECT count(*)::int FROM audit_log a WHERE a.action = 'bill_run.page'
                 AND a.entity_id = r.id::text) AS audits
         FROM bill_run r WHERE r.id = $1`,
      [r.runId],
    );
    assert.deepEqual(run.rows[0], { billed: 5, items: 5, audits: 5 });
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
  it('a page whose run lost its lease rolls back: nothing of it is billed', async () => {
    const first = await meteredAccount(t.db, 14, 'W-LOST-1');
    const second = await meteredAccount(t.db, 14, 'W-LOST-2');
    const file =
      'meter_number,read_date,reading\nW-LOST-1,2026-01-31,7000\nW-LOST-2,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'l.csv', text: file }, ctx)),
    );
    // After the first page another starter takes the cycle over (what a stale lease allows).
    const takeOver = async () => {
      await t.db.pool.query(
        `UPDATE bill_run SET status = 'failed', finished_at = $1
          WHERE cycle = 14 AND status = 'running'`,
        [ctx.now],
      );
    };
    const r = await runBillRun(
      t.db,
      { cycle: 14, asOf, pageAccounts: 1, writers: 1 }, // pages one after the other
      {
        ...ctx,
        onProgress: takeOver,
      },
    );
    assert.equal(r.ok ? 'ok' : r.code, 'bill_run_lease_lost');
    const bills = await t.db.pool.query<{ account_id: number }>(
      'SELECT account_id FROM bill WHERE account_id = ANY($1::int8[])',
      [[first, second]],
    );
    assert.deepEqual(
      bills.rows.map((b) => b.account_id),
      [first],
    );
    const items = await t.db.pool.query('SELECT 1 FROM bill_run_item WHERE account_id = $1', [
      second,
    ]);
    assert.equal(items.rowCount, 0);
  });
  it('an account without a read in the period is billed on an estimate written in the same page', async () => {
    const id = await meteredAccount(t.db, 15, 'W-EST-1');
    const file = 'meter_number,read_date,reading\nW-EST-1,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'e.csv', text: file }, ctx)),
    );
    expectOk(await runBillRun(t.db, { cycle: 15, asOf }, ctx));
    // February: no read for W-EST-1, so the run estimates one from January's use.
    const feb = { ...ctx, now: new Date('2026-03-01T12:00:00Z') };
    const r = expectOk(await runBillRun(t.db, { cycle: 15, asOf: localDate('2026-02-28') }, feb));
    assert.deepEqual([r.billed, r.skipped, r.failed], [1, 0, 0]);
    const reads = await t.db.pool.query<{ source: string; read_date: string }>(
      `SELECT mr.source, mr.read_date::text FROM meter_read mr
         JOIN register rg ON rg.id = mr.register_id JOIN meter m ON m.id = rg.meter_id
        WHERE m.meter_number = 'W-EST-1' AND mr.source = 'estimate'`,
    );
    assert.deepEqual(
      reads.rows.map((x) => [x.source, x.read_date]),
      [['estimate', '2026-02-28']],
    );
    const bills = await t.db.pool.query('SELECT 1 FROM bill WHERE account_id = $1', [id]);
    assert.equal(bills.rowCount, 2);
  });

  it('Select Due Date: a residential account with a chosen day is due on it; others bill date + 21', async () => {
    const chosen = await meteredAccount(t.db, 16, 'W-DUE-1');
    const plain = await meteredAccount(t.db, 16, 'W-DUE-2');
    await t.db.pool.query('UPDATE account SET due_day = 10 WHERE id = $1', [chosen]);
    const file =
      'meter_number,read_date,reading\nW-DUE-1,2026-01-31,7000\nW-DUE-2,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'd.csv', text: file }, ctx)),
    );
    expectOk(await runBillRun(t.db, { cycle: 16, asOf }, ctx));
    const due = await t.db.pool.query<{ account_id: number; due: string }>(
      'SELECT account_id, due_date::text AS due FROM bill WHERE account_id = ANY($1::int8[])',
      [[chosen, plain]],
    );
    const byAccount = new Map(due.rows.map((r) => [Number(r.account_id), r.due]));
    // Bill date Jan 31. Chosen day 10: Feb 10 is only 10 days away (< 15), so Tue Mar 10.
    assert.equal(byAccount.get(chosen), '2026-03-10');
    // No chosen day: Jan 31 + 21 days.
    assert.equal(byAccount.get(plain), '2026-02-21');
  });
});
