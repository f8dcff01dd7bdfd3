import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { accountBalances, postEntry, verifyLedger } from '../ledger/index.ts';
import { billAccount, newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { postPaymentWithRecovery } from './recovery-payment.ts';
import { refundChecksCsv, requestRefund } from './refund-request.ts';
import { recordReturnedPayment } from './returned-payment.ts';
import { transferPayment } from './transfer-payment.ts';
import type { TenderInput } from './types.ts';

const ctx = payCtx();
const check: TenderInput = {
  kind: 'check',
  checkNumber: '1001',
  routingNumber: '231380104',
  accountLast4: '5678',
};

async function verified(db: Database): Promise<boolean> {
  return expectOk(await inTransaction(db, async (tx) => ok(await verifyLedger(tx)))).ok;
}

async function pay(db: Database, accountId: number, amount: number, key: string, tender = check) {
  return expectOk(
    await inTransaction(db, (tx) =>
      postPayment(
        tx,
        {
          accountId,
          amountCents: cents(amount),
          tender,
          channel: 'mail',
          effectiveDate: today,
          idempotencyKey: key,
        },
        ctx,
      ),
    ),
  );
}

const owed = async (db: Database, id: number) => (await accountBalances(db.pool, id)).totalCents;

describeEngines('returned checks, transfers, refunds and recoveries (PAY-6 … PAY-9)', (t) => {
  let a: number;
  let b: number;
  before(async () => {
    a = await newAccount(t.db, 'trr-a');
    b = await newAccount(t.db, 'trr-b');
    await billAccount(t.db, a, localDate('2026-02-10'), { water: 3000 });
    await billAccount(t.db, b, localDate('2026-02-10'), { water: 7000 });
  });

  it('a returned check reverses the payment and charges the fee; twice in 12 months is cash-only', async () => {
    const p1 = await pay(t.db, a, 3000, 'rc-1');
    const r1 = expectOk(
      await inTransaction(t.db, (tx) =>
        recordReturnedPayment(
          tx,
          {
            paymentId: p1.paymentId,
            source: 'check',
            returnCode: 'NSF',
            reason: 'insufficient funds',
            returnedOn: today,
          },
          ctx,
        ),
      ),
    );
    // 30.00 owed again + 25.00 fee
    assert.deepEqual(
      [r1.feeCents, r1.returnsIn12Months, r1.cashOnlyFrom, await owed(t.db, a)],
      [2500, 1, null, 5500],
    );
    const again = await inTransaction(t.db, (tx) =>
      recordReturnedPayment(
        tx,
        {
          paymentId: p1.paymentId,
          source: 'check',
          returnCode: 'NSF',
          reason: 'x',
          returnedOn: today,
        },
        ctx,
      ),
    );
    assert.equal(again.ok ? '' : again.code, 'already_returned');
    const p2 = await pay(t.db, a, 5500, 'rc-2');
    const r2 = expectOk(
      await inTransaction(t.db, (tx) =>
        recordReturnedPayment(
          tx,
          {
            paymentId: p2.paymentId,
            source: 'check',
            returnCode: 'NSF',
            reason: 'insufficient funds',
            returnedOn: today,
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      [r2.returnsIn12Months, r2.cashOnlyFrom, await owed(t.db, a)],
      [2, '2026-03-10', 8000],
    );
    const o = expectOk(await getAccountOverview(t.db.pool, a));
    assert.deepEqual(
      o.specialStatuses.map((s) => s.status),
      ['cash_only'],
    );
    const refused = await inTransaction(t.db, (tx) =>
      postPayment(
        tx,
        {
          accountId: a,
          amountCents: cents(100),
          tender: check,
          channel: 'mail',
          effectiveDate: today,
          idempotencyKey: 'rc-3',
        },
        ctx,
      ),
    );
    assert.equal(refused.ok ? '' : refused.code, 'cash_only_account');
    assert.ok(await verified(t.db));
  });

  it('moves a misapplied payment to the right account with a trail on both', async () => {
    const c = await newAccount(t.db, 'trr-c');
    const before = [await owed(t.db, c), await owed(t.db, b)];
    const wrong = await pay(t.db, c, 4000, 'mis-1', { ...check, checkNumber: '2002' });
    const moved = expectOk(
      await inTransaction(t.db, (tx) =>
        transferPayment(
          tx,
          {
            paymentId: wrong.paymentId,
            toAccountId: b,
            reason: 'stub for account B',
            effectiveDate: today,
          },
          ctx,
        ),
      ),
    );
    assert.equal(moved.toPayment.accountId, b);
    // C owes what it owed before (0.00, not -40.00); B owes 40.00 less
    assert.deepEqual([await owed(t.db, c), await owed(t.db, b)], [before[0], before[1]! - 4000]);
    const trail = await t.db.pool.query<{ action: string; account_id: number }>(
      "SELECT action, account_id::int FROM audit_log WHERE entity_type = 'payment_transfer' ORDER BY id",
    );
    assert.deepEqual(
      trail.rows.map((r) => [r.action, r.account_id]),
      [
        ['payment.transferred_out', c],
        ['payment.transferred_in', b],
      ],
    );
    const twice = await inTransaction(t.db, (tx) =>
      transferPayment(
        tx,
        { paymentId: wrong.paymentId, toAccountId: b, reason: 'again', effectiveDate: today },
        ctx,
      ),
    );
    assert.equal(twice.ok ? '' : twice.code, 'already_reversed');
    assert.ok(await verified(t.db));
  });

  it('refunds a credit balance and a deposit, and exports the refund checks as CSV once', async () => {
    // B owes 30.00; pays 50.00 → a 20.00 credit
    await pay(t.db, b, 5000, 'over-1');
    assert.equal(await owed(t.db, b), -2000);
    const tooMuch = await inTransaction(t.db, (tx) =>
      requestRefund(
        tx,
        {
          accountId: b,
          kind: 'credit_balance',
          amountCents: 2001,
          reason: 'overpaid',
          requestedOn: today,
          idempotencyKey: 'rf-0',
        },
        ctx,
      ),
    );
    assert.equal(tooMuch.ok ? '' : tooMuch.code, 'refund_exceeds_available');
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        requestRefund(
          tx,
          {
            accountId: b,
            kind: 'credit_balance',
            reason: 'overpaid',
            requestedOn: today,
            idempotencyKey: 'rf-1',
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      [r.amountCents, r.byFund, await owed(t.db, b)],
      [2000, [{ fund: 'general', amountCents: 2000 }], 0],
    );
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'deposit',
            sourceRef: 'test-deposit-b',
            effectiveDate: today,
            memo: 'deposit paid',
            lines: [
              { glAccount: 'cash.bank:general', debitCents: cents(26500) },
              { glAccount: 'deposit.held:general', creditCents: cents(26500), accountId: b },
            ],
          },
          { actor: systemActor('test'), now: ctx.now },
        ),
      ),
    );
    const d = expectOk(
      await inTransaction(t.db, (tx) =>
        requestRefund(
          tx,
          {
            accountId: b,
            kind: 'deposit',
            reason: '12 on-time months',
            requestedOn: today,
            idempotencyKey: 'rf-2',
          },
          ctx,
        ),
      ),
    );
    assert.equal(d.amountCents, 26500);
    assert.equal((await accountBalances(t.db.pool, b)).depositsHeldCents, 0);
    const csv = expectOk(
      await inTransaction(t.db, async (tx) => ok(await refundChecksCsv(tx, ctx))),
    );
    const rows = csv.csv.trim().split('\n');
    assert.equal(rows.length, 3);
    assert.match(
      rows[1]!,
      /,Payer trr-b,1 Main St,,Mesa,AZ,85201,20\.00,credit_balance,2026-03-10,overpaid,/,
    );
    assert.match(rows[2]!, /,265\.00,deposit,/);
    const next = expectOk(
      await inTransaction(t.db, async (tx) => ok(await refundChecksCsv(tx, ctx))),
    );
    assert.equal(next.count, 0);
    assert.ok(await verified(t.db));
  });

  it('a payment on a written-off account credits bad-debt recovery first', async () => {
    const w = await newAccount(t.db, 'trr-w');
    await billAccount(t.db, w, localDate('2026-01-10'), { water: 8000, wastewater: 3000 });
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'write_off',
            sourceRef: `write_off:${w}`,
            effectiveDate: today,
            memo: 'written off at referral',
            lines: [
              { glAccount: 'expense.bad_debt:water', debitCents: cents(8000) },
              { glAccount: 'expense.bad_debt:wastewater', debitCents: cents(3000) },
              { glAccount: 'receivable:water', creditCents: cents(8000), accountId: w },
              { glAccount: 'receivable:wastewater', creditCents: cents(3000), accountId: w },
            ],
          },
          { actor: systemActor('test'), now: ctx.now },
        ),
      ),
    );
    await t.db.pool.query("UPDATE account SET status = 'written_off' WHERE id = $1", [w]);
    const input = {
      accountId: w,
      amountCents: cents(5000),
      tender: { ...check, checkNumber: '3003' },
      channel: 'mail' as const,
      effectiveDate: today,
      idempotencyKey: 'rec-1',
    };
    const r = expectOk(await inTransaction(t.db, (tx) => postPaymentWithRecovery(tx, input, ctx)));
    assert.deepEqual(r.recovered, [{ fund: 'water', amountCents: 5000 }]);
    assert.equal(await owed(t.db, w), 0);
    const replay = expectOk(
      await inTransaction(t.db, (tx) => postPaymentWithRecovery(tx, input, ctx)),
    );
    assert.deepEqual([replay.payment.replayed, replay.recovered.length], [true, 0]);
    const rev = await t.db.pool.query<{ c: number }>(
      "SELECT sum(credit_cents - debit_cents)::int AS c FROM journal_line WHERE gl_account = 'revenue.bad_debt_recovery:water'",
    );
    assert.equal(rev.rows[0]!.c, 5000);
    assert.ok(await verified(t.db));
  });
});
