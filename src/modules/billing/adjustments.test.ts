import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { cents } from '../../core/money.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { verifyLedger } from '../ledger/index.ts';
import { requestAdjustment, type AdjustmentInput } from './adjust.ts';
import {
  approveAdjustment,
  denyAdjustment,
  listPendingAdjustments,
} from './adjustment-decisions.ts';
import type { AdjustContext } from './adjustment-store.ts';
import { billedAccount, receivable, staff, today } from './adjustments-test-support.ts';

const csr1 = staff(11, 'csr1');
const otherCsr1 = staff(12, 'csr1');
const csr2 = staff(21, 'csr2');
const supervisor = staff(31, 'supervisor');

function codeOf(r: Result<unknown>): string {
  return r.ok ? 'ok' : r.code;
}

describeEngines('billing: adjustments with approval limits (BIL-6)', (t) => {
  let accountId = 0;
  let billId = 0;
  let svcLineNo = 0;
  let pendingId = 0;

  const adjust = (input: Partial<AdjustmentInput>, ctx: AdjustContext) =>
    inTransaction(t.db, (tx) =>
      requestAdjustment(
        tx,
        {
          direction: 'credit',
          amountCents: cents(1000),
          reasonCode: 'billing_error',
          memo: 'test',
          effectiveDate: today,
          ...input,
        },
        ctx,
      ),
    );

  it('a credit within the clerk’s limit posts at once: revenue debited, receivable credited', async () => {
    ({ accountId, billId } = await billedAccount(t.db, 3, 'W-ADJ-1'));
    const line = await t.db.pool.query<{ line_no: number }>(
      `SELECT line_no FROM bill_line WHERE bill_id = $1 AND code = 'W-SVC'`,
      [billId],
    );
    svcLineNo = line.rows[0]!.line_no;
    const a = expectOk(await adjust({ billId, lineNo: svcLineNo, amountCents: cents(2000) }, csr1));
    assert.equal(a.status, 'posted');
    const lines = await t.db.pool.query<{ gl_account: string; d: string; c: string; a: number }>(
      `SELECT gl_account, debit_cents::text AS d, credit_cents::text AS c, account_id AS a
         FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
      [a.journalEntryId],
    );
    assert.deepEqual(
      lines.rows.map((l) => [l.gl_account, Number(l.d), Number(l.c), l.a]),
      [
        ['revenue.service:water', 2000, 0, null],
        ['receivable:water', 0, 2000, accountId],
      ],
    );
    // 118.21 billed − 20.00 credited = 98.21
    assert.equal(await receivable(t.db, accountId), 9821);
  });

  it('a credit larger than what is left of the line is refused', async () => {
    // W-SVC is 30.93; 20.00 already credited leaves 10.93.
    const r = await adjust({ billId, lineNo: svcLineNo, amountCents: cents(1094) }, csr2);
    assert.equal(codeOf(r), 'adjustment_exceeds_line');
  });

  it('above the clerk’s $50 limit the adjustment waits, and the balance does not move', async () => {
    const a = expectOk(await adjust({ accountId, amountCents: cents(6000) }, csr1));
    pendingId = a.adjustmentId;
    assert.deepEqual([a.status, a.journalEntryId, a.service], ['pending', null, 'account']);
    assert.equal(await receivable(t.db, accountId), 9821);
    const queue = await listPendingAdjustments(
      t.db.pool,
      { actor: csr2.actor, roles: csr2.roles, today },
      50,
    );
    assert.deepEqual(
      queue.map((p) => [p.adjustmentId, p.canDecide]),
      [[pendingId, true]],
    );
  });

  it('the requester cannot approve their own, nor can a clerk whose limit is too low', async () => {
    const approve = (ctx: AdjustContext) =>
      inTransaction(t.db, (tx) =>
        approveAdjustment(tx, { adjustmentId: pendingId, effectiveDate: today }, ctx),
      );
    assert.equal(codeOf(await approve(csr1)), 'own_adjustment');
    assert.equal(codeOf(await approve(otherCsr1)), 'over_approval_limit');
    const a = expectOk(await approve(csr2));
    assert.deepEqual([a.status, a.decidedBy], ['posted', 'csr2-21']);
    // 98.21 − 60.00 = 38.21 (General Fund receivable credited)
    assert.equal(await receivable(t.db, accountId), 3821);
    assert.equal(codeOf(await approve(supervisor)), 'adjustment_not_pending');
  });

  it('a denial needs a reason and posts nothing', async () => {
    const a = expectOk(
      await adjust({ accountId, direction: 'debit', amountCents: cents(30_000) }, csr2),
    );
    assert.equal(a.status, 'pending');
    const deny = (reason: string) =>
      inTransaction(t.db, (tx) =>
        denyAdjustment(
          tx,
          { adjustmentId: a.adjustmentId, effectiveDate: today, reason },
          supervisor,
        ),
      );
    assert.equal(codeOf(await deny(' ')), 'invalid');
    const denied = expectOk(await deny('not supported by the read history'));
    assert.deepEqual([denied.status, denied.journalEntryId], ['denied', null]);
    assert.equal(await receivable(t.db, accountId), 3821);
  });

  it('refuses an unknown reason code, a missing memo and an unknown bill', async () => {
    assert.equal(
      codeOf(await adjust({ accountId, reasonCode: 'nope' }, csr1)),
      'unknown_reason_code',
    );
    assert.equal(codeOf(await adjust({ accountId, memo: ' ' }, csr1)), 'invalid');
    assert.equal(codeOf(await adjust({ billId: 999_999 }, csr1)), 'bill_not_found');
    assert.equal(codeOf(await adjust({ accountId: 999_999 }, csr1)), 'account_not_found');
  });

  it('the same idempotency key returns the first adjustment and posts once', async () => {
    const first = expectOk(await adjust({ accountId, idempotencyKey: 'adj-k1' }, csr1));
    const again = expectOk(await adjust({ accountId, idempotencyKey: 'adj-k1' }, csr1));
    assert.equal(again.adjustmentId, first.adjustmentId);
    assert.equal(await receivable(t.db, accountId), 3821 - 1000);
    const other = await adjust(
      { accountId, idempotencyKey: 'adj-k1', amountCents: cents(5) },
      csr1,
    );
    assert.equal(codeOf(other), 'idempotency_key_reused');
  });

  it('two racing requests with one key post once; two racing approvers decide once', async () => {
    const before = await receivable(t.db, accountId);
    const [a, b] = await Promise.all([
      adjust({ accountId, idempotencyKey: 'adj-race', amountCents: cents(700) }, csr1),
      adjust({ accountId, idempotencyKey: 'adj-race', amountCents: cents(700) }, csr1),
    ]);
    assert.equal(expectOk(a).adjustmentId, expectOk(b).adjustmentId);
    assert.equal(await receivable(t.db, accountId), before - 700);
    const pending = expectOk(await adjust({ accountId, amountCents: cents(9_000) }, csr1));
    const decide = (ctx: AdjustContext) =>
      inTransaction(t.db, (tx) =>
        approveAdjustment(tx, { adjustmentId: pending.adjustmentId, effectiveDate: today }, ctx),
      );
    const codes = (await Promise.all([decide(csr2), decide(supervisor)])).map(codeOf).sort();
    assert.deepEqual(codes, ['adjustment_not_pending', 'ok']);
    assert.equal(await receivable(t.db, accountId), before - 700 - 9_000);
  });

  it('every step is audited and the ledger verifies', async () => {
    const r = await t.db.pool.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity_type = 'bill_adjustment' ORDER BY id`,
    );
    assert.deepEqual(
      r.rows.map((x) => x.action),
      [
        'adjustment.posted',
        'adjustment.requested',
        'adjustment.approved',
        'adjustment.requested',
        'adjustment.denied',
        'adjustment.posted',
        'adjustment.posted',
        'adjustment.requested',
        'adjustment.approved',
      ],
    );
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
});
