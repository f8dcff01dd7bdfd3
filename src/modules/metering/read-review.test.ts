import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { listServiceOrders } from '../field/index.ts';
import {
  enterRead,
  heldReadQueue,
  importReads,
  listHeldReads,
  rejectRead,
  releaseRead,
  replaceRead,
} from './index.ts';
import { inService, meterWithHeldRead, usage } from './metering-test-support.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

function code<T>(r: Result<T>): string | undefined {
  return r.ok ? undefined : r.code;
}

describeEngines('metering: held-read review', (t) => {
  it('lists a held read with its reason, usage, premise and previous accepted reads', async () => {
    const { held } = await meterWithHeldRead(t.db, 'RV1');
    assert.equal(held.holdReason, 'high_usage');
    assert.equal(held.readDate, '2026-04-01');
    assert.equal(Number(held.usage), 18000);
    assert.equal(held.address, '1 Main St, Mesa');
    assert.deepEqual(
      held.previous.map((p) => [p.readDate, Number(p.value)]),
      [
        ['2026-03-02', 7000],
        ['2026-01-31', 4000],
        ['2026-01-01', 1000],
      ],
    );
    const otherCycle = await listHeldReads(t.db.pool, { cycle: 9 });
    assert.equal(otherCycle.length, 0);
    const zero = await listHeldReads(t.db.pool, { reason: 'zero_usage' });
    assert.ok(!zero.some((h) => h.readId === held.readId));
  });

  it('pages the queue oldest first with the total waiting and a cursor to the next page', async () => {
    for (const m of ['RP1', 'RP2', 'RP3', 'RP4', 'RP5']) await meterWithHeldRead(t.db, m);
    const all = (await listHeldReads(t.db.pool, { limit: 500 })).map((h) => h.readId);
    assert.ok(all.length >= 5, String(all.length));
    const seen: number[] = [];
    let after: number | undefined;
    for (let pages = 1; ; pages++) {
      const page = await heldReadQueue(t.db.pool, { limit: 2, afterReadId: after });
      assert.equal(page.total, all.length);
      assert.ok(page.reads.length >= 1 && page.reads.length <= 2);
      seen.push(...page.reads.map((h) => h.readId));
      if (page.next === null) {
        assert.equal(pages, Math.ceil(all.length / 2));
        break;
      }
      assert.equal(page.next, page.reads[1]!.readId);
      after = page.next;
    }
    assert.deepEqual(seen, all);
    const one = await heldReadQueue(t.db.pool, { meterNumber: 'RP3' });
    assert.equal(one.total, 1);
    assert.equal(one.next, null);
    assert.equal(one.reads[0]!.meterNumber, 'RP3');
    expectOk(
      await inTransaction(t.db, (tx) => releaseRead(tx, { readId: one.reads[0]!.readId }, ctx)),
    );
    assert.equal((await heldReadQueue(t.db.pool, {})).total, all.length - 1);
    assert.equal((await heldReadQueue(t.db.pool, { meterNumber: 'RP3' })).total, 0);
  });

  it('a released read counts as accepted, leaves the queue, and the next read chains onto it', async () => {
    const { held } = await meterWithHeldRead(t.db, 'RV2');
    assert.deepEqual(await usage(t.db, 'RV2', '2026-03-02', '2026-04-01'), {
      accepted: 0,
      held: 1,
      usage: 0,
    });
    expectOk(await inTransaction(t.db, (tx) => releaseRead(tx, { readId: held.readId }, ctx)));
    // 25000 − 7000 = 18,000 gallons, now accepted.
    assert.deepEqual(await usage(t.db, 'RV2', '2026-03-02', '2026-04-01'), {
      accepted: 1,
      held: 0,
      usage: 18000,
    });
    assert.ok(!(await listHeldReads(t.db.pool, {})).some((h) => h.readId === held.readId));
    const again = await inTransaction(t.db, (tx) => releaseRead(tx, { readId: held.readId }, ctx));
    assert.equal(code(again), 'read_already_reviewed');
    // May 1: 28000 − 25000 (the released read) = 3,000 gallons, not 21,000.
    const text = 'meter_number,read_date,reading\nRV2,2026-05-01,28000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'rv2-may.csv', text }, ctx)),
    );
    assert.deepEqual(await usage(t.db, 'RV2', '2026-04-01', '2026-05-01'), {
      accepted: 1,
      held: 0,
      usage: 3000,
    });
    const audit = await t.db.pool.query(
      `SELECT 1 FROM audit_log WHERE action = 'meter_read.released' AND entity_id = $1`,
      [String(held.readId)],
    );
    assert.equal(audit.rowCount, 1);
  });

  it('a rejected read is gone from usage and can open a re-read order', async () => {
    const { held, premiseId } = await meterWithHeldRead(t.db, 'RV3');
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        rejectRead(tx, { readId: held.readId, reason: 'misread dial', requestReRead: true }, ctx),
      ),
    );
    assert.ok(r.reReadOrderId !== null);
    assert.deepEqual(await usage(t.db, 'RV3', '2026-03-02', '2026-04-01'), {
      accepted: 0,
      held: 0,
      usage: 0,
    });
    const orders = await listServiceOrders(t.db.pool, { premiseId });
    assert.deepEqual(
      orders.map((o) => [o.id, o.kind, o.meterNumber, o.status]),
      [[r.reReadOrderId, 're_read', 'RV3', 'open']],
    );
    const noReason = await inTransaction(t.db, (tx) =>
      releaseRead(tx, { readId: held.readId }, ctx),
    );
    assert.equal(code(noReason), 'read_already_reviewed');
  });

  it('a replaced read is superseded by the corrected value, validated like any read', async () => {
    const { held } = await meterWithHeldRead(t.db, 'RV4');
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        replaceRead(tx, { readId: held.readId, valueMilli: 10_000_000, reason: 'photo' }, ctx),
      ),
    );
    // 10000 − 7000 = 3,000 gallons in 30 days: 100/day, accepted.
    assert.equal(r.status, 'accepted');
    assert.deepEqual(await usage(t.db, 'RV4', '2026-03-02', '2026-04-01'), {
      accepted: 1,
      held: 0,
      usage: 3000,
    });
  });

  it('a release after a later accepted read is refused as out of order; a read that is not held is refused', async () => {
    const { held } = await meterWithHeldRead(t.db, 'RV5');
    const later = expectOk(
      await inTransaction(t.db, (tx) =>
        enterRead(
          tx,
          {
            meterNumber: 'RV5',
            readDate: localDate('2026-04-15'),
            valueMilli: 11_000_000,
            source: 'field',
          },
          ctx,
        ),
      ),
    );
    assert.equal(later.status, 'accepted');
    const r = await inTransaction(t.db, (tx) => releaseRead(tx, { readId: held.readId }, ctx));
    assert.equal(code(r), 'read_out_of_order');
    const notHeld = await inTransaction(t.db, (tx) =>
      releaseRead(tx, { readId: later.readId }, ctx),
    );
    assert.equal(code(notHeld), 'read_not_held');
    const missing = await inTransaction(t.db, (tx) => releaseRead(tx, { readId: 99_999_999 }, ctx));
    assert.equal(code(missing), 'read_not_found');
  });
});

