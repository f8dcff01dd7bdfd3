import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines, type EngineContext } from '../../../test/support/test-db.ts';
import { localDate as d } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  exchangeMeter,
  importReads,
  installMeter,
  removeMeter,
  type RegisterReadsForBill,
} from '../metering/index.ts';
import { meteredAccount } from './billing-test-support.ts';
import { pdfPagesText } from './document/pdf-text.ts';
import { renderBillPdf } from './document/render-bill.ts';
import { billPdf, getBillDetail, runBillRun, type BillDetail } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-03-01T12:00:00Z') };

async function reads(t: EngineContext, lines: string): Promise<void> {
  const text = `meter_number,read_date,reading\n${lines}`;
  expectOk(await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'mx.csv', text }, ctx)));
}

async function billed(t: EngineContext, accountId: number, periodEnd: string) {
  const r = await t.db.pool.query<{ code: string; quantity: string; amount: number }>(
    `SELECT l.code, l.quantity::text AS quantity, l.amount_cents::int AS amount
       FROM bill b JOIN bill_line l ON l.bill_id = b.id
      WHERE b.account_id = $1 AND b.period_end = $2 AND b.status = 'issued' ORDER BY l.id`,
    [accountId, periodEnd],
  );
  const gallons = r.rows
    .filter((l) => l.code === 'W-USAGE')
    .reduce((n, l) => n + Number(l.quantity), 0);
  return { gallons, lines: new Map(r.rows.map((l) => [l.code, l])) };
}

/** A read row as `[meter, previous, current, usage]` with reads as `date value`. */
function row(r: RegisterReadsForBill | null) {
  const read = (x: RegisterReadsForBill['previous']) =>
    x === null ? null : `${x.readDate} ${x.value}${x.estimated ? ' est' : ''}`;
  return r === null ? null : [r.meterNumber, read(r.previous), read(r.current), r.usage];
}

async function billId(t: EngineContext, accountId: number, periodEnd: string): Promise<number> {
  const r = await t.db.pool.query<{ id: number }>(
    `SELECT id::int AS id FROM bill
      WHERE account_id = $1 AND period_end = $2 AND status = 'issued'`,
    [accountId, periodEnd],
  );
  return r.rows[0]!.id;
}

async function waterOf(t: EngineContext, accountId: number, periodEnd: string) {
  const detail = expectOk(await getBillDetail(t.db.pool, await billId(t, accountId, periodEnd)));
  return { detail, water: detail.services.find((s) => s.service === 'water')! };
}

/** The PDF's text in one line (pdf.js splits runs at font changes and line ends). */
async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPagesText(pdf)).join(' ').replace(/\s+/g, ' ');
}

async function spanishPdfText(bill: BillDetail): Promise<string> {
  return pdfText(await renderBillPdf({ bill: { ...bill, language: 'es' }, tip: null }));
}

