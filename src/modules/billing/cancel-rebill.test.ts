import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import type { AdjustContext } from './adjustment-store.ts';
import { addRead, billedAccount, receivable, staff, today } from './adjustments-test-support.ts';
import { billHistory, cancelBill } from './cancel-rebill.ts';

const csr1 = staff(11, 'csr1');
const supervisor = staff(31, 'supervisor');

function codeOf(r: Result<unknown>): string {
  return r.ok ? 'ok' : r.code;
}

describeEngines('billing: cancel and rebill (BIL-6)', (t) => {
  let accountId = 0;
  let billId = 0;

  const cancel = (id: number, rebill: boolean, ctx: AdjustContext) =>
    inTransaction(t.db, (tx) =>
      cancelBill(tx, { billId: id, reason: 'corrected read', rebill, today }, ctx),
    );

  it('a clerk cannot cancel a bill bigger than their limit; nothing changes', async () => {
    // Read on Jan 20 at 7,000 (6,000 gal) → $118.21, as in bill-run.test.ts.
    ({ accountId, billId } = await billedAccount(t.db, 3, 'W-RB-1', 7000, localDate('2026-01-20')));
    assert.equal(await receivable(t.db, accountId), 11_821);
    assert.equal(codeOf(await cancel(billId, false, csr1)), 'over_approval_limit');
    const b = await t.db.pool.query<{ status: string }>('SELECT status FROM bill WHERE id = $1', [
      billId,
    ]);
    assert.equal(b.rows[0]!.status, 'issued');
    assert.equal(await receivable(t.db, accountId), 11_821);
  });

  it('a corrected read cancels the bill with a reversing entry and rebills the right amount', async () => {
    // The Jan 31 read (8,000) brings the period to 7,000 gal. Water (winter): 30.93 +
    // 4 kgal × 4.20 = 47.73; state 5.6 % 2.67, county 0.7 % 0.33, city 2 % 0.95 → 51.68.
    // Wastewater (5 kgal average) 28.56, solid waste 35.19, environmental 7.32 → 122.75.
    await addRead(t.db, 'W-RB-1', localDate('2026-01-31'), 8000);
    const r = expectOk(await cancel(billId, true, csr1));
    assert.equal(r.rebill?.totalCents, 12_275);
    assert.equal(r.netChangeCents, 12_275 - 11_821); // +4.54, within the clerk's $50
    const reversal = await t.db.pool.query<{ kind: string; reverses: number }>(
      'SELECT kind, reverses_entry_id AS reverses FROM journal_entry WHERE id = $1',
      [r.reversalEntryId],
    );
    assert.equal(reversal.rows[0]!.kind, 'reversal');
    assert.equal(await receivable(t.db, accountId), 12_275);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
    const src = await t.db.pool.query<{ source_ref: string }>(
      'SELECT source_ref FROM journal_entry WHERE id = $1',
      [r.rebill!.journalEntryId],
    );
    assert.equal(src.rows[0]!.source_ref, `rebill:${accountId}:2026-01-31:1`);
  });

  it('the bill history shows the pair: the cancelled bill and the one that replaced it', async () => {
    const h = await billHistory(t.db.pool, accountId, 10);
    assert.deepEqual(
      h.map((b) => [b.status, b.totalCents, b.cancelReason, b.replacesBillId, b.replacedByBillId]),
      [
        ['issued', 12_275, null, billId, null],
        ['cancelled', 11_821, 'corrected read', null, h[0]!.billId],
      ],
    );
    assert.equal(h[1]!.cancelledBy, 'csr1-11');
  });

  it('a cancelled bill cannot be cancelled again; the rebill can, by a supervisor', async () => {
    assert.equal(codeOf(await cancel(billId, true, supervisor)), 'bill_already_cancelled');
    const h = await billHistory(t.db.pool, accountId, 10);
    const second = expectOk(await cancel(h[0]!.billId, true, supervisor));
    assert.equal(second.rebill?.totalCents, 12_275);
    assert.equal(second.netChangeCents, 0);
    const src = await t.db.pool.query<{ source_ref: string }>(
      'SELECT source_ref FROM journal_entry WHERE id = $1',
      [second.rebill!.journalEntryId],
    );
    assert.equal(src.rows[0]!.source_ref, `rebill:${accountId}:2026-01-31:2`);
    assert.equal(await receivable(t.db, accountId), 12_275);
    const audit = await t.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('bill.cancelled', 'bill.rebilled')`,
    );
    assert.equal(audit.rows[0]!.n, 4);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });

  it('cancelling without a rebill leaves the receivable at zero', async () => {
    const latest = (await billHistory(t.db.pool, accountId, 1))[0]!;
    const r = expectOk(await cancel(latest.billId, false, supervisor));
    assert.deepEqual([r.rebill, r.netChangeCents], [null, -12_275]);
    assert.equal(await receivable(t.db, accountId), 0);
    assert.equal(codeOf(await cancel(999_999, false, supervisor)), 'bill_not_found');
  });
});
