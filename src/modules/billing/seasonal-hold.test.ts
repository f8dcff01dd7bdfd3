import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines, type EngineContext as TestDb } from '../../../test/support/test-db.ts';
import { localDate as d, type LocalDate } from '../../core/dates.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { importReads, installMeter } from '../metering/index.ts';
import { meteredAccount } from './billing-test-support.ts';
import { billPdf } from './document/bill-pdf.ts';
import { pdfPagesText } from './document/pdf-text.ts';
import {
  cancelSeasonalHold,
  endSeasonalHoldEarly,
  placeSeasonalHold,
  runBillRun,
  type HoldService,
} from './index.ts';

const actor = systemActor('test');

function expectErr(r: Result<unknown>, code: string): void {
  assert.equal(r.ok ? 'ok' : r.code, code);
}
const at = (iso: string) => ({ actor, now: new Date(iso) });

/** meteredAccount (water 3/4", S1.1, SW-R90 from Jan 1) plus electric E1.1 on meter `E-<tag>`. */
async function withElectric(t: TestDb, cycle: number, tag: string): Promise<number> {
  const accountId = await meteredAccount(t.db, cycle, `W-${tag}`);
  const premise = await t.db.pool.query<{ premise_id: number }>(
    `SELECT premise_id::int AS premise_id FROM service_agreement WHERE account_id = $1 LIMIT 1`,
    [accountId],
  );
  const premiseId = premise.rows[0]!.premise_id;
  await t.db.pool.query(
    `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
       start_date, meter_number, created_at)
     VALUES ($1, $2, 'electric', 'E1.1', 'active', '2026-01-01', $3, now())`,
    [accountId, premiseId, `E-${tag}`],
  );
  expectOk(
    await inTransaction(t.db, (tx) =>
      installMeter(
        tx,
        {
          premiseId,
          meterNumber: `E-${tag}`,
          service: 'electric',
          size: null,
          installedOn: d('2026-01-01'),
          registers: [{ kind: 'kwh', dials: 6, initialMilli: 5_000_000 }],
        },
        at('2026-01-01T12:00:00Z'),
      ),
    ),
  );
  return accountId;
}

function place(
  t: TestDb,
  accountId: number,
  from: string,
  through: string,
  services: HoldService[],
  today: string,
) {
  return inTransaction(t.db, (tx) =>
    placeSeasonalHold(
      tx,
      { accountId, from: d(from), through: d(through), services, today: d(today) },
      at(`${today}T17:00:00Z`),
    ),
  );
}

async function reads(t: TestDb, lines: string): Promise<void> {
  const text = `meter_number,read_date,reading\n${lines}`;
  expectOk(
    await inTransaction(t.db, (tx) =>
      importReads(tx, { fileName: 'sh.csv', text }, at('2026-03-01T12:00:00Z')),
    ),
  );
}

async function run(t: TestDb, cycle: number, asOf: LocalDate): Promise<void> {
  expectOk(await runBillRun(t.db, { cycle, asOf }, at('2026-03-01T12:00:00Z')));
}

type Line = { service: string; code: string; quantity: string; proration: string | null };
async function billLines(t: TestDb, accountId: number, periodEnd: string): Promise<Line[]> {
  const r = await t.db.pool.query<Line>(
    `SELECT l.service, l.code, l.quantity::text AS quantity,
            l.explanation->>'proration' AS proration
       FROM bill b JOIN bill_line l ON l.bill_id = b.id
      WHERE b.account_id = $1 AND b.period_end = $2 AND b.status = 'issued'
      ORDER BY l.id`,
    [accountId, periodEnd],
  );
  return r.rows;
}

