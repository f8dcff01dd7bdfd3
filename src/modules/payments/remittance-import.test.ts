import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { accountBalances, verifyLedger } from '../ledger/index.ts';
import { billAccount, newAccount, payCtx } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { listPayments } from './read-payments.ts';
import { importRemittance } from './remittance-import.ts';
import { applyUnappliedCash, listUnappliedCash } from './unapplied-cash.ts';

const lockbox = readFileSync(
  new URL('../../../../shared/testdata/external/lockbox/test_lockbox.bai', import.meta.url),
  'utf8',
);

async function counts(db: Database): Promise<number[]> {
  const r = await db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM payment UNION ALL SELECT count(*) FROM journal_entry
     UNION ALL SELECT count(*) FROM unapplied_cash UNION ALL SELECT count(*) FROM remittance_file`,
  );
  return r.rows.map((row) => Number(row.n));
}

describeEngines('remittance import (PAY-5)', (t) => {
  const db = (): Database => t.db;
  let a1 = 0;
  let a2 = 0;

  it('posts CSV items matched by account number, holds the unmatched as unapplied cash, ledger clean', async () => {
    a1 = await newAccount(db(), 'R1');
    a2 = await newAccount(db(), 'R2');
    await billAccount(db(), a1, localDate('2026-02-01'), { water: 5000, electric: 3000 });
    // A-R1 pays 60.00 then 40.00: 80.00 owed, so 20.00 is an overpayment credit (general)
    const csv = [
      'account_number,amount,date,check_number,payer_name',
      'A-R1,60.00,2026-03-10,101,Payer R1',
      'A-R2,12.50,2026-03-10,102,Payer R2',
      'A-NOBODY,9.99,2026-03-10,103,Mystery Payer',
      'A-R1,40.00,2026-03-10,104,Payer R1',
    ].join('\n');
    const r = expectOk(
      await importRemittance(
        db(),
        { format: 'remittance-csv', fileName: 'r.csv', text: csv },
        payCtx(),
      ),
    );
    assert.deepEqual(
      r.outcomes.map((o) => [o.outcome, o.accountId]),
      [
        ['posted', a1],
        ['posted', a2],
        ['unmatched', null],
        ['posted', a1],
      ],
    );
    assert.deepEqual([r.posted, r.unmatched, r.postedCents, r.unmatchedCents], [3, 1, 11250, 999]);
    // 8000 billed − 10000 paid = −2000 (a credit)
    assert.equal((await accountBalances(db().pool, a1)).totalCents, -2000);
    assert.equal((await accountBalances(db().pool, a2)).totalCents, -1250);
    assert.ok((await verifyLedger(db().pool)).ok);
    const queue = await listUnappliedCash(db().pool);
    assert.deepEqual(
      queue.map((q) => [q.amountCents, q.accountRef, q.payerName, q.holdReason]),
      [[999, 'A-NOBODY', 'Mystery Payer', 'no account matches the account or bill number']],
    );
  });

  it('refuses the same file twice and posts nothing', async () => {
    const before = await counts(db());
    const csv = 'account_number,amount,date\nA-R2,1.00,2026-03-11\n';
    expectOk(
      await importRemittance(
        db(),
        { format: 'remittance-csv', fileName: 'x.csv', text: csv },
        payCtx(),
      ),
    );
    const mid = await counts(db());
    const again = await importRemittance(
      db(),
      { format: 'remittance-csv', fileName: 'y.csv', text: csv },
      payCtx(),
    );
    assert.equal(again.ok, false);
    if (!again.ok) assert.equal(again.code, 'file_already_imported');
    assert.deepEqual(await counts(db()), mid);
    assert.notDeepEqual(mid, before);
  });

  it('a lockbox with a control total mismatch posts nothing; a dry run writes nothing', async () => {
    const before = await counts(db());
    const bad = lockbox.replace(
      '8000000002222216052300010000700000',
      '8000000002222216052300010000700099',
    );
    const r = await importRemittance(
      db(),
      { format: 'lockbox', fileName: 'bad.bai', text: bad },
      payCtx(),
    );
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(
        r.detail,
        'line 7, lockbox total amount: says 700099 cents, the checks sum to 700000',
      );
    const dry = expectOk(
      await importRemittance(
        db(),
        { format: 'lockbox', fileName: 'l.bai', text: lockbox, dryRun: true },
        payCtx(),
      ),
    );
    assert.equal(dry.unmatched, 1);
    assert.deepEqual(await counts(db()), before);
  });

  it('the lockbox sample check (invoice CE554 matches no bill) is unapplied; staff apply it to an account', async () => {
    const r = expectOk(
      await importRemittance(
        db(),
        { format: 'lockbox', fileName: 'l.bai', text: lockbox },
        payCtx(),
      ),
    );
    assert.deepEqual([r.items, r.unmatched, r.unmatchedCents], [1, 1, 700000]);
    const id = r.outcomes[0]!.unappliedId!;
    const applied = expectOk(
      await inTransaction(db(), (tx) =>
        applyUnappliedCash(tx, { id, accountId: a2, asOf: localDate('2026-03-12') }, payCtx()),
      ),
    );
    assert.equal(applied.status, 'applied');
    // −1250 − 100 (x.csv) − 700000
    assert.equal((await accountBalances(db().pool, a2)).totalCents, -701350);
    const again = await inTransaction(db(), (tx) =>
      applyUnappliedCash(tx, { id, accountId: a1, asOf: localDate('2026-03-12') }, payCtx()),
    );
    assert.equal(again.ok, false);
    if (!again.ok) assert.equal(again.code, 'unapplied_cash_resolved');
    assert.ok((await verifyLedger(db().pool)).ok);
  });
  it('items of one account apply in turn, each exactly as postPayment would after the one before', async () => {
    // Twins: the same two bills (one past due on 03-10, one current), paid by the same three
    // checks — E1 by a remittance file, E2 by postPayment one after the other.
    const [e1, e2] = [await newAccount(db(), 'E1'), await newAccount(db(), 'E2')];
    for (const id of [e1, e2]) {
      await billAccount(db(), id, localDate('2026-01-01'), { water: 3000, electric: 2000 });
      await billAccount(db(), id, localDate('2026-03-01'), { water: 4000, general: 500 });
    }
    const amounts = [2500, 6000, 3000];
    const csv = [
      'account_number,amount,date,check_number',
      ...amounts.map((a, i) => `A-E1,${(a / 100).toFixed(2)},2026-03-10,${200 + i}`),
    ].join('\n');
    expectOk(
      await importRemittance(
        db(),
        { format: 'remittance-csv', fileName: 'e.csv', text: csv },
        payCtx(),
      ),
    );
    for (const [i, a] of amounts.entries()) {
      expectOk(
        await inTransaction(db(), (tx) =>
          postPayment(
            tx,
            {
              accountId: e2,
              amountCents: cents(a),
              tender: {
                kind: 'check',
                checkNumber: `${200 + i}`,
                routingNumber: '122105155',
                accountLast4: '6789',
              },
              channel: 'mail',
              effectiveDate: localDate('2026-03-10'),
              idempotencyKey: `twin-e2-${i}`,
            },
            payCtx(),
          ),
        ),
      );
    }
    const applied = async (id: number): Promise<unknown[]> =>
      (await listPayments(db().pool, id)).reverse().map((p) => p.application);
    assert.deepEqual(await applied(e1), await applied(e2));
    assert.equal((await applied(e1)).length, 3);
    const b1 = await accountBalances(db().pool, e1);
    const b2 = await accountBalances(db().pool, e2);
    assert.deepEqual(b1.byFund, b2.byFund);
    assert.ok((await verifyLedger(db().pool)).ok);
  });

  it('the database refuses a payment naming a missing account or journal entry (0105: one check per statement), on insert and on update', async () => {
    const refused = async (sql: string, constraint: string): Promise<void> => {
      await assert.rejects(db().pool.query(sql), (e: { code?: string; message?: string }) => {
        assert.equal(e.code, '23503');
        assert.match(e.message ?? '', new RegExp(constraint));
        return true;
      });
    };
    const insert = (account: string, entry: string): string =>
      `INSERT INTO payment (account_id, amount_cents, tender, channel, tender_detail,
         effective_date, status, application, journal_entry_id, idempotency_key, request_hash,
         received_by_kind, received_by_name, received_at)
       SELECT ${account}, 100, 'check', 'lockbox', '{}', '2026-03-10', 'posted', '[]', ${entry},
              'fk-test-' || g, 'h', 'system', 'test', now()
         FROM generate_series(1, 3) g`;
    const entry = '(SELECT max(id) FROM journal_entry)';
    await refused(
      insert(`CASE g WHEN 2 THEN 999999999 ELSE ${a1} END`, entry),
      'payment_account_id_fkey',
    );
    await refused(
      insert(String(a1), `CASE g WHEN 3 THEN 999999999 ELSE ${entry} END`),
      'payment_journal_entry_id_fkey',
    );
    const first = '(SELECT min(id) FROM payment)';
    await refused(
      `UPDATE payment SET account_id = 999999999 WHERE id = ${first}`,
      'payment_account_id_fkey',
    );
    await refused(
      `UPDATE payment SET journal_entry_id = 999999999 WHERE id = ${first}`,
      'payment_journal_entry_id_fkey',
    );
    const r = await db().pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM payment p
        WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = p.account_id)
           OR (p.journal_entry_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = p.journal_entry_id))`,
    );
    assert.equal(Number(r.rows[0]!.n), 0);
  });
});