describeEngines('billing across a meter exchange (BIL-1, BIL-4)', (t) => {
  it('bills the old meter up to its final read and the new one after its initial read, once each', async () => {
    const exchanged = await meteredAccount(t.db, 14, 'W-MX-1');
    const neighbour = await meteredAccount(t.db, 14, 'W-MX-2');
    await reads(t, 'W-MX-1,2026-01-31,4000\nW-MX-2,2026-01-31,4000\n');
    expectOk(await runBillRun(t.db, { cycle: 14, asOf: d('2026-01-31') }, ctx));

    // Feb 15: the 3/4" meter reads 6,000 gal and comes out; a 1" meter goes in at zero.
    expectOk(
      await inTransaction(t.db, (tx) =>
        exchangeMeter(
          tx,
          {
            old: {
              meterNumber: 'W-MX-1',
              removedOn: d('2026-02-15'),
              finalMilli: { gallon: 6_000_000 },
            },
            replacement: {
              meterNumber: 'W-MX-1B',
              size: '1',
              registers: [{ kind: 'gallon', dials: 6, initialMilli: 0 }],
            },
          },
          ctx,
        ),
      ),
    );
    const agreement = await t.db.pool.query<{ meter: string; size: string }>(
      `SELECT meter_number AS meter, meter_size AS size FROM service_agreement
        WHERE account_id = $1 AND service = 'water'`,
      [exchanged],
    );
    assert.deepEqual(agreement.rows[0], { meter: 'W-MX-1B', size: '1' });
    const event = await t.db.pool.query<{ summary: string }>(
      `SELECT summary FROM account_event WHERE account_id = $1 AND kind = 'meter_exchanged'`,
      [exchanged],
    );
    assert.deepEqual(
      event.rows.map((e) => e.summary),
      ['water meter W-MX-1 exchanged for W-MX-1B on 2026-02-15'],
    );

    // Feb 28: 2,000 gal on the old meter + 1,500 on the new = the neighbour's 3,500.
    await reads(t, 'W-MX-1B,2026-02-28,1500\nW-MX-2,2026-02-28,7500\n');
    const feb = expectOk(await runBillRun(t.db, { cycle: 14, asOf: d('2026-02-28') }, ctx));
    assert.equal(feb.billed, 2);
    const mine = await billed(t, exchanged, '2026-02-28');
    const theirs = await billed(t, neighbour, '2026-02-28');
    assert.equal(mine.gallons, 3500);
    assert.equal(theirs.gallons, 3500);
    assert.equal(mine.lines.get('W-USAGE')?.amount, theirs.lines.get('W-USAGE')?.amount);
    // The service charge follows the new meter's size: a 1" meter costs more than a 3/4".
    assert.ok(mine.lines.get('W-SVC')!.amount > theirs.lines.get('W-SVC')!.amount);
    // The bill's usage chart and daily average count both meters too (BIL-11): January is
    // the old meter's alone, February both meters'.
    const { detail, water } = await waterOf(t, exchanged, '2026-02-28');
    const history = water.usageHistory!;
    assert.deepEqual(
      history.months.filter((m) => m.usage > 0),
      [
        { month: '2026-01', usage: 3000 },
        { month: '2026-02', usage: 3500 },
      ],
    );
    assert.ok(history.dailyAverage > 3000 / 28, `daily average ${history.dailyAverage}`);
    // The read line shows one row per meter: the old one's previous → final (removal) read,
    // then the new one's initial → current read; their usages add up to what was billed.
    assert.deepEqual(water.replacedMeterReads.map(row), [
      ['W-MX-1', '2026-01-31 4000', '2026-02-15 6000', 2000],
    ]);
    assert.deepEqual(row(water.reads), ['W-MX-1B', '2026-02-15 0', '2026-02-28 1500', 1500]);
    const readUsage = [...water.replacedMeterReads, water.reads!].reduce((n, r) => n + r.usage, 0);
    assert.equal(readUsage, mine.gallons);
    const pdf = await pdfText(expectOk(await billPdf(t.db.pool, detail.billId)).pdf);
    for (const s of ['W-MX-1 (removed)', 'W-MX-1B', '2,000 gal', '1,500 gal', 'Total usage']) {
      assert.ok(pdf.includes(s), `missing "${s}" in ${pdf}`);
    }
    assert.match(pdf, /Total usage 3,500 gal/);
    const es = await spanishPdfText(detail);
    for (const s of ['W-MX-1 (retirado)', 'W-MX-1B', 'Consumo total 3,500 gal']) {
      assert.ok(es.includes(s), `missing "${s}" in ${es}`);
    }
    // The neighbour's meter was not exchanged: one row, no total.
    const other = await waterOf(t, neighbour, '2026-02-28');
    assert.deepEqual(other.water.replacedMeterReads, []);
    assert.equal(other.water.reads?.usage, 3500);
    const otherPdf = await pdfText(expectOk(await billPdf(t.db.pool, other.detail.billId)).pdf);
    assert.ok(!otherPdf.includes('Total usage'), 'a total under a single read row');

    // March: only the new meter's use; the old meter's reads are not counted again.
    await reads(t, 'W-MX-1B,2026-03-31,2500\nW-MX-2,2026-03-31,8500\n');
    expectOk(await runBillRun(t.db, { cycle: 14, asOf: d('2026-03-31') }, ctx));
    assert.equal((await billed(t, exchanged, '2026-03-31')).gallons, 1000);
    const march = (await waterOf(t, exchanged, '2026-03-31')).water;
    assert.deepEqual(march.replacedMeterReads, []);
    assert.deepEqual(row(march.reads), ['W-MX-1B', '2026-02-28 1500', '2026-03-31 2500', 1000]);

    // April 10 the new meter is exchanged too: February's bill, shown again, still has the
    // rows of the two meters that read February, and none for the meter not yet there.
    expectOk(
      await inTransaction(t.db, (tx) =>
        exchangeMeter(
          tx,
          {
            old: {
              meterNumber: 'W-MX-1B',
              removedOn: d('2026-04-10'),
              finalMilli: { gallon: 2_800_000 },
            },
            replacement: {
              meterNumber: 'W-MX-1C',
              size: '1',
              registers: [{ kind: 'gallon', dials: 6, initialMilli: 0 }],
            },
          },
          ctx,
        ),
      ),
    );
    const again = await waterOf(t, exchanged, '2026-02-28');
    assert.deepEqual(again.water.replacedMeterReads.map(row), [
      ['W-MX-1', '2026-01-31 4000', '2026-02-15 6000', 2000],
      ['W-MX-1B', '2026-02-15 0', '2026-02-28 1500', 1500],
    ]);
    assert.deepEqual(row(again.water.reads), ['W-MX-1C', null, null, 0]);
    const againPdf = await pdfText(expectOk(await billPdf(t.db.pool, again.detail.billId)).pdf);
    assert.match(againPdf, /W-MX-1B \(removed\).*Total usage 3,500 gal/);
    assert.ok(!againPdf.includes('W-MX-1C'), 'a row for the meter installed after the period');
  });

  it('a meter pulled and put back later: the service takes the new meter and bills both', async () => {
    const accountId = await meteredAccount(t.db, 13, 'W-RI-1');
    await reads(t, 'W-RI-1,2026-01-31,4000\n');
    expectOk(await runBillRun(t.db, { cycle: 13, asOf: d('2026-01-31') }, ctx));
    // Feb 10 the meter comes out (5,000 gal); Feb 20 a new one goes in at zero.
    const removal = {
      meterNumber: 'W-RI-1',
      removedOn: d('2026-02-10'),
      finalMilli: { gallon: 5_000_000 },
    };
    expectOk(await inTransaction(t.db, (tx) => removeMeter(tx, removal, ctx)));
    const premise = await t.db.pool.query<{ id: number }>(
      `SELECT premise_id::int AS id FROM meter WHERE meter_number = 'W-RI-1'`,
    );
    const meter = {
      premiseId: premise.rows[0]!.id,
      meterNumber: 'W-RI-1B',
      service: 'water' as const,
      size: '3/4',
      installedOn: d('2026-02-20'),
      registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 0 }],
    };
    expectOk(await inTransaction(t.db, (tx) => installMeter(tx, meter, ctx)));
    const agreement = await t.db.pool.query<{ meter: string }>(
      `SELECT meter_number AS meter FROM service_agreement
        WHERE account_id = $1 AND service = 'water'`,
      [accountId],
    );
    assert.deepEqual(agreement.rows[0], { meter: 'W-RI-1B' });
    // Feb 28: 1,000 gal on the old meter to its removal + 800 on the new one.
    await reads(t, 'W-RI-1B,2026-02-28,800\n');
    expectOk(await runBillRun(t.db, { cycle: 13, asOf: d('2026-02-28') }, ctx));
    assert.equal((await billed(t, accountId, '2026-02-28')).gallons, 1800);
    const { water } = await waterOf(t, accountId, '2026-02-28');
    assert.deepEqual(water.replacedMeterReads.map(row), [
      ['W-RI-1', '2026-01-31 4000', '2026-02-10 5000', 1000],
    ]);
    assert.deepEqual(row(water.reads), ['W-RI-1B', '2026-02-20 0', '2026-02-28 800', 800]);
  });
});
