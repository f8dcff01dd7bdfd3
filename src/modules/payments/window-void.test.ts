import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { trialBalance, verifyLedger } from '../ledger/index.ts';
import { createDeposit } from './deposit-by-fund.ts';
import { closeDrawer, getDrawer, openDrawer, verifyDrawer } from './drawer.ts';
import { takeWindowTransaction } from './drawer-transaction.ts';
import { sandboxGateway } from './gateway/sandbox-gateway.ts';
import { billAccount, newAccount, testNow, today } from './payments-test-support.ts';
import { windowReceipt } from './receipt-pdf-data.ts';
import { receiptPdf } from './receipt-pdf-render.ts';
import { dailyReconciliation } from './reconciliation-daily.ts';
import type { PaymentContext } from './types.ts';
import { listDrawerTransactions, voidWindowTransaction } from './window-void.ts';

const gateway = sandboxGateway();
const as = (id: number): PaymentContext => ({
  actor: { kind: 'staff', id, name: `staff-${id}` },
  now: testNow,
  gateway,
});
const cashier = as(7);
const supervisor = as(8);
const float = { '2000': 5, '500': 10, '25': 40 }; // $160.00

function run<T, C extends string>(db: Database, fn: Parameters<typeof inTransaction<T, C>>[1]) {
  return inTransaction(db, fn) as Promise<Result<T, C>>;
}

async function balances(db: Database): Promise<Map<string, number>> {
  const rows = (await trialBalance(db.pool, {})).rows;
  return new Map(rows.map((r) => [r.glAccount, Number(r.balanceCents)]));
}

async function entryCount(db: Database): Promise<number> {
  const r = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM journal_entry');
  return Number(r.rows[0]!.n);
}

