import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { createServiceOrder, listServiceOrders } from '../field/index.ts';
import { completeReRead, type ReReadInput } from './complete-re-read.ts';
import { heldReadQueue } from './held-reads.ts';
import { requestMeterReRead } from './manual-read.ts';
import { removeMeter } from './meter-changes.ts';
import { meterWithHeldRead, usage } from './metering-test-support.ts';

// A crew's re-read completes its order (BIL-1, FLD) and decides the held read it was sent to
// check. The meter (metering-test-support.ts) read 1,000 → 4,000 → 7,000 at 100 gal a day,
// then 25,000 on Apr 1: 18,000 gal in 30 days, held as high use.
const ctx = { actor: systemActor('crew'), now: new Date('2026-11-26T12:00:00Z') };

async function reReadOrder(db: Database, meterNumber: string): Promise<number> {
  const order = await inTransaction(db, (tx) =>
    requestMeterReRead(tx, { meterNumber, reason: 'held_read' }, ctx),
  );
  return expectOk(order).orderId;
}

const complete = (db: Database, input: ReReadInput) =>
  inTransaction(db, (tx) => completeReRead(tx, input, ctx));

const one = (reading: number) => [{ valueMilli: reading * 1000 }];

async function reads(db: Database, meterNumber: string) {
  const r = await db.pool.query<{
    id: number;
    d: string;
    v: string;
    status: string;
    reason: string | null;
    source: string;
    decision: string | null;
    replacement: number | null;
    order: number | null;
  }>(
    `SELECT mr.id::int AS id, mr.read_date::text AS d, mr.value::text AS v, mr.status,
            mr.hold_reason AS reason, mr.source, rv.decision,
            rv.replacement_read_id::int AS replacement, rv.re_read_order_id::int AS "order"
       FROM meter_read mr JOIN register g ON g.id = mr.register_id
       JOIN meter m ON m.id = g.meter_id LEFT JOIN read_review rv ON rv.read_id = mr.id
      WHERE m.meter_number = $1 ORDER BY mr.id`,
    [meterNumber],
  );
  return r.rows;
}

async function order(db: Database, premiseId: number, orderId: number) {
  const o = (await listServiceOrders(db.pool, { premiseId })).find((x) => x.id === orderId);
  assert.ok(o, `order ${orderId}`);
  return o;
}

function code<T>(r: Result<T>): string | undefined {
  return r.ok ? undefined : r.code;
}

