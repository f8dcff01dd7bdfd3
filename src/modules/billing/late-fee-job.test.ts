import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { addDays, localDate, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { setSpecialStatus } from '../customers/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { requestAdjustment } from './adjust.ts';
import { billedAccount, receivable, staff, testNow, today } from './adjustments-test-support.ts';
import { runLateFees } from './late-fee-job.ts';

const ctx = { actor: systemActor('late-fee job'), now: testNow };

async function entries(db: Database): Promise<number> {
  const r = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM journal_entry');
  return r.rows[0]!.n;
}

describeEngines('billing: the late-fee job (BIL-7)', (t) => {
  let owing = { accountId: 0, billId: 0 };
  let small = { accountId: 0, billId: 0 };
  let bankrupt = { accountId: 0, billId: 0 };
  let due = localDate('2026-02-21');
  let dayAfter: LocalDate = addDays(due, 1);

  it('nothing is delinquent on the due date', async () => {
    owing = await billedAccount(t.db, 3, 'W-LF-1');
    small = await billedAccount(t.db, 3, 'W-LF-2');
    bankrupt = await billedAccount(t.db, 3, 'W-LF-3');
    const d = await t.db.pool.query<{ due: LocalDate }>(
      'SELECT due_date::text AS due FROM bill WHERE id = $1',
      [owing.billId],
    );
    due = d.rows[0]!.due;
    dayAfter = addDays(due, 1);
    // $118.21 billed, $98.21 credited → $20.00 owed: under the $25.00 threshold.
    expectOk(
      await inTransaction(t.db, (tx) =>
        requestAdjustment(
          tx,
          {
            accountId: small.accountId,
            direction: 'credit',
            amountCents: cents(9_821),
            reasonCode: 'courtesy_credit',
            memo: 'test',
            effectiveDate: today,
          },
          staff(41, 'admin'),
        ),
      ),
    );
    expectOk(
      await inTransaction(t.db, (tx) =>
        setSpecialStatus(
          tx,
          {
            accountId: bankrupt.accountId,
            startsOn: localDate('2026-02-01'),
            reason: 'filed',
            details: { status: 'bankruptcy', caseNumber: '26-10001', chapter: 7 },
          },
          ctx,
        ),
      ),
    );
    const r = expectOk(await runLateFees(t.db, { asOf: due }, ctx));
    assert.equal(r.bills, 0);
  });

  it('a dry run reports each bill’s outcome and writes nothing', async () => {
    const before = await entries(t.db);
    const r = expectOk(await runLateFees(t.db, { asOf: dayAfter, dryRun: true }, ctx));
    // $118.21 past due: 2 % = 2.36 → $5.00, split over the funds and taxed = $5.21
    // (late-fee-decision.test.ts has the arithmetic).
    assert.deepEqual(
      r.results.map((i) => [i.billId, i.outcome, i.pastDueCents, i.feeCents, i.taxCents]),
      [
        [owing.billId, 'charge', 11_821, 500, 21],
        [small.billId, 'under_threshold', 2_000, undefined, undefined],
        [bankrupt.billId, 'exempt', 11_821, undefined, undefined],
      ],
    );
    assert.equal(await entries(t.db), before);
  });

  it('charges the late fee through the ledger, once however often it runs', async () => {
    const r = expectOk(await runLateFees(t.db, { asOf: dayAfter }, ctx));
    assert.deepEqual([r.charged, r.feeCents, r.taxCents], [1, 500, 21]);
    const charged = r.results.find((i) => i.outcome === 'charge')!;
    const src = await t.db.pool.query<{ source_ref: string; kind: string }>(
      'SELECT source_ref, kind FROM journal_entry WHERE id = $1',
      [charged.journalEntryId],
    );
    assert.deepEqual(src.rows[0], { source_ref: `late_fee:${owing.billId}`, kind: 'fee' });
    assert.equal(await receivable(t.db, owing.accountId), 11_821 + 521);
    const before = await entries(t.db);
    const again = expectOk(await runLateFees(t.db, { asOf: addDays(dayAfter, 1) }, ctx));
    assert.equal(again.charged, 0);
    assert.ok(!again.results.some((i) => i.billId === owing.billId));
    assert.equal(await entries(t.db), before);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
});