describeEngines('void of a window transaction (PAY-2)', (t) => {
  let accountId: number;
  let drawerId: number;
  let txA: number; // utility + bus pass by card, backflow permit by check: voided by its cashier
  let txB: number; // utility by cash: kept
  let txC: number; // court fine by cash: voided by a supervisor
  let beforeA: Map<string, number>;
  before(async () => {
    accountId = await newAccount(t.db, 'void');
    await billAccount(t.db, accountId, localDate('2026-03-01'), { water: 4473, solid_waste: 3450 });
  });

  it('takes three transactions into an open drawer', async () => {
    drawerId = expectOk(
      await run(t.db, (tx) => openDrawer(tx, { businessDate: today, floatCount: float }, cashier)),
    ).drawerId;
    beforeA = await balances(t.db);
    const take = (key: string, lines: never[] | unknown[], tenders: unknown[]) =>
      run(t.db, (tx) =>
        takeWindowTransaction(
          tx,
          {
            drawerId,
            effectiveDate: today,
            idempotencyKey: key,
            lines: lines as never,
            tenders: tenders as never,
          },
          cashier,
        ),
      );
    txA = expectOk(
      await take(
        'void-a',
        [
          { kind: 'utility', accountId, amountCents: cents(5000) },
          { kind: 'city', itemCode: 'bus_pass_monthly', quantity: 1 },
          { kind: 'city', itemCode: 'backflow_permit', quantity: 1, reference: 'BF-9' },
        ],
        [
          { kind: 'card', amountCents: cents(11400), token: 'tok_visa_4242' },
          {
            kind: 'check',
            amountCents: cents(4500),
            checkNumber: '2001',
            routingNumber: '021000021',
            accountLast4: '6789',
          },
        ],
      ),
    ).transactionId;
    txB = expectOk(
      await take(
        'void-b',
        [{ kind: 'utility', accountId, amountCents: cents(1000) }],
        [{ kind: 'cash', tenderedCents: cents(2000) }],
      ),
    ).transactionId;
    txC = expectOk(
      await take(
        'void-c',
        [{ kind: 'city', itemCode: 'court_fine', quantity: 1, amountCents: cents(2500) }],
        [{ kind: 'cash', tenderedCents: cents(2500) }],
      ),
    ).transactionId;
  });

  it('another cashier cannot void it (not found); a reason is required', async () => {
    const other = await run(t.db, (tx) =>
      voidWindowTransaction(
        tx,
        { transactionId: txA, reason: 'x' },
        { userId: 9, supervisor: false },
        as(9),
      ),
    );
    assert.equal(!other.ok && other.code, 'window_transaction_not_found');
    const none = await run(t.db, (tx) =>
      voidWindowTransaction(
        tx,
        { transactionId: 999999, reason: 'x' },
        { userId: 7, supervisor: false },
        cashier,
      ),
    );
    assert.equal(!none.ok && none.code, 'window_transaction_not_found');
    const blank = await run(t.db, (tx) =>
      voidWindowTransaction(
        tx,
        { transactionId: txA, reason: '  ' },
        { userId: 7, supervisor: false },
        cashier,
      ),
    );
    assert.equal(!blank.ok && blank.code, 'invalid');
  });

  it('the cashier voids a transaction: every movement reversed, no fee, card voided, audited', async () => {
    const entriesBefore = await entryCount(t.db);
    const v = expectOk(
      await run(t.db, (tx) =>
        voidWindowTransaction(
          tx,
          { transactionId: txA, reason: 'keyed on the wrong account' },
          { userId: 7, supervisor: false },
          cashier,
        ),
      ),
    );
    assert.equal(v.voidedBy, 'staff-7');
    assert.equal(v.voidReason, 'keyed on the wrong account');
    // One reversal per payment + the city-receivable entry's reversal.
    assert.equal(v.voidEntryIds.length, v.paymentIds.length + 1);
    assert.equal(await entryCount(t.db), entriesBefore + v.voidEntryIds.length);
    const pays = await t.db.pool.query<{ status: string; auth: string | null; tender: string }>(
      `SELECT status, tender, tender_detail->>'authorizationId' AS auth FROM payment
        WHERE id = ANY($1::bigint[])`,
      [v.paymentIds],
    );
    assert.ok(pays.rows.every((p) => p.status === 'reversed'));
    // Voided at the gateway (not refunded): a refund is now refused, a second void too.
    for (const p of pays.rows.filter((x) => x.tender === 'card')) {
      const again = await gateway.refund({
        authorizationId: p.auth!,
        amountCents: cents(1),
        idempotencyKey: `probe:${p.auth}`,
      });
      assert.equal(again.status, 'declined');
    }
    const sale = await t.db.pool.query<{ auth: string | null }>(
      `SELECT card_authorization_id AS auth FROM city_receivable_sale
        WHERE transaction_id = $1 AND tender = 'card'`,
      [txA],
    );
    assert.ok(sale.rows.length > 0);
    for (const s of sale.rows) {
      const probe = await gateway.void({ authorizationId: s.auth!, idempotencyKey: 'probe' });
      assert.equal(probe.status, 'declined');
    }
    // No returned-payment fee, no return counted.
    const returns = await t.db.pool.query('SELECT 1 FROM payment_return WHERE account_id = $1', [
      accountId,
    ]);
    assert.equal(returns.rowCount, 0);
    const fees = await t.db.pool.query(
      `SELECT 1 FROM journal_entry WHERE source_ref LIKE 'returned_payment_fee:%'`,
    );
    assert.equal(fees.rowCount, 0);
    // The ledger is back where it was for A's accounts: receivable, revenue, due-to/from.
    const after = await balances(t.db);
    for (const gl of [
      'revenue.permit.backflow:water',
      'revenue.transit.pass:general',
      'due_to.water:general',
    ])
      assert.equal(after.get(gl) ?? 0, beforeA.get(gl) ?? 0, gl);
    const audit = await t.db.pool.query<{ before: unknown; after: { reason: string } }>(
      `SELECT before, after FROM audit_log WHERE action = 'window_transaction.voided'
        AND entity_id = $1`,
      [String(txA)],
    );
    assert.equal(audit.rows.length, 1);
    assert.equal(audit.rows[0]!.after.reason, 'keyed on the wrong account');
    assert.deepEqual(audit.rows[0]!.before, {
      voidedAt: null,
      totalCents: v.totalCents,
      paymentIds: v.paymentIds,
    });
  });

  it('voiding twice is window_transaction_voided and changes nothing', async () => {
    const n = await entryCount(t.db);
    const again = await run(t.db, (tx) =>
      voidWindowTransaction(
        tx,
        { transactionId: txA, reason: 'again' },
        { userId: 7, supervisor: false },
        cashier,
      ),
    );
    assert.equal(!again.ok && again.code, 'window_transaction_voided');
    assert.equal(await entryCount(t.db), n);
    const list = await listDrawerTransactions(t.db.pool, drawerId);
    assert.equal(
      list.find((x) => x.transactionId === txA)!.voidReason,
      'keyed on the wrong account',
    );
  });

  it('a supervisor voids a cashier’s transaction; the drawer leaves voided ones out', async () => {
    expectOk(
      await run(t.db, (tx) =>
        voidWindowTransaction(
          tx,
          { transactionId: txC, reason: 'wrong amount' },
          { userId: 8, supervisor: true },
          supervisor,
        ),
      ),
    );
    const d = expectOk(await getDrawer(t.db.pool, drawerId, { userId: 7, supervisor: false }));
    assert.deepEqual(
      [d.receipts.cash, d.receipts.check, d.receipts.card],
      [
        { count: 1, cents: 1000 },
        { count: 0, cents: 0 },
        { count: 0, cents: 0 },
      ],
    );
  });

  it('the receipt of a voided transaction shows VOID', async () => {
    const r = expectOk(await windowReceipt(t.db.pool, txA));
    assert.equal(r.voided?.reason, 'keyed on the wrong account');
    const pdf = await receiptPdf(r);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // The document title (UTF-16 in the PDF's Info) says VOID.
    assert.ok(pdf.toString('latin1').includes('\u0000V\u0000O\u0000I\u0000D'));
    const kept = expectOk(await windowReceipt(t.db.pool, txB));
    assert.equal(kept.voided, undefined);
  });

  it('the drawer closes balanced, deposits and reconciles to zero; the ledger verifies', async () => {
    // Expected cash = float 160.00 + B's 10.00 = 170.00.
    const closed = expectOk(
      await run(t.db, (tx) =>
        closeDrawer(
          tx,
          {
            drawerId,
            cashCount: { '2000': 5, '500': 10, '25': 40, '100': 10 },
            checkCents: cents(0),
            cardCents: cents(0),
          },
          cashier,
        ),
      ),
    );
    assert.deepEqual(closed.expected, { cash: 17000, check: 0, card: 0 });
    assert.equal(closed.overShortCents, 0);
    const late = await run(t.db, (tx) =>
      voidWindowTransaction(
        tx,
        { transactionId: txB, reason: 'late' },
        { userId: 7, supervisor: false },
        cashier,
      ),
    );
    assert.equal(!late.ok && late.code, 'drawer_not_open');
    expectOk(await run(t.db, (tx) => verifyDrawer(tx, drawerId, supervisor)));
    const dep = expectOk(
      await run(t.db, (tx) => createDeposit(tx, { drawerIds: [drawerId] }, supervisor)),
    );
    assert.equal(dep.totalCents, 1000);
    const sum = Object.values(dep.byFund).reduce((s, c) => s + (c ?? 0), 0);
    assert.equal(sum, 1000);
    const rec = await dailyReconciliation(t.db.pool, today);
    assert.deepEqual(rec.differences, []);
    assert.equal(rec.tied, true);
    assert.equal(rec.ledgerDrawerCents, 0);
    const b = await balances(t.db);
    assert.equal(b.get('cash.drawer:general') ?? 0, 0);
    assert.equal(b.get('due_from.general:water') ?? 0, 0);
    assert.equal((await verifyLedger(t.db.pool)).ok, true);
  });
});
