import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { postEntry } from '../ledger/index.ts';
import type { BudgetPeriod } from './budget-fold.ts';
import { budgetAccount, insertBill } from './high-bill-test-support.ts';
import { runLateFees } from './late-fee-job.ts';
import { firstLateBill, getBudgetBilling, removeLateBudgetPayers, type Payment } from './index.ts';

const period = (billId: number, dueDate: string): BudgetPeriod & { dueDate: LocalDate } => ({
  billId,
  periodEnd: localDate('2026-01-01'),
  actualCents: 13_000,
  instalmentCents: 11_000,
  settlementCents: 0,
  amountDueCents: 11_000,
  deferredAfterCents: 0,
  event: null,
  dueDate: localDate(dueDate),
});
const pay = (on: string, c: number): Payment => ({ on: localDate(on), cents: c });

describe('budget billing late payments (BIL-9), pure', () => {
  const periods = [period(1, '2026-01-22'), period(2, '2026-02-22')];
  const cases: readonly (readonly [string, readonly Payment[], string, number | null])[] = [
    [
      'every instalment paid by its due date',
      [pay('2026-01-20', 11_000), pay('2026-02-22', 11_000)],
      '2026-03-01',
      null,
    ],
    [
      'the second paid a day late',
      [pay('2026-01-20', 11_000), pay('2026-02-23', 11_000)],
      '2026-03-01',
      2,
    ],
    ['a partial payment', [pay('2026-01-20', 10_999)], '2026-01-25', 1],
    // Paying both at once early covers both bills.
    ['both paid early in one payment', [pay('2026-01-10', 22_000)], '2026-03-01', null],
    // A bill not yet due is not judged.
    ['a bill not yet due', [pay('2026-01-20', 11_000)], '2026-02-22', null],
  ];
  for (const [name, payments, asOf, late] of cases) {
    it(`${name}: ${late === null ? 'on time' : `bill ${late} late`}`, () => {
      assert.equal(firstLateBill(periods, payments, localDate(asOf))?.billId ?? null, late);
    });
  }
});

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T15:00:00Z') };

describeEngines('billing: budget billing removes a late payer (BIL-9)', (t) => {
  it('removes the plan when the first budget bill is not paid by its due date', async () => {
    const { account: a } = await budgetAccount(t.db, 'BL-1', ctx);
    const { account: onTime } = await budgetAccount(t.db, 'BL-2', ctx);
    for (const x of [a, onTime]) {
      // Due 2026-12-22 (bill date + 21).
      await insertBill(t.db, x, {
        start: '2026-11-01',
        end: '2026-12-01',
        gallons: 6_000,
        totalCents: 13_000,
      });
    }
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'payment',
            sourceRef: 'test:bl-2',
            effectiveDate: localDate('2026-12-20'),
            memo: 'instalment',
            lines: [
              { glAccount: 'cash.bank:water', debitCents: cents(11_000) },
              {
                glAccount: 'receivable:water',
                creditCents: cents(11_000),
                accountId: onTime.accountId,
              },
            ],
          },
          ctx,
        ),
      ),
    );
    const before = expectOk(
      await inTransaction(t.db, async (tx) => ({
        ok: true as const,
        value: await removeLateBudgetPayers(tx, localDate('2026-12-22'), ctx),
      })),
    );
    assert.deepEqual(before, []);
    const removed = expectOk(
      await inTransaction(t.db, async (tx) => ({
        ok: true as const,
        value: await removeLateBudgetPayers(tx, localDate('2026-12-23'), ctx),
      })),
    );
    assert.deepEqual(removed, [a.accountId]);
    const view = expectOk(await getBudgetBilling(t.db.pool, a.accountId, localDate('2026-12-23')));
    assert.deepEqual([view.plan?.status, view.plan?.endReason], ['removed', 'late_payment']);
    const kept = expectOk(
      await getBudgetBilling(t.db.pool, onTime.accountId, localDate('2026-12-23')),
    );
    assert.equal(kept.plan?.status, 'active');
  });

  it('charges a late fee only on the instalment asked, never on the charges deferred', async () => {
    const paid = (await budgetAccount(t.db, 'BL-3', ctx)).account;
    const unpaid = (await budgetAccount(t.db, 'BL-4', ctx)).account;
    const bills = new Map<number, number>();
    for (const x of [paid, unpaid]) {
      // A $200.00 month under a $110.00 instalment: $90.00 deferred. Due 2026-12-22.
      const bill = { start: '2026-11-01', end: '2026-12-01', gallons: 20_000, totalCents: 20_000 };
      bills.set(x.accountId, await insertBill(t.db, x, bill));
      await post(x.accountId, `bl-bill-${x.accountId}`, '2026-12-01', 'receivable', 20_000);
    }
    await post(paid.accountId, 'bl-pay-3', '2026-12-20', 'payment', 11_000);
    const run = expectOk(await runLateFees(t.db, { asOf: localDate('2026-12-23') }, ctx));
    const of = (accountId: number) => run.results.find((r) => r.billId === bills.get(accountId))!;
    // Paid the instalment: nothing is late, though $90.00 of the bill is unpaid.
    assert.deepEqual([of(paid.accountId).outcome, of(paid.accountId).pastDueCents], ['paid', 0]);
    // Paid nothing: the $110.00 asked is past due, not the $200.00 of charges.
    assert.deepEqual(
      [of(unpaid.accountId).outcome, of(unpaid.accountId).pastDueCents],
      ['charge', 11_000],
    );
  });

  /** A receivable debit (a bill's charges) or credit (a payment) on the account's water fund. */
  const post = (
    accountId: number,
    ref: string,
    on: string,
    kind: 'receivable' | 'payment',
    c: number,
  ) =>
    inTransaction(t.db, (tx) =>
      postEntry(
        tx,
        {
          kind: kind === 'receivable' ? 'bill' : 'payment',
          sourceRef: `test:${ref}`,
          effectiveDate: localDate(on),
          memo: ref,
          lines:
            kind === 'receivable'
              ? [
                  { glAccount: 'receivable:water', debitCents: cents(c), accountId },
                  { glAccount: 'revenue.service:water', creditCents: cents(c) },
                ]
              : [
                  { glAccount: 'cash.bank:water', debitCents: cents(c) },
                  { glAccount: 'receivable:water', creditCents: cents(c), accountId },
                ],
        },
        ctx,
      ),
    ).then(expectOk);
});
