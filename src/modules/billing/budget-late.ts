import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { listEntries } from '../ledger/index.ts';
import { budgetBills, budgetPlans, budgetPolicy, leaveBudgetBilling } from './budget-billing.ts';
import { foldBudget, type BudgetPeriod } from './budget-fold.ts';

/** A payment credited to the account's receivable, on its effective date. */
export type Payment = { readonly on: LocalDate; readonly cents: number };

/**
 * Pure: the first plan bill that was not paid on time — by its due date the payments since
 * enrolment did not cover every amount asked so far (this bill's included) — or null. Only
 * bills due before `asOf` are judged.
 */
export function firstLateBill(
  periods: readonly (BudgetPeriod & { readonly dueDate: LocalDate })[],
  payments: readonly Payment[],
  asOf: LocalDate,
): (BudgetPeriod & { readonly dueDate: LocalDate }) | null {
  let asked = 0;
  for (const p of periods) {
    asked += p.amountDueCents;
    if (p.dueDate >= asOf) break;
    const paid = payments.filter((x) => x.on <= p.dueDate).reduce((s, x) => s + x.cents, 0);
    if (paid < asked) return p;
  }
  return null;
}

/** Net receivable credits of the account's `payment` entries since `from` (ledger index). */
async function paymentsSince(tx: Tx, accountId: number, from: LocalDate): Promise<Payment[]> {
  const out: Payment[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listEntries(tx, { accountId, limit: 200, ...(before ? { before } : {}) });
    for (const e of page.entries) {
      if (e.kind !== 'payment' || e.effectiveDate < from) continue;
      const cents = e.lines
        .filter((l) => l.accountId === accountId && l.glAccount.startsWith('receivable:'))
        .reduce((s, l) => s + l.creditCents - l.debitCents, 0);
      out.push({ on: e.effectiveDate, cents });
    }
    const oldest = page.entries.at(-1);
    if (page.nextBefore === null || !oldest || oldest.effectiveDate < from) return out;
    before = page.nextBefore;
  }
}

/**
 * The late-payment rule of budget billing (BIL-9): an active plan whose bill was not paid by
 * its due date is removed (`leaveBudgetBilling`, reason `late_payment`, on `asOf`). For the
 * nightly job. Returns the accounts removed.
 */
export async function removeLateBudgetPayers(
  tx: Tx,
  asOf: LocalDate,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<number[]> {
  const r = await tx.query<{ account_id: number }>(
    `SELECT account_id::int AS account_id FROM budget_plan WHERE status = 'active'
      ORDER BY account_id`,
  );
  const policy = await budgetPolicy(tx);
  const removed: number[] = [];
  for (const { account_id: accountId } of r.rows) {
    const plan = (await budgetPlans(tx, accountId)).find((p) => p.status === 'active')!;
    const bills = await budgetBills(tx, accountId);
    const due = new Map(bills.map((b) => [b.billId, b.dueDate]));
    const periods = foldBudget(plan, bills, policy).periods.map((p) => ({
      ...p,
      dueDate: due.get(p.billId)!,
    }));
    const late = firstLateBill(periods, await paymentsSince(tx, accountId, plan.enrolledOn), asOf);
    if (late === null) continue;
    await leaveBudgetBilling(tx, { accountId, on: asOf, reason: 'late_payment' }, ctx);
    removed.push(accountId);
  }
  return removed;
}
