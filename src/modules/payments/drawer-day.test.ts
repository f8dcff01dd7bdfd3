import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { outboxMailer } from '../billing/index.ts';
import { trialBalance, verifyLedger } from '../ledger/index.ts';
import { sandboxGateway } from './gateway/sandbox-gateway.ts';
import { createDeposit, listDeposits } from './deposit-by-fund.ts';
import { depositSlipPdf } from './deposit-slip-pdf.ts';
import { closeDrawer, dropCash, getDrawer, openDrawer, verifyDrawer } from './drawer.ts';
import { takeWindowTransaction } from './drawer-transaction.ts';
import { billAccount, newAccount, testNow, today } from './payments-test-support.ts';
import { paymentReceipt, windowReceipt } from './receipt-pdf-data.ts';
import { emailReceipt } from './receipt-pdf-email.ts';
import { receiptPdf } from './receipt-pdf-render.ts';
import { dailyReconciliation } from './reconciliation-daily.ts';
import { postPayment } from './post-payment.ts';
import type { PaymentContext, PostPaymentInput } from './types.ts';

const gateway = sandboxGateway();
const as = (id: number): PaymentContext => ({
  actor: { kind: 'staff', id, name: `staff-${id}` },
  now: testNow,
  gateway,
});
const cashier = as(7);
const other = as(9);
const supervisor = as(8);
// Float: 5 × $20 + 10 × $5 + 40 × $0.25 = 100 + 50 + 10 = $160.00.
const float = { '2000': 5, '500': 10, '25': 40 };

/** A $1.00 cash payment on the test account into a drawer. */
function cashInto(drawerId: number, idempotencyKey: string): PostPaymentInput {
  return {
    accountId: accountIdOfTest,
    amountCents: cents(100),
    tender: { kind: 'cash', tenderedCents: cents(100) },
    channel: 'window',
    drawerId,
    effectiveDate: today,
    idempotencyKey,
  };
}
let accountIdOfTest = 0;

function run<T, C extends string>(db: Database, fn: Parameters<typeof inTransaction<T, C>>[1]) {
  return inTransaction(db, fn) as Promise<Result<T, C>>;
}

async function balance(db: Database, gl: string) {
  return (await trialBalance(db.pool, {})).rows.find((r) => r.glAccount === gl)?.balanceCents ?? 0;
}

