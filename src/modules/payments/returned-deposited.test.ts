import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { accountBalances, trialBalance, verifyLedger } from '../ledger/index.ts';
import { createDeposit } from './deposit-by-fund.ts';
import { closeDrawer, openDrawer, verifyDrawer } from './drawer.ts';
import { takeWindowTransaction } from './drawer-transaction.ts';
import { billAccount, newAccount, testNow, today } from './payments-test-support.ts';
import { recordReturnedPayment } from './returned-payment.ts';
import type { PaymentContext } from './types.ts';

const as = (id: number): PaymentContext => ({
  actor: { kind: 'staff', id, name: `staff-${id}` },
  now: testNow,
});
const cashier = as(17);
const supervisor = as(18);

async function gl(db: Database, code: string): Promise<number> {
  const row = (await trialBalance(db.pool, {})).rows.find((r) => r.glAccount === code);
  return row ? row.debitCents - row.creditCents : 0;
}

describeEngines('a check returned after its drawer was deposited (PAY-6 with PAY-4)', (t) => {
  let accountId: number;
  let paymentId: number;
  before(async () => {
    accountId = await newAccount(t.db, 'ret-dep');
    await billAccount(t.db, accountId, localDate('2026-03-01'), { water: 4000 });
    const d = expectOk(
      await inTransaction(t.db, (tx) =>
        openDrawer(tx, { businessDate: today, floatCount: { '2000': 1 } }, cashier),
      ),
    );
    const tx1 = expectOk(
      await inTransaction(t.db, (tx) =>
        takeWindowTransaction(
          tx,
          {
            drawerId: d.drawerId,
            effectiveDate: today,
            idempotencyKey: 'ret-dep-1',
            lines: [{ kind: 'utility', accountId, amountCents: cents(4000) }],
            tenders: [
              {
                kind: 'check',
                amountCents: cents(4000),
                checkNumber: '501',
                routingNumber: '021000021',
                accountLast4: '6789',
              },
            ],
          },
          cashier,
        ),
      ),
    );
    paymentId = tx1.paymentIds[0]!;
    expectOk(
      await inTransaction(t.db, (tx) =>
        closeDrawer(
          tx,
          {
            drawerId: d.drawerId,
            cashCount: { '2000': 1 },
            checkCents: cents(4000),
            cardCents: cents(0),
          },
          cashier,
        ),
      ),
    );
    expectOk(await inTransaction(t.db, (tx) => verifyDrawer(tx, d.drawerId, supervisor)));
    expectOk(
      await inTransaction(t.db, (tx) => createDeposit(tx, { drawerIds: [d.drawerId] }, supervisor)),
    );
  });

  it('takes the money back from the bank, not the drawer, and leaves the interfund settled', async () => {
    const before = {
      drawer: await gl(t.db, 'cash.drawer:general'),
      bank: await gl(t.db, 'cash.bank:water'),
      dueFrom: await gl(t.db, 'due_from.general:water'),
      dueTo: await gl(t.db, 'due_to.water:general'),
    };
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        recordReturnedPayment(
          tx,
          { paymentId, source: 'check', returnCode: 'NSF', reason: 'nsf', returnedOn: today },
          supervisor,
        ),
      ),
    );
    assert.equal(r.feeCents, 2500);
    // §12: receivable +40.00 (+25.00 fee), cash.bank:water −40.00; drawer and interfund unchanged
    assert.deepEqual(
      {
        drawer: await gl(t.db, 'cash.drawer:general'),
        bank: await gl(t.db, 'cash.bank:water'),
        dueFrom: await gl(t.db, 'due_from.general:water'),
        dueTo: await gl(t.db, 'due_to.water:general'),
      },
      { ...before, bank: before.bank - 4000 },
    );
    assert.equal((await accountBalances(t.db.pool, accountId)).totalCents, 6500);
    const v = expectOk(await inTransaction(t.db, async (tx) => ok(await verifyLedger(tx))));
    assert.equal(v.ok, true);
  });
});
