import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { accountBalances, postEntry, verifyLedger } from '../ledger/index.ts';
import {
  enrolAutopay,
  generateAchFile,
  parseNacha,
  sandboxGateway,
  type PaymentContext,
} from '../payments/index.ts';
import { enrolBudgetBilling } from './budget-billing.ts';
import { insertBill, monthlyBills, seedAccount } from './high-bill-test-support.ts';

/** Autopay (PAY-6) of an account on budget billing (BIL-9): the draft is the instalment. */
describeEngines('ACH autopay under budget billing', (t) => {
  const ctx: PaymentContext = {
    actor: { kind: 'staff', id: 7, name: 'cashier-7' },
    now: new Date('2026-03-10T17:00:00Z'),
    gateway: sandboxGateway(),
  };

  it('drafts the budget instalment, not the bill total, and leaves the difference deferred', async () => {
    const a = await seedAccount(t.db, 'ACH-BB-1');
    await monthlyBills(
      t.db,
      a,
      '2025-11-01',
      Array(12).fill({ gallons: 6_000, totalCents: 10_000 }),
    );
    const today = localDate('2026-11-26');
    const plan = expectOk(
      await inTransaction(t.db, (tx) =>
        enrolBudgetBilling(tx, { accountId: a.accountId, today }, ctx),
      ),
    );
    assert.equal(plan.instalmentCents, 11_000); // 12 × $100 ÷ 12 × 1.10
    // The next bill charges $130.00 (posted to the ledger); it is due 2026-12-22.
    await insertBill(t.db, a, {
      start: '2026-11-01',
      end: '2026-12-01',
      gallons: 9_000,
      totalCents: 13_000,
    });
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'bill',
            sourceRef: 'test:ach-bb-1',
            effectiveDate: localDate('2026-12-01'),
            memo: 'bill',
            lines: [
              { glAccount: 'receivable:water', debitCents: cents(13_000), accountId: a.accountId },
              { glAccount: 'revenue.service:water', creditCents: cents(13_000) },
            ],
          },
          ctx,
        ),
      ),
    );
    expectOk(
      await inTransaction(t.db, (tx) =>
        enrolAutopay(
          tx,
          {
            accountId: a.accountId,
            routingNumber: '231380104',
            accountNumber: '55554444',
            accountType: 'checking',
            holderName: 'Budget Payer',
            enrolledOn: localDate('2026-12-01'),
          },
          ctx,
        ),
      ),
    );
    const generate = (date: string) =>
      inTransaction(t.db, (tx) => generateAchFile(tx, { date: localDate(date) }, ctx));
    assert.equal(expectOk(await generate('2026-12-01')).prenotes, 1);
    const f = expectOk(await generate('2026-12-22'));
    assert.deepEqual([f.debits, f.totalDebitCents], [1, 11_000]);
    const parsed = parseNacha(f.fileText);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.value.batches[0]!.entries.map((e) => [e.transactionCode, e.amountCents]),
      [['27', 11_000]],
    );
    // $130.00 billed − $110.00 drafted: $20.00 stays on the account, deferred by the plan.
    assert.equal((await accountBalances(t.db.pool, a.accountId)).totalCents, 2_000);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
});
