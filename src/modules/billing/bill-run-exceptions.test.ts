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

const ctx = { actor: systemActor('test'), now: new Date('2026-02-01T17:00:00Z') };
const asOf = localDate('2026-01-31');

describeEngines('billing: what a run says of the accounts it does not bill', (t) => {
  it('names the meter of a held read, and tells a service not started from one already billed', async () => {
    const held = await meteredAccount(t.db, 11, 'W-EX-1');
    const later = await meteredAccount(t.db, 11, 'W-EX-2');
    const billed = await meteredAccount(t.db, 11, 'W-EX-3');
    await t.db.pool.query(
      `UPDATE service_agreement SET start_date = '2026-02-05' WHERE account_id = $1`,
      [later],
    );
    // W-EX-1 reads what it read at install: zero usage on an installed meter is held.
    const file = 'meter_number,read_date,reading\nW-EX-1,2026-01-31,1000\nW-EX-3,2026-01-31,7000\n';
    const imported = expectOk(
      await inTransaction(t.db, (tx) => importReads(tx, { fileName: 'ex.csv', text: file }, ctx)),
    );
    assert.equal(imported.held, 1);
    const first = expectOk(await runBillRun(t.db, { cycle: 11, asOf }, ctx));
    const items = async (runId: number | null) =>
      (
        await t.db.pool.query<{
          account_id: number;
          status: string;
          code: string | null;
          detail: string | null;
        }>(
          `SELECT account_id::int AS account_id, status, code, detail FROM bill_run_item
            WHERE run_id = $1 ORDER BY account_id`,
          [runId],
        )
      ).rows.map((r) => [r.account_id, r.status, r.code, r.detail]);
    assert.deepEqual(await items(first.runId), [
      [held, 'skipped', 'held_read', 'meter W-EX-1 (water): read held for review'],
      [later, 'skipped', 'not_started', 'service starts 2026-02-05'],
      [billed, 'billed', null, null],
    ]);
    // Run again: the billed account is now already billed; the others wait as before.
    const again = expectOk(await runBillRun(t.db, { cycle: 11, asOf }, ctx));
    assert.deepEqual(
      (await items(again.runId)).map(([id, , code]) => [id, code]),
      [
        [held, 'held_read'],
        [later, 'not_started'],
        [billed, 'already_billed'],
      ],
    );
  });
});
