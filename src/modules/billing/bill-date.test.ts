import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { importReads } from '../metering/index.ts';
import { meteredAccount } from './billing-test-support.ts';
import { runBillRun } from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-02-03T17:00:00Z') };
const asOf = localDate('2026-01-31');

describeEngines('billing: the bill date of a run (BIL-7)', (t) => {
  it('dates the bills on the run’s bill date (never before the as-of) and counts the due date from it', async () => {
    const later = await meteredAccount(t.db, 14, 'W-BD-1');
    const chosen = await meteredAccount(t.db, 14, 'W-BD-2');
    const earlier = await meteredAccount(t.db, 13, 'W-BD-3');
    await t.db.pool.query('UPDATE account SET due_day = 10 WHERE id = $1', [chosen]);
    const file =
      'meter_number,read_date,reading\n' +
      'W-BD-1,2026-01-31,7000\nW-BD-2,2026-01-31,7000\nW-BD-3,2026-01-31,7000\n';
    expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'bd.csv', text: file }, ctx)),
    );
    const billDate = localDate('2026-02-03');
    expectOk(await runBillRun(t.db, { cycle: 14, asOf, billDate }, ctx));
    // A bill date before the as-of is not a date the bills can carry: the as-of is.
    expectOk(await runBillRun(t.db, { cycle: 13, asOf, billDate: localDate('2026-01-20') }, ctx));
    const r = await t.db.pool.query<{ account_id: number; bill: string; due: string; end: string }>(
      `SELECT account_id, bill_date::text AS bill, due_date::text AS due, period_end::text AS end
         FROM bill WHERE account_id = ANY($1::int8[])`,
      [[later, chosen, earlier]],
    );
    const by = new Map(r.rows.map((x) => [Number(x.account_id), [x.end, x.bill, x.due]]));
    // Period to Jan 31, billed Feb 3: due Feb 3 + 21 = Feb 24.
    assert.deepEqual(by.get(later), ['2026-01-31', '2026-02-03', '2026-02-24']);
    // Chosen day 10: Feb 10 is 7 days after the bill date (< 15), so Tue Mar 10.
    assert.deepEqual(by.get(chosen), ['2026-01-31', '2026-02-03', '2026-03-10']);
    assert.deepEqual(by.get(earlier), ['2026-01-31', '2026-01-31', '2026-02-21']);
  });
});
