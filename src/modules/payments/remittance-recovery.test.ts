import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { accountBalances, postEntry, verifyLedger } from '../ledger/index.ts';
import { billAccount, makeCashOnly, newAccount, payCtx } from './payments-test-support.ts';
import { importRemittance } from './remittance-import.ts';
import { listUnappliedCash } from './unapplied-cash.ts';
import { listPayments } from './read-payments.ts';
import { postPaymentWithRecovery } from './recovery-payment.ts';

/** Bills $80.00 water, writes it all off (COL-6's entry) and marks the account written off. */
async function writtenOffAccount(db: Database, tag: string): Promise<number> {
  const id = await newAccount(db, tag);
  await billAccount(db, id, localDate('2026-01-10'), { water: 8000 });
  expectOk(
    await inTransaction(db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'write_off',
          sourceRef: `write_off:${id}`,
          effectiveDate: localDate('2026-03-01'),
          memo: 'written off at referral',
          lines: [
            { glAccount: 'expense.bad_debt:water', debitCents: cents(8000) },
            { glAccount: 'receivable:water', creditCents: cents(8000), accountId: id },
          ],
        },
        { actor: systemActor('test'), now: new Date('2026-03-01T12:00:00Z') },
      ),
    ),
  );
  await db.pool.query("UPDATE account SET status = 'written_off' WHERE id = $1", [id]);
  return id;
}

async function importCsv(db: Database, fileName: string, csv: string) {
  return expectOk(
    await importRemittance(db, { format: 'remittance-csv', fileName, text: csv }, payCtx()),
  );
}

async function recoveryRevenue(db: Database): Promise<number> {
  const r = await db.pool.query<{ c: number | null }>(
    `SELECT sum(credit_cents - debit_cents)::int AS c FROM journal_line
      WHERE gl_account = 'revenue.bad_debt_recovery:water'`,
  );
  return r.rows[0]!.c ?? 0;
}

