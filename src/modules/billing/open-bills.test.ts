import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { accountBalances } from '../ledger/index.ts';
import { billedAccount } from './adjustments-test-support.ts';
import { openBillsOf } from './open-bills.ts';

describeEngines('open bills per fund (for payment application)', (t) => {
  it("a bill run's bill splits by fund exactly as its journal entry does", async () => {
    const { accountId, billId } = await billedAccount(t.db, 5, 'W-OB-1');
    const bills = await openBillsOf(t.db.pool, accountId);
    assert.equal(bills.length, 1);
    const bill = bills[0]!;
    assert.equal(bill.billId, billId);
    assert.equal(bill.dueDate > bill.billDate, true);
    // The account has nothing but this bill: its receivable per fund is the bill's entry.
    const ledger = (await accountBalances(t.db.pool, accountId)).byFund
      .map((f) => [f.fund, f.balanceCents])
      .sort();
    const fromBill = bill.byFund.map((f) => [f.fund, f.amountCents]).sort();
    assert.deepEqual(fromBill, ledger);
  });
});