describeEngines(
  'cash drawers, city receivables, deposit and reconciliation (PAY-2 … PAY-4)',
  (t) => {
    let accountId: number;
    let drawerId: number;
    before(async () => {
      accountId = await newAccount(t.db, 'drawer');
      accountIdOfTest = accountId;
      // March bill: water 4473, solid waste 3450.
      await billAccount(t.db, accountId, localDate('2026-03-01'), {
        water: 4473,
        solid_waste: 3450,
      });
    });

    it('opens a drawer with a counted float; a second open drawer is refused', async () => {
      const d = expectOk(
        await run(t.db, (tx) =>
          openDrawer(tx, { businessDate: today, floatCount: float }, cashier),
        ),
      );
      drawerId = d.drawerId;
      assert.equal(d.floatCents, 16000);
      assert.equal(d.status, 'open');
      const again = await run(t.db, (tx) =>
        openDrawer(tx, { businessDate: today, floatCount: {} }, cashier),
      );
      assert.equal(!again.ok && again.code, 'drawer_already_open');
    });

    it('another cashier can neither see the drawer nor take payments into it', async () => {
      const seen = await getDrawer(t.db.pool, drawerId, { userId: 9, supervisor: false });
      assert.equal(!seen.ok && seen.code, 'drawer_not_found');
      const taken = await run(t.db, (tx) =>
        takeWindowTransaction(
          tx,
          {
            drawerId,
            effectiveDate: today,
            idempotencyKey: 'other-1',
            lines: [{ kind: 'utility', accountId, amountCents: cents(100) }],
            tenders: [{ kind: 'cash', tenderedCents: cents(100) }],
          },
          other,
        ),
      );
      assert.equal(!taken.ok && taken.code, 'drawer_not_found');
      // The plain payment path (POST /api/payments with a drawerId) refuses the same way.
      const direct = await run(t.db, (tx) => postPayment(tx, cashInto(drawerId, 'other-2'), other));
      assert.equal(!direct.ok && direct.code, 'drawer_not_found');
    });

    it('one transaction pays a utility account and a bus pass with card and cash on one receipt', async () => {
      // Lines: utility 50.00 + bus pass 64.00 = 114.00. Card pays 30.00 of the utility line
      // (fee 2.37 % of 30.00 = 0.711 → 0.71); cash pays 20.00 + 64.00 = 84.00 of 100.00: change 16.00.
      const r = expectOk(
        await run(t.db, (tx) =>
          takeWindowTransaction(
            tx,
            {
              drawerId,
              effectiveDate: today,
              idempotencyKey: 'tx-1',
              lines: [
                { kind: 'utility', accountId, amountCents: cents(5000) },
                { kind: 'city', itemCode: 'bus_pass_monthly', quantity: 1 },
              ],
              tenders: [
                { kind: 'card', amountCents: cents(3000), token: 'tok_visa_4242' },
                { kind: 'cash', tenderedCents: cents(10000) },
              ],
            },
            cashier,
          ),
        ),
      );
      assert.equal(r.totalCents, 11400 + 71);
      assert.equal(r.changeCents, 1600);
      assert.equal(r.paymentIds.length, 2);
      assert.notEqual(r.saleEntryId, null);
      const d = expectOk(await getDrawer(t.db.pool, drawerId, { userId: 7, supervisor: false }));
      assert.equal(d.receipts.cash.cents, 2000 + 6400);
      assert.equal(d.receipts.card.cents, 3071);
    });

    it('a check pays a backflow permit (water fund) through due-to/due-from', async () => {
      expectOk(
        await run(t.db, (tx) =>
          takeWindowTransaction(
            tx,
            {
              drawerId,
              effectiveDate: today,
              idempotencyKey: 'tx-2',
              lines: [
                { kind: 'city', itemCode: 'backflow_permit', quantity: 1, reference: 'BF-1' },
              ],
              tenders: [
                {
                  kind: 'check',
                  amountCents: cents(4500),
                  checkNumber: '1001',
                  routingNumber: '021000021',
                  accountLast4: '6789',
                },
              ],
            },
            cashier,
          ),
        ),
      );
      assert.equal(await balance(t.db, 'revenue.permit.backflow:water'), 4500);
      assert.equal(
        await balance(t.db, 'due_from.general:water'),
        4500 + 4473 /* both utility payments: water first (4473), then solid waste */,
      );
    });

    it('a drop moves cash to the safe and the expected cash goes down', async () => {
      const d = expectOk(
        await run(t.db, (tx) => dropCash(tx, { drawerId, count: { '2000': 3 } }, cashier)),
      );
      assert.equal(d.dropsCents, 6000);
    });

    it('closing exactly posts no over/short; a closed drawer refuses payments', async () => {
      // Expected cash = float 160.00 + cash 84.00 − drop 60.00 = 184.00.
      // Count: 2 × $20 + 10 × $5 + 40 × $0.25 + 84 × $1 = 40 + 50 + 10 + 84 = 184.00.
      const d = expectOk(
        await run(t.db, (tx) =>
          closeDrawer(
            tx,
            {
              drawerId,
              cashCount: { '2000': 2, '500': 10, '25': 40, '100': 84 },
              checkCents: cents(4500),
              cardCents: cents(3071),
            },
            cashier,
          ),
        ),
      );
      assert.deepEqual(d.expected, { cash: 18400, check: 4500, card: 3071 });
      assert.equal(d.overShortCents, 0);
      assert.equal(d.overShortEntryId, null);
      const refused = await run(t.db, (tx) =>
        takeWindowTransaction(
          tx,
          {
            drawerId,
            effectiveDate: today,
            idempotencyKey: 'late-1',
            lines: [{ kind: 'utility', accountId, amountCents: cents(100) }],
            tenders: [{ kind: 'cash', tenderedCents: cents(100) }],
          },
          cashier,
        ),
      );
      assert.equal(!refused.ok && refused.code, 'drawer_not_open');
      const direct = await run(t.db, (tx) =>
        postPayment(tx, cashInto(drawerId, 'late-2'), cashier),
      );
      assert.equal(!direct.ok && direct.code, 'drawer_not_open');
    });

    it('a short drawer and an over drawer post their difference to over/short', async () => {
      // Expected cash 160.00 + fine 25.00 = 185.00. Short: 183 × $1 + 3 × $0.25 = 183.75 → −1.25.
      // Over: 185 × $1 + 4 × $0.10 = 185.40 → +0.40. Over/short balance: 1.25 − 0.40 = 0.85.
      for (const [id, count, diff] of [
        [9, { '100': 183, '25': 3 }, -125],
        [10, { '100': 185, '10': 4 }, 40],
      ] as const) {
        const ctx = as(id);
        const d = expectOk(
          await run(t.db, (tx) => openDrawer(tx, { businessDate: today, floatCount: float }, ctx)),
        );
        expectOk(
          await run(t.db, (tx) =>
            takeWindowTransaction(
              tx,
              {
                drawerId: d.drawerId,
                effectiveDate: today,
                idempotencyKey: `fine-${id}`,
                lines: [
                  { kind: 'city', itemCode: 'court_fine', quantity: 1, amountCents: cents(2500) },
                ],
                tenders: [{ kind: 'cash', tenderedCents: cents(2500) }],
              },
              ctx,
            ),
          ),
        );
        const closed = expectOk(
          await run(t.db, (tx) =>
            closeDrawer(
              tx,
              { drawerId: d.drawerId, cashCount: count, checkCents: cents(0), cardCents: cents(0) },
              ctx,
            ),
          ),
        );
        assert.equal(closed.overShortCents, diff);
        assert.equal(typeof closed.overShortEntryId, 'number');
      }
      assert.equal(await balance(t.db, 'expense.over_short:general'), 125 - 40);
    });

    it('the reconciliation lists unverified drawers until all are verified and deposited, then ties to zero', async () => {
      const before = await dailyReconciliation(t.db.pool, today);
      assert.equal(before.tied, false);
      assert.deepEqual(
        before.differences.filter((d) => d.kind === 'drawer_not_verified').length,
        3,
      );
      const own = await run(t.db, (tx) => verifyDrawer(tx, drawerId, cashier));
      assert.equal(!own.ok && own.code, 'drawer_self_verification');
      const ids = (
        await t.db.pool.query<{ id: string }>('SELECT id FROM cash_drawer ORDER BY id')
      ).rows.map((r) => Number(r.id));
      for (const id of ids) expectOk(await run(t.db, (tx) => verifyDrawer(tx, id, supervisor)));
      const dep = expectOk(
        await run(t.db, (tx) => createDeposit(tx, { drawerIds: ids }, supervisor)),
      );
      // Drawer 1: 114.00 + fee 0.71 + 45.00 = 159.71; drawers 2 and 3: 25.00 − 1.25 and 25.00 + 0.40.
      assert.equal(dep.totalCents, 15971 + 2375 + 2540);
      // By fund: water 44.73 + 45.00 = 89.73; solid waste 5.27; general 64.00 + 0.71 + 50.00
      // − 1.25 + 0.40 = 113.86. Sum 208.86 = the total.
      const sumFunds = Object.values(dep.byFund).reduce((s, c) => s + (c ?? 0), 0);
      assert.equal(sumFunds, dep.totalCents);
      assert.deepEqual(dep.byFund, { general: 11386, solid_waste: 527, water: 8973 });
      assert.deepEqual(dep.byTender.check, { count: 1, cents: 4500 });
      assert.equal(await balance(t.db, 'cash.drawer:general'), 0);
      assert.equal(await balance(t.db, 'due_from.general:water'), 0);
      const after = await dailyReconciliation(t.db.pool, today);
      assert.deepEqual(
        after.differences.map((d) => d.kind),
        ['over_short', 'over_short'],
      );
      assert.equal(after.tied, true);
      const v = await inTransaction(t.db, async (tx) => ({
        ok: true as const,
        value: await verifyLedger(tx),
      }));
      assert.equal(expectOk(v).ok, true);
    });

    it('the receipt of a window transaction lists every line and tender; the slip and receipt are PDFs', async () => {
      const tx1 = await t.db.pool.query<{ id: string; paymentIds: number[] }>(
        `SELECT id, payment_ids AS "paymentIds" FROM window_transaction WHERE idempotency_key = 'tx-1'`,
      );
      const r = expectOk(await windowReceipt(t.db.pool, Number(tx1.rows[0]!.id)));
      assert.deepEqual(
        r.lines.map((l) => [l.description.split(' — ')[0], l.amountCents]),
        [
          ['Utility account A-drawer', 3000],
          ['Card convenience fee', 71],
          ['Utility account A-drawer', 2000],
          ['Bus pass', 6400],
        ],
      );
      assert.deepEqual(
        r.tenders.map((x) => [x.description.split(' ')[0], x.amountCents]),
        [
          ['Card', 3071],
          ['Cash', 8400],
        ],
      );
      assert.equal(r.changeCents, 1600);
      const same = expectOk(await paymentReceipt(t.db.pool, tx1.rows[0]!.paymentIds[1]!));
      assert.equal(same.receiptNo, r.receiptNo);
      const pdf = await receiptPdf(r);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const dep = (await listDeposits(t.db.pool, today))[0]!;
      assert.equal((await depositSlipPdf(dep)).subarray(0, 5).toString(), '%PDF-');
    });

    it('an e-mailed receipt goes to the outbox as a message with the PDF attached', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'receipt-outbox-'));
      const tx1 = await t.db.pool.query<{ id: string }>(
        `SELECT id FROM window_transaction WHERE idempotency_key = 'tx-1'`,
      );
      const r = expectOk(await windowReceipt(t.db.pool, Number(tx1.rows[0]!.id)));
      const bad = await emailReceipt(r, 'nobody', outboxMailer(dir));
      assert.equal(!bad.ok && bad.code, 'invalid');
      const file = expectOk(await emailReceipt(r, 'payer@example.com', outboxMailer(dir)));
      const eml = await readFile(file, 'utf8');
      assert.match(eml, /Subject: Your payment receipt T-\d{8}/);
      assert.match(eml, /Change: \$16\.00/);
      assert.match(eml, /application\/pdf/);
    });
  },
);