describeEngines('metering: completing a re-read order', (t) => {
  it('a re-read that confirms a high read releases it and follows it', async () => {
    const { premiseId, held } = await meterWithHeldRead(t.db, 'RR1');
    const orderId = await reReadOrder(t.db, 'RR1');
    // Apr 4: 1,500 gal more in 3 days — the leak goes on.
    const done = expectOk(
      await complete(t.db, { orderId, readDate: localDate('2026-04-04'), readings: one(26_500) }),
    );
    const [r] = done.reads;
    assert.deepEqual(r!.heldReads, [{ readId: held.readId, decision: 'released' }]);
    assert.equal(r!.status, 'accepted');
    const rows = await reads(t.db, 'RR1');
    const heldRow = rows.find((x) => x.id === held.readId)!;
    assert.equal(heldRow.decision, 'released');
    assert.equal(heldRow.order, orderId);
    const released = rows.find((x) => x.id === heldRow.replacement)!;
    assert.deepEqual(
      [released.d, Number(released.v), released.status],
      ['2026-04-01', 25000, 'accepted'],
    );
    const field = rows.at(-1)!;
    assert.equal(field.id, r!.readId);
    assert.deepEqual([field.d, Number(field.v), field.source], ['2026-04-04', 26500, 'field']);
    // The held use counts in its own period, the crew's read in the next.
    assert.equal((await usage(t.db, 'RR1', '2026-03-02', '2026-04-01'))!.usage, 18000);
    assert.equal((await usage(t.db, 'RR1', '2026-04-01', '2026-04-04'))!.usage, 1500);
    const o = await order(t.db, premiseId, orderId);
    assert.equal(o.status, 'completed');
    assert.equal(o.closedBy, 'crew');
    assert.match(
      o.result ?? '',
      new RegExp(`gallon 26500 on 2026-04-04: held read ${held.readId} confirmed`),
    );
  });

  it('a re-read that shows a misread replaces the held read; the use is measured from the last good read', async () => {
    const { premiseId, held } = await meterWithHeldRead(t.db, 'RR2');
    const queued = async () => (await heldReadQueue(t.db.pool, { meterNumber: 'RR2' })).reads;
    assert.equal((await queued())[0]!.reReadOrderId, null);
    const orderId = await reReadOrder(t.db, 'RR2');
    // The review queue says the crew is on its way.
    assert.equal((await queued())[0]!.reReadOrderId, orderId);
    // Apr 4: 10,300 — 3,300 gal in 33 days; the 25,000 was a misread.
    const done = expectOk(
      await complete(t.db, { orderId, readDate: localDate('2026-04-04'), readings: one(10_300) }),
    );
    const [r] = done.reads;
    assert.deepEqual(r!.heldReads, [{ readId: held.readId, decision: 'replaced' }]);
    assert.deepEqual([r!.status, r!.verifiedHold], ['accepted', null]);
    const rows = await reads(t.db, 'RR2');
    assert.equal(rows.find((x) => x.id === held.readId)!.replacement, r!.readId);
    assert.equal((await usage(t.db, 'RR2', '2026-03-02', '2026-04-04'))!.usage, 3300);
    assert.equal((await order(t.db, premiseId, orderId)).status, 'completed');
    assert.deepEqual(await queued(), []);
  });

  it("the crew's read waives a usage hold on itself, but a backwards read stays held", async () => {
    const { premiseId } = await meterWithHeldRead(t.db, 'RR3');
    const first = await reReadOrder(t.db, 'RR3');
    // 60,000 on Apr 10: far above history, and the held 25,000 is no guide (60,000 − 25,000
    // in 9 days is 6× its pace) — the crew's read corrects it and is accepted as verified.
    const high = expectOk(
      await complete(t.db, {
        orderId: first,
        readDate: localDate('2026-04-10'),
        readings: one(60_000),
      }),
    );
    assert.deepEqual(
      [high.reads[0]!.status, high.reads[0]!.holdReason, high.reads[0]!.verifiedHold],
      ['accepted', null, 'high_usage'],
    );
    // A second order: the crew reads below the last accepted read — a person decides.
    const second = expectOk(
      await inTransaction(t.db, (tx) =>
        createServiceOrder(
          tx,
          { kind: 're_read', premiseId, meterNumber: 'RR3', reason: 'check register' },
          ctx,
        ),
      ),
    ).orderId;
    const back = expectOk(
      await complete(t.db, {
        orderId: second,
        readDate: localDate('2026-04-12'),
        readings: one(59_000),
      }),
    );
    assert.deepEqual(
      [back.reads[0]!.status, back.reads[0]!.holdReason, back.reads[0]!.verifiedHold],
      ['held', 'negative_usage', null],
    );
    assert.match((await order(t.db, premiseId, second)).result ?? '', /held \(negative_usage\)/);
  });

  it('a held read older than a later accepted read is superseded, not replaced', async () => {
    const { held } = await meterWithHeldRead(t.db, 'RR4');
    const orderId = await reReadOrder(t.db, 'RR4');
    // The next cycle's read is accepted before the crew goes out (reviewed by hand).
    await t.db.pool.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days, usage,
           source, kind, status, created_at)
         SELECT register_id, premise_id, '2026-05-01', 10000, 3000, 60, 3000, 'field', 'regular',
                'accepted', now() FROM meter_read WHERE id = $1`,
      [held.readId],
    );
    const done = expectOk(
      await complete(t.db, { orderId, readDate: localDate('2026-05-03'), readings: one(10_200) }),
    );
    assert.deepEqual(done.reads[0]!.heldReads, [{ readId: held.readId, decision: 'rejected' }]);
    assert.equal((await usage(t.db, 'RR4', '2026-05-01', '2026-05-03'))!.usage, 200);
  });

  it('refusals write nothing and leave the order open', async () => {
    const { premiseId, held } = await meterWithHeldRead(t.db, 'RR5');
    const orderId = await reReadOrder(t.db, 'RR5');
    const before = await reads(t.db, 'RR5');
    const tries: [ReReadInput, string][] = [
      [
        { orderId: 999_999, readDate: localDate('2026-04-04'), readings: one(1) },
        'service_order_not_found',
      ],
      [
        { orderId, readDate: localDate('2026-04-04'), readings: [...one(26_000), ...one(26_001)] },
        'duplicate_register',
      ],
      [
        { orderId, readDate: localDate('2025-12-01'), readings: one(26_000) },
        'read_outside_meter_dates',
      ],
      [{ orderId, readDate: localDate('2026-03-02'), readings: one(26_000) }, 'read_out_of_order'],
      [
        { orderId, readDate: localDate('2026-04-04'), readings: one(9_999_999) },
        'reading_exceeds_dials',
      ],
      [
        {
          orderId,
          readDate: localDate('2026-04-04'),
          readings: [{ register: 'kwh', valueMilli: 1 }],
        },
        'unknown_register',
      ],
    ];
    for (const [input, expected] of tries)
      assert.equal(code(await complete(t.db, input)), expected);
    assert.deepEqual(await reads(t.db, 'RR5'), before);
    assert.equal((await order(t.db, premiseId, orderId)).status, 'open');
    // A leak check is not a re-read; a completed order cannot be completed again.
    const leak = expectOk(
      await inTransaction(t.db, (tx) =>
        requestMeterReRead(tx, { meterNumber: 'RR5', reason: 'leak_check' }, ctx),
      ),
    ).orderId;
    const onLeak = await complete(t.db, {
      orderId: leak,
      readDate: localDate('2026-04-04'),
      readings: one(26_000),
    });
    assert.equal(code(onLeak), 'order_takes_no_reading');
    expectOk(
      await complete(t.db, { orderId, readDate: localDate('2026-04-04'), readings: one(26_000) }),
    );
    const again = await complete(t.db, {
      orderId,
      readDate: localDate('2026-04-05'),
      readings: one(26_100),
    });
    assert.equal(code(again), 'service_order_closed');
    assert.equal((await reads(t.db, 'RR5')).filter((x) => x.d === '2026-04-05').length, 0);
    assert.equal(
      (await reads(t.db, 'RR5')).find((x) => x.id === held.readId)!.decision,
      'released',
    );
  });

  it('a turn-off order is completed with its final reading, validated like any read (nothing waived)', async () => {
    const { premiseId, held } = await meterWithHeldRead(t.db, 'RR6');
    const turnOff = async (dueOn: string) =>
      expectOk(
        await inTransaction(t.db, (tx) =>
          createServiceOrder(
            tx,
            {
              kind: 'turn_off',
              premiseId,
              meterNumber: 'RR6',
              reason: 'Stop of water service: turn off, final read',
              dueOn: localDate(dueOn),
            },
            ctx,
          ),
        ),
      ).orderId;
    const first = await turnOff('2026-04-10');
    // 10,900 on Apr 10: 3,900 gal since Mar 2 — a normal read, accepted; the held read is left
    // to the review queue (a turn-off decides nothing about it).
    const done = expectOk(
      await complete(t.db, {
        orderId: first,
        readDate: localDate('2026-04-10'),
        readings: one(10_900),
      }),
    );
    assert.deepEqual(
      [done.reads[0]!.status, done.reads[0]!.verifiedHold, done.reads[0]!.heldReads],
      ['accepted', null, []],
    );
    const rows = await reads(t.db, 'RR6');
    assert.equal(rows.find((x) => x.id === held.readId)!.decision, null);
    assert.deepEqual(
      [rows.at(-1)!.d, Number(rows.at(-1)!.v), rows.at(-1)!.source],
      ['2026-04-10', 10900, 'field'],
    );
    assert.equal((await order(t.db, premiseId, first)).status, 'completed');
    // A high reading on such an order is held like any read: no crew verification is implied.
    const second = await turnOff('2026-05-10');
    const high = expectOk(
      await complete(t.db, {
        orderId: second,
        readDate: localDate('2026-05-10'),
        readings: one(60_000),
      }),
    );
    assert.deepEqual([high.reads[0]!.status, high.reads[0]!.holdReason], ['held', 'high_usage']);
  });

  it('removing the meter cancels its open re-read order; a leak check stays open', async () => {
    const { premiseId } = await meterWithHeldRead(t.db, 'RR7');
    const reRead = await reReadOrder(t.db, 'RR7');
    const leak = expectOk(
      await inTransaction(t.db, (tx) =>
        requestMeterReRead(tx, { meterNumber: 'RR7', reason: 'leak_check' }, ctx),
      ),
    ).orderId;
    expectOk(
      await inTransaction(t.db, (tx) =>
        removeMeter(
          tx,
          {
            meterNumber: 'RR7',
            removedOn: localDate('2026-04-05'),
            finalMilli: { gallon: 26_000_000 },
          },
          ctx,
        ),
      ),
    );
    const cancelled = await order(t.db, premiseId, reRead);
    assert.deepEqual(
      [cancelled.status, cancelled.result],
      ['cancelled', 'Meter removed on 2026-04-05; its final read stands'],
    );
    assert.equal((await order(t.db, premiseId, leak)).status, 'open');
    const late = await complete(t.db, {
      orderId: reRead,
      readDate: localDate('2026-04-06'),
      readings: one(26_100),
    });
    assert.equal(code(late), 'service_order_closed');
  });
});
