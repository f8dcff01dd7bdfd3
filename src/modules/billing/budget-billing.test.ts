import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { postEntry } from '../ledger/index.ts';
import {
  insertBill,
  monthlyBills,
  seedAccount,
  type SeededAccount,
} from './high-bill-test-support.ts';
import {
  budgetAmountDue,
  enrolBudgetBilling,
  getBudgetBilling,
  holdBudgetBilling,
  leaveBudgetBilling,
  syncBudgetPeriods,
} from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T15:00:00Z') };
const today = localDate('2026-11-26');
const year = Array(12).fill({ gallons: 6_000, totalCents: 10_000 });

describeEngines('billing: budget billing (BIL-9)', (t) => {
  let a: SeededAccount;

  it('refuses with clear codes: too short a history, an unpaid balance, commercial', async () => {
    a = await seedAccount(t.db, 'BB-1');
    await monthlyBills(t.db, a, '2025-12-01', year.slice(1));
    const short = await inTransaction(t.db, (tx) =>
      enrolBudgetBilling(tx, { accountId: a.accountId, today }, ctx),
    );
    assert.deepEqual(short.ok ? 'ok' : [short.code, short.detail], [
      'budget_history_too_short',
      '11 consecutive monthly bills; 12 needed',
    ]);
    await insertBill(t.db, a, {
      start: '2025-11-01',
      end: '2025-12-01',
      gallons: 6_000,
      totalCents: 10_000,
    });
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'bill',
            sourceRef: 'test:bb-1',
            effectiveDate: localDate('2026-11-01'),
            memo: 'unpaid',
            lines: [
              { glAccount: 'receivable:water', debitCents: cents(2_500), accountId: a.accountId },
              { glAccount: 'revenue.service:water', creditCents: cents(2_500) },
            ],
          },
          ctx,
        ),
      ),
    );
    const unpaid = await inTransaction(t.db, (tx) =>
      enrolBudgetBilling(tx, { accountId: a.accountId, today }, ctx),
    );
    assert.equal(unpaid.ok ? 'ok' : unpaid.code, 'budget_balance_unpaid');
    const shop = await seedAccount(t.db, 'BB-2', 'commercial');
    const commercial = await inTransaction(t.db, (tx) =>
      enrolBudgetBilling(tx, { accountId: shop.accountId, today }, ctx),
    );
    assert.equal(commercial.ok ? 'ok' : commercial.code, 'budget_residential_only');
  });

  it('enrols a paid-up account at the 12-month average + 10%, in whole dollars', async () => {
    expectOk(
      await inTransaction(t.db, (tx) =>
        postEntry(
          tx,
          {
            kind: 'bill',
            sourceRef: 'test:bb-1-paid',
            effectiveDate: localDate('2026-11-20'),
            memo: 'paid',
            lines: [
              { glAccount: 'receivable:water', creditCents: cents(2_500), accountId: a.accountId },
              { glAccount: 'revenue.service:water', debitCents: cents(2_500) },
            ],
          },
          ctx,
        ),
      ),
    );
    const plan = expectOk(
      await inTransaction(t.db, (tx) =>
        enrolBudgetBilling(tx, { accountId: a.accountId, today }, ctx),
      ),
    );
    // 12 × $100 = $1,200 ÷ 12 = $100 × 1.10 = $110.
    assert.deepEqual(
      [plan.status, plan.instalmentCents, plan.enrolledOn, plan.anniversaryOn],
      ['active', 11_000, '2026-11-26', '2027-11-26'],
    );
    const twice = await inTransaction(t.db, (tx) =>
      enrolBudgetBilling(tx, { accountId: a.accountId, today }, ctx),
    );
    assert.equal(twice.ok ? 'ok' : twice.code, 'budget_already_enrolled');
  });

  it('asks for the instalment on the next bill and keeps the difference deferred', async () => {
    const billId = await insertBill(t.db, a, {
      start: '2026-11-01',
      end: '2026-12-01',
      gallons: 9_000,
      totalCents: 13_000,
    });
    const due = await budgetAmountDue(t.db.pool, a.accountId, billId);
    assert.deepEqual(
      due && [due.actualCents, due.instalmentCents, due.amountDueCents, due.deferredAfterCents],
      [13_000, 11_000, 11_000, 2_000],
    );
    assert.equal(
      expectOk(
        await inTransaction(t.db, async (tx) => ({
          ok: true as const,
          value: await syncBudgetPeriods(tx, a.accountId),
        })),
      ),
      1,
    );
    const stored = await t.db.pool.query<{ amount_due_cents: string }>(
      `SELECT amount_due_cents::text FROM budget_plan_period WHERE bill_id = $1`,
      [billId],
    );
    assert.deepEqual(
      stored.rows.map((r) => r.amount_due_cents),
      ['11000'],
    );
    const view = expectOk(await getBudgetBilling(t.db.pool, a.accountId, today));
    assert.deepEqual(view.current, {
      instalmentCents: 11_000,
      deferredCents: 2_000,
      nextSettlementOn: '2027-11-26',
    });
    const earlier = await budgetAmountDue(t.db.pool, a.accountId, billId - 1);
    assert.equal(earlier, null);
  });

  it('holds for at most 8 months, then removes the plan after a late payment', async () => {
    const long = await inTransaction(t.db, (tx) =>
      holdBudgetBilling(
        tx,
        { accountId: a.accountId, from: localDate('2027-04-01'), through: localDate('2027-12-31') },
        ctx,
      ),
    );
    assert.equal(long.ok ? 'ok' : long.code, 'budget_hold_too_long');
    const held = expectOk(
      await inTransaction(t.db, (tx) =>
        holdBudgetBilling(
          tx,
          {
            accountId: a.accountId,
            from: localDate('2027-05-01'),
            through: localDate('2027-10-01'),
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual([held.holdFrom, held.holdThrough], ['2027-05-01', '2027-10-01']);
    const removed = expectOk(
      await inTransaction(t.db, (tx) =>
        leaveBudgetBilling(
          tx,
          { accountId: a.accountId, on: localDate('2026-12-23'), reason: 'late_payment' },
          ctx,
        ),
      ),
    );
    assert.equal(removed.deferredCents, 2_000);
    const view = expectOk(await getBudgetBilling(t.db.pool, a.accountId, localDate('2027-01-10')));
    // Removed on Dec 23: no re-enrolment in this window (next: November 2027).
    assert.equal(view.eligibility.code, 'budget_removed_this_window');
    assert.deepEqual(
      [view.plan?.status, view.plan?.endReason, view.current, view.eligibility.eligible],
      ['removed', 'late_payment', null, false],
    );
  });
});