describeEngines('metering: manual read entry', (t) => {
  it('a manual read is validated like an imported one: accepted, held, or refused', async () => {
    await meterWithHeldRead(t.db, 'MR1');
    await inService(t.db, 'MR1');
    const enter = (readDate: string, valueMilli: number, meterNumber = 'MR1') =>
      inTransaction(t.db, (tx) =>
        enterRead(
          tx,
          { meterNumber, readDate: localDate(readDate), valueMilli, source: 'customer' },
          ctx,
        ),
      );
    // Same as the latest accepted read (7000 on Mar 2): zero usage on an installed meter.
    const zero = expectOk(await enter('2026-04-20', 7_000_000));
    assert.deepEqual([zero.status, zero.holdReason], ['held', 'zero_usage']);
    // A vacant premise's meter (no agreement in service): its zero use is expected.
    await meterWithHeldRead(t.db, 'MR-VACANT');
    const vacant = expectOk(await enter('2026-04-20', 7_000_000, 'MR-VACANT'));
    assert.deepEqual([vacant.status, vacant.holdReason], ['accepted', null]);
    assert.equal(code(await enter('2026-03-01', 8_000_000)), 'read_out_of_order');
    assert.equal(code(await enter('2025-12-01', 8_000_000)), 'read_outside_meter_dates');
    assert.equal(code(await enter('2026-05-01', 1_000_000_000)), 'reading_exceeds_dials');
    assert.equal(code(await enter('2026-05-01', 8_000_000, 'NOPE')), 'meter_not_found');
    const good = expectOk(await enter('2026-05-01', 13_000_000)); // 6,000 in 60 days
    assert.deepEqual([good.status, good.holdReason], ['accepted', null]);
  });
});