async function count(t: TestDb, sql: string, params: unknown[]): Promise<number> {
  return Number((await t.db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
}

describeEngines('billing: seasonal hold (BIL-9 furlough)', (t) => {
  it('places a hold: field orders per meter, the meters’ off window, the trip fee per service, timeline and audit', async () => {
    const accountId = await withElectric(t, 11, 'SH-P');
    const hold = expectOk(
      await place(t, accountId, '2026-01-15', '2026-03-14', ['water', 'electric'], '2026-01-10'),
    );
    assert.equal(hold.status, 'placed');
    assert.deepEqual(hold.services, ['electric', 'water']);
    const orders = await t.db.pool.query<{ kind: string; meter: string; due: string }>(
      `SELECT kind, meter_number AS meter, due_on::text AS due FROM service_order
        WHERE account_id = $1 ORDER BY meter_number, kind`,
      [accountId],
    );
    assert.deepEqual(
      orders.rows.map((o) => [o.meter, o.kind, o.due]),
      [
        ['E-SH-P', 'turn_off', '2026-01-15'],
        ['E-SH-P', 'turn_on', '2026-03-15'],
        ['W-SH-P', 'turn_off', '2026-01-15'],
        ['W-SH-P', 'turn_on', '2026-03-15'],
      ],
    );
    const meters = await t.db.pool.query<{ off_from: string; off_through: string }>(
      `SELECT off_from::text, off_through::text FROM meter WHERE meter_number = ANY($1)
        ORDER BY meter_number`,
      [['E-SH-P', 'W-SH-P']],
    );
    assert.deepEqual(
      meters.rows.map((m) => [m.off_from, m.off_through]),
      [
        ['2026-01-15', '2026-03-14'],
        ['2026-01-15', '2026-03-14'],
      ],
    );
    // $20 per service held, owed by the account.
    const owed = await count(
      t,
      `SELECT coalesce(sum(debit_cents - credit_cents), 0) AS n FROM journal_line
        WHERE account_id = $1 AND gl_account LIKE 'receivable:%'`,
      [accountId],
    );
    assert.equal(owed, 4000);
    assert.equal(
      await count(
        t,
        `SELECT count(*) AS n FROM account_event WHERE account_id = $1 AND kind = 'seasonal_hold'`,
        [accountId],
      ),
      1,
    );
    assert.equal(
      await count(
        t,
        `SELECT count(*) AS n FROM audit_log WHERE action = 'seasonal_hold.placed' AND entity_id = $1`,
        [hold.holdId],
      ),
      1,
    );
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('refuses a hold that breaks a rule and writes nothing', async () => {
    const accountId = await withElectric(t, 11, 'SH-R');
    const before = () =>
      Promise.all([
        count(t, `SELECT count(*) AS n FROM seasonal_hold WHERE account_id = $1`, [accountId]),
        count(t, `SELECT count(*) AS n FROM service_order WHERE account_id = $1`, [accountId]),
        count(t, `SELECT count(*) AS n FROM journal_line WHERE account_id = $1`, [accountId]),
      ]);
    const empty = await before();
    const cases: [string, string, HoldService[], string][] = [
      ['2026-02-01', '2026-02-20', ['electric'], 'hold_too_short'],
      ['2026-02-01', '2026-10-15', ['electric'], 'hold_too_long'],
      ['2026-01-05', '2026-03-31', ['electric'], 'hold_in_past'],
      ['2026-02-01', '2026-03-31', ['electric', 'gas'], 'hold_service_not_active'],
    ];
    for (const [from, through, services, code] of cases) {
      expectErr(await place(t, accountId, from, through, services, '2026-01-10'), code);
    }
    assert.deepEqual(await before(), empty);
    expectOk(await place(t, accountId, '2026-02-01', '2026-03-31', ['electric'], '2026-01-10'));
    expectErr(
      await place(t, accountId, '2026-03-01', '2026-04-30', ['water'], '2026-01-10'),
      'hold_overlaps',
    );
    await t.db.pool.query(`UPDATE account SET status = 'final' WHERE id = $1`, [accountId]);
    expectErr(
      await place(t, accountId, '2026-05-01', '2026-06-30', ['water'], '2026-01-10'),
      'account_not_active',
    );
  });

  it('bills electric only for the days it was on; water’s fixed charges continue and its zero read is accepted', async () => {
    const held = await withElectric(t, 12, 'SH-B');
    const twin = await withElectric(t, 12, 'SH-T');
    expectOk(await place(t, held, '2026-01-15', '2026-03-14', ['electric', 'water'], '2026-01-10'));
    // January: both used 200 kWh and 3,000 gal (the held account's before the 15th).
    await reads(
      t,
      'E-SH-B,2026-01-31,5200\nW-SH-B,2026-01-31,4000\nE-SH-T,2026-01-31,5200\nW-SH-T,2026-01-31,4000\n',
    );
    await run(t, 12, d('2026-01-31'));
    const jan = await billLines(t, held, '2026-01-31');
    const janTwin = await billLines(t, twin, '2026-01-31');
    const electric = new Map(jan.filter((l) => l.service === 'electric').map((l) => [l.code, l]));
    const twinElectric = new Map(
      janTwin.filter((l) => l.service === 'electric').map((l) => [l.code, l]),
    );
    // Jan 1–14 is a 14-day part: the customer charge and the energy blocks are prorated;
    // all 200 kWh were registered while the service was on.
    assert.equal(electric.get('E-CUST')?.proration, '14/30');
    assert.equal(electric.get('E-ENERGY')?.proration, '14/30');
    assert.equal(electric.get('E-ENERGY')?.quantity, '200.0000');
    assert.equal(twinElectric.get('E-CUST')?.proration, null);
    assert.equal(twinElectric.get('E-ENERGY')?.quantity, '200.0000');
    const amount = async (accountId: number, code: string) =>
      count(
        t,
        `SELECT l.amount_cents AS n FROM bill b JOIN bill_line l ON l.bill_id = b.id
          WHERE b.account_id = $1 AND l.code = $2`,
        [accountId, code],
      );
    const full = await amount(twin, 'E-CUST');
    assert.equal(await amount(held, 'E-CUST'), Math.round((full * 14) / 30));
    // Water is not prorated: its fixed charges continue while it is off.
    assert.deepEqual(
      jan.filter((l) => l.service !== 'electric').map((l) => [l.code, l.quantity]),
      janTwin.filter((l) => l.service !== 'electric').map((l) => [l.code, l.quantity]),
    );

    // February: the held meters read zero (accepted, off); the twin's zero water read is
    // held for review as usual. No electric read is due for a period wholly off.
    await reads(t, 'W-SH-B,2026-02-28,4000\nW-SH-T,2026-02-28,4000\nE-SH-T,2026-02-28,5400\n');
    const status = await t.db.pool.query<{ meter: string; status: string }>(
      `SELECT m.meter_number AS meter, mr.status FROM meter_read mr
         JOIN register r ON r.id = mr.register_id JOIN meter m ON m.id = r.meter_id
        WHERE mr.read_date = '2026-02-28' AND m.meter_number IN ('W-SH-B', 'W-SH-T')
        ORDER BY 1`,
    );
    assert.deepEqual(
      status.rows.map((s) => [s.meter, s.status]),
      [
        ['W-SH-B', 'accepted'],
        ['W-SH-T', 'held'],
      ],
    );
    await run(t, 12, d('2026-02-28'));
    const feb = await billLines(t, held, '2026-02-28');
    assert.equal(feb.filter((l) => l.service === 'electric').length, 0);
    const services = new Set(feb.map((l) => l.service));
    assert.ok(services.has('water') && services.has('wastewater') && services.has('solid_waste'));
    // The bill says why there is no electric: the hold and its days, in the PDF too.
    const billId = (
      await t.db.pool.query<{ id: number }>(
        `SELECT id::int AS id FROM bill WHERE account_id = $1 AND period_end = '2026-02-28'`,
        [held],
      )
    ).rows[0]!.id;
    const { bill, pdf } = expectOk(await billPdf(t.db.pool, billId));
    assert.deepEqual(bill.seasonalHolds, [
      { from: '2026-01-15', through: '2026-03-14', services: ['electric', 'water'] },
    ]);
    const text = (await pdfPagesText(pdf)).join('\n').replace(/\s+/g, ' ');
    assert.match(
      text,
      /Seasonal hold: Electric, Water off Jan 15, 2026 – Mar 14, 2026\. Electric and gas are not charged while off; water, wastewater and solid-waste service charges continue\./,
    );
    const twinBill = (
      await t.db.pool.query<{ id: number }>(
        `SELECT id::int AS id FROM bill WHERE account_id = $1 AND period_end = '2026-01-31'`,
        [twin],
      )
    ).rows[0]!.id;
    assert.deepEqual(expectOk(await billPdf(t.db.pool, twinBill)).bill.seasonalHolds, []);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('cancels a hold before it starts (orders cancelled, fee reversed, meters back on) and ends a started one early', async () => {
    const accountId = await withElectric(t, 13, 'SH-C');
    const hold = expectOk(
      await place(t, accountId, '2026-02-01', '2026-03-31', ['electric'], '2026-01-10'),
    );
    const cancelled = expectOk(
      await inTransaction(t.db, (tx) =>
        cancelSeasonalHold(
          tx,
          { holdId: hold.holdId, today: d('2026-01-20') },
          at('2026-01-20T17:00:00Z'),
        ),
      ),
    );
    assert.equal(cancelled.status, 'cancelled');
    const orders = await t.db.pool.query<{ status: string }>(
      `SELECT status FROM service_order WHERE account_id = $1`,
      [accountId],
    );
    assert.deepEqual(
      orders.rows.map((o) => o.status),
      ['cancelled', 'cancelled'],
    );
    assert.equal(
      await count(
        t,
        `SELECT coalesce(sum(debit_cents - credit_cents), 0) AS n FROM journal_line WHERE account_id = $1`,
        [accountId],
      ),
      0,
    );
    assert.equal(
      await count(
        t,
        `SELECT count(*) AS n FROM meter WHERE meter_number = 'E-SH-C' AND off_from IS NULL`,
        [],
      ),
      1,
    );
    expectErr(
      await inTransaction(t.db, (tx) =>
        cancelSeasonalHold(
          tx,
          { holdId: hold.holdId, today: d('2026-01-21') },
          at('2026-01-21T17:00:00Z'),
        ),
      ),
      'hold_cancelled',
    );

    const second = expectOk(
      await place(t, accountId, '2026-02-01', '2026-04-30', ['electric'], '2026-01-25'),
    );
    expectErr(
      await inTransaction(t.db, (tx) =>
        cancelSeasonalHold(
          tx,
          { holdId: second.holdId, today: d('2026-02-10') },
          at('2026-02-10T17:00:00Z'),
        ),
      ),
      'hold_started',
    );
    const end = (on: string, today: string) =>
      inTransaction(t.db, (tx) =>
        endSeasonalHoldEarly(
          tx,
          { holdId: second.holdId, on: d(on), today: d(today) },
          at(`${today}T17:00:00Z`),
        ),
      );
    expectErr(await end('2026-02-09', '2026-02-10'), 'hold_end_out_of_range');
    expectErr(await end('2026-05-01', '2026-02-10'), 'hold_end_out_of_range');
    const ended = expectOk(await end('2026-03-02', '2026-02-10'));
    assert.equal(ended.through, '2026-03-01');
    const turnOn = await t.db.pool.query<{ due: string }>(
      `SELECT due_on::text AS due FROM service_order WHERE id = $1`,
      [second.onOrderIds[0]],
    );
    assert.equal(turnOn.rows[0]!.due, '2026-03-02');
    const meter = await t.db.pool.query<{ through: string }>(
      `SELECT off_through::text AS through FROM meter WHERE meter_number = 'E-SH-C'`,
    );
    assert.equal(meter.rows[0]!.through, '2026-03-01');
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
});
