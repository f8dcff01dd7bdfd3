import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LocalDate } from '../core/dates.ts';
import { describeEngines } from '../../test/support/test-db.ts';
import { verifyLedger } from '../modules/ledger/index.ts';
import { planBillPayments, type IssuedBill } from './history-payments-plan.ts';
import { generateDemoCity, type DemoCitySummary } from './index.ts';

const now = new Date('2026-11-26T17:00:00Z');

describe('planBillPayments', () => {
  const bills: IssuedBill[] = Array.from({ length: 400 }, (_, i) => ({
    billId: 1000 + i,
    accountId: 1 + i,
    accountNo: `A${i}`,
    totalCents: 5_000 + i * 10,
    billDate: '2026-09-10' as LocalDate,
    dueDate: '2026-10-01' as LocalDate,
  }));

  it('plans the same payments from the same seed and run, and others from another seed', () => {
    const a = planBillPayments(bills, 7, 3, '2026-11-26' as LocalDate);
    assert.deepEqual(planBillPayments(bills, 7, 3, '2026-11-26' as LocalDate), a);
    assert.notDeepEqual(planBillPayments(bills, 8, 3, '2026-11-26' as LocalDate), a);
  });

  it('pays most bills by every method, on time, late and partly, and dates nothing after today', () => {
    const a = planBillPayments(bills, 7, 3, '2026-11-26' as LocalDate);
    assert.ok(a.length > 360 && a.length < 400, `${a.length} of 400 bills paid`);
    for (const m of ['lockbox', 'web', 'phone', 'autopay'])
      assert.ok(
        a.some((p) => p.method === m),
        m,
      );
    for (const t of ['on_time', 'late', 'partial'])
      assert.ok(
        a.some((p) => p.timing === t),
        t,
      );
    // On time: 4 … 18 days after the bill date, never after the due date; autopay on it.
    for (const p of a.filter((x) => x.timing !== 'late')) assert.ok(p.date <= '2026-10-01');
    for (const p of a.filter((x) => x.timing === 'late')) assert.ok(p.date > '2026-10-01');
    const early = planBillPayments(bills, 7, 3, '2026-09-20' as LocalDate);
    assert.ok(early.every((p) => p.date <= '2026-09-20' && p.method !== 'autopay'));
  });
});

describeEngines('demo history with payments (200 accounts, 4 billed months)', (t) => {
  let summary: DemoCitySummary;
  before(async () => {
    summary = await generateDemoCity(t.db, {
      accounts: 200,
      seed: 11,
      now,
      months: 5,
      billedMonths: 4,
      payments: true,
    });
  });
  const rows = async (sql: string) => (await t.db.pool.query(sql)).rows;

  it('posts payments in every billed month, by every channel, as the summary counts', async () => {
    const r = await rows(`SELECT to_char(effective_date, 'YYYY-MM') AS month, count(*)::int AS n
                            FROM payment GROUP BY 1 ORDER BY 1`);
    assert.deepEqual(
      r.map((x) => x.month),
      ['2026-08', '2026-09', '2026-10', '2026-11'],
    );
    const channels = await rows(`SELECT DISTINCT channel FROM payment ORDER BY 1`);
    assert.deepEqual(
      channels.map((x) => x.channel),
      ['autopay', 'lockbox', 'phone', 'web'],
    );
    const [n] = await rows('SELECT count(*)::int AS n FROM payment');
    assert.equal(summary.history?.payments?.payments, n.n);
    const [files] = await rows('SELECT count(*)::int AS n FROM remittance_file');
    assert.equal(summary.history?.payments?.lockboxFiles, files.n);
  });

  it('leaves some accounts past due with a late fee', async () => {
    const r = await rows(`
      SELECT l.account_id, sum(l.debit_cents - l.credit_cents)::int8 AS balance
        FROM journal_line l JOIN gl_account g ON g.code = l.gl_account AND g.is_receivable
       WHERE l.account_id IN (SELECT account_id FROM bill_late_fee)
       GROUP BY l.account_id`);
    assert.ok(r.length > 0, 'late fees charged');
    assert.ok(
      r.some((x) => Number(x.balance) > 0),
      'an account with a late fee still owes',
    );
  });

  it('returns a few payments: reversed, with the returned-payment fee', async () => {
    const r = await rows(`SELECT p.status, x.source, x.fee_entry_id
                            FROM payment_return x JOIN payment p ON p.id = x.payment_id`);
    assert.ok(r.length > 0, 'returned payments');
    for (const x of r) {
      assert.equal(x.status, 'reversed');
      assert.ok(x.fee_entry_id !== null, 'fee charged');
    }
    assert.equal(summary.history?.payments?.returned, r.length);
  });

  it('keeps the ledger verified and receivables = bills + fees − payments + returns', async () => {
    const report = await verifyLedger(t.db.pool);
    assert.ok(report.ok, JSON.stringify(report.checks.filter((c) => !c.ok)));
    const [x] = await rows(`
      SELECT (SELECT coalesce(sum(total_cents), 0) FROM bill WHERE status = 'issued')::int8 AS billed,
             (SELECT coalesce(sum(l.debit_cents), 0) FROM bill_late_fee f
                JOIN journal_line l ON l.entry_id = f.journal_entry_id
                JOIN gl_account g ON g.code = l.gl_account AND g.is_receivable)::int8 AS late_fees,
             (SELECT coalesce(sum(l.debit_cents), 0) FROM payment_return r
                JOIN journal_line l ON l.entry_id = r.fee_entry_id
                JOIN gl_account g ON g.code = l.gl_account AND g.is_receivable)::int8 AS return_fees,
             (SELECT coalesce(sum(amount_cents), 0) FROM payment)::int8 AS paid,
             (SELECT coalesce(sum(amount_cents), 0) FROM payment WHERE status = 'reversed')::int8
               AS returned,
             (SELECT coalesce(sum(l.debit_cents - l.credit_cents), 0) FROM journal_line l
                JOIN gl_account g ON g.code = l.gl_account WHERE g.is_receivable)::int8 AS receivable`);
    const expected =
      Number(x.billed) +
      Number(x.late_fees) +
      Number(x.return_fees) -
      Number(x.paid) +
      Number(x.returned);
    assert.ok(Number(x.paid) > 0 && Number(x.returned) > 0);
    assert.equal(Number(x.receivable), expected, JSON.stringify(x));
  });
});