/** PAY-9 through PAY-5: a lockbox payment on a written-off account is a bad-debt recovery. */
describeEngines('remittance import on written-off accounts (PAY-5, PAY-9)', (t) => {
  it('recovers bad debt before applying; a cash-only account’s check is held, nothing of it posted', async () => {
    const recovered = await writtenOffAccount(t.db, 'RW-1');
    const cashOnly = await writtenOffAccount(t.db, 'RW-2');
    await makeCashOnly(t.db, cashOnly, 'two returned checks');
    const ordinary = await newAccount(t.db, 'RW-3');
    await billAccount(t.db, ordinary, localDate('2026-02-01'), { water: 1000 });
    const csv = [
      'account_number,amount,date,check_number,payer_name',
      'A-RW-1,50.00,2026-03-10,201,Payer One',
      'A-RW-3,10.00,2026-03-10,202,Payer Three',
      'A-RW-2,20.00,2026-03-10,203,Payer Two',
    ].join('\n');
    const r = await importCsv(t.db, 'rw.csv', csv);
    assert.deepEqual(
      r.outcomes.map((o) => [o.outcome, o.accountId, o.paymentId !== null]),
      [
        ['posted', recovered, true],
        ['posted', ordinary, true],
        ['unmatched', null, false],
      ],
    );
    assert.match(r.outcomes[2]!.reason ?? '', /cash-only/);
    assert.deepEqual([r.posted, r.unmatched, r.postedCents, r.unmatchedCents], [2, 1, 6000, 2000]);
    const file = await t.db.pool.query<{ p: number; u: number }>(
      'SELECT posted_count AS p, unmatched_count AS u FROM remittance_file WHERE id = $1',
      [r.fileId],
    );
    assert.deepEqual([file.rows[0]!.p, file.rows[0]!.u], [2, 1]);
    // $80.00 written off; the $50.00 check re-established $50.00 as recovery revenue, then paid
    // it: the account owes nothing, and $30.00 stays written off.
    assert.equal(await recoveryRevenue(t.db), 5000);
    assert.equal((await accountBalances(t.db.pool, recovered)).totalCents, 0);
    // The refused check left no recovery entry behind (it was held before anything posted).
    assert.equal((await accountBalances(t.db.pool, cashOnly)).totalCents, 0);
    const entries = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM journal_entry WHERE kind = 'recovery'",
    );
    assert.equal(entries.rows[0]!.n, 1);
    const held = await listUnappliedCash(t.db.pool);
    assert.deepEqual(
      held.map((q) => [q.amountCents, q.accountRef]),
      [[2000, 'A-RW-2']],
    );
    // The research queue says why: the account matched but refused the check.
    assert.match(held[0]!.holdReason ?? '', new RegExp(`account ${cashOnly} is cash-only`));
    assert.equal((await accountBalances(t.db.pool, ordinary)).totalCents, 0);
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });

  it('checks of one written-off account recover and apply in turn, exactly as postPaymentWithRecovery one after the other; any cash-only account’s check is held, its bank credit posts', async () => {
    // Twins: $80.00 written off each; W1 paid by a lockbox file of three checks, W2 by the
    // same three payments posted one after the other through postPaymentWithRecovery.
    const [w1, w2] = [await writtenOffAccount(t.db, 'TW-1'), await writtenOffAccount(t.db, 'TW-2')];
    // An ordinary (not written-off) cash-only account: its mailed check is held, as at the window.
    const cashOnly = await newAccount(t.db, 'TW-3');
    await billAccount(t.db, cashOnly, localDate('2026-02-01'), { water: 1000 });
    await makeCashOnly(t.db, cashOnly, 'returned check');
    const amounts = [5000, 5000, 1000];
    const csv = [
      'account_number,amount,date,check_number',
      ...amounts.map((a, i) => `A-TW-1,${(a / 100).toFixed(2)},2026-03-10,${300 + i}`),
      'A-TW-3,10.00,2026-03-10,399',
      // No check number: a bank's credit (ACH tender), which cannot bounce — it posts.
      'A-TW-3,4.00,2026-03-10,',
    ].join('\n');
    const r = await importCsv(t.db, 'tw.csv', csv);
    assert.deepEqual(
      r.outcomes.map((o) => o.outcome),
      ['posted', 'posted', 'posted', 'unmatched', 'posted'],
    );
    assert.match(r.outcomes[3]!.reason ?? '', /is cash-only/);
    for (const [i, a] of amounts.entries()) {
      expectOk(
        await inTransaction(t.db, (tx) =>
          postPaymentWithRecovery(
            tx,
            {
              accountId: w2,
              amountCents: cents(a),
              tender: {
                kind: 'check',
                checkNumber: `${300 + i}`,
                routingNumber: '',
                accountLast4: '',
              },
              channel: 'lockbox',
              effectiveDate: localDate('2026-03-10'),
              idempotencyKey: `twin-w2-${i}`,
            },
            payCtx(),
          ),
        ),
      );
    }
    const applied = async (id: number): Promise<unknown[]> =>
      (await listPayments(t.db.pool, id)).reverse().map((p) => p.application);
    assert.deepEqual(await applied(w1), await applied(w2));
    // Recovery entries per account, in order: $50.00, then the $30.00 still written off.
    const recoveries = async (id: number): Promise<number[]> =>
      (
        await t.db.pool.query<{ c: number }>(
          `SELECT l.debit_cents::int AS c FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
            WHERE e.kind = 'recovery' AND l.account_id = $1 ORDER BY e.id`,
          [id],
        )
      ).rows.map((row) => row.c);
    assert.deepEqual(await recoveries(w1), [5000, 3000]);
    assert.deepEqual(await recoveries(w1), await recoveries(w2));
    // $80.00 recovered and paid; the last $30.00 ($20.00 + $10.00) is a credit.
    const b1 = await accountBalances(t.db.pool, w1);
    assert.deepEqual(b1.byFund, (await accountBalances(t.db.pool, w2)).byFund);
    assert.equal(b1.totalCents, -3000);
    assert.equal((await accountBalances(t.db.pool, cashOnly)).totalCents, 600);
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });
});
