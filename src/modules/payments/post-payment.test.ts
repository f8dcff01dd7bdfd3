import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { accountBalances, trialBalance, verifyLedger } from '../ledger/index.ts';
import { sandboxGateway } from './gateway/sandbox-gateway.ts';
import { billAccount, makeCashOnly, newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { getReceipt } from './receipt.ts';
import { reversePayment } from './reverse-payment.ts';
import type { PostPaymentInput } from './types.ts';

async function entryLines(
  q: { query: (s: string, p: unknown[]) => Promise<{ rows: unknown[] }> },
  id: number,
) {
  const r = await q.query(
    `SELECT gl_account AS gl, debit_cents::int AS dr, credit_cents::int AS cr
       FROM journal_line WHERE entry_id = $1 ORDER BY line_no`,
    [id],
  );
  return (r.rows as { gl: string; dr: number; cr: number }[]).map((l) => [l.gl, l.dr - l.cr]);
}

/** Σ debits − Σ credits per fund over the whole ledger: 0 for every fund. */
async function fundImbalances(db: Parameters<typeof trialBalance>[0]) {
  const tb = await trialBalance(db, {});
  const byFund = new Map<string, number>();
  for (const r of tb.rows)
    byFund.set(r.fund, (byFund.get(r.fund) ?? 0) + r.debitCents - r.creditCents);
  return [...byFund].filter(([, v]) => v !== 0);
}

describeEngines('taking a payment (PAY-1)', (t) => {
  let accountId: number;
  const base = (key: string, over: Partial<PostPaymentInput> = {}): PostPaymentInput => ({
    accountId,
    amountCents: cents(5000),
    tender: { kind: 'cash', tenderedCents: cents(6000) },
    channel: 'window',
    effectiveDate: today,
    idempotencyKey: key,
    ...over,
  });
  before(async () => {
    accountId = await newAccount(t.db, 'pay');
    // February bill (due 02-22, past due on 03-10): water 3000, wastewater 1000.
    await billAccount(t.db, accountId, localDate('2026-02-01'), { water: 3000, wastewater: 1000 });
    // March bill (due 03-22, current): water 4473, solid waste 3450.
    await billAccount(t.db, accountId, localDate('2026-03-01'), { water: 4473, solid_waste: 3450 });
  });

  it('cash at the window pays the oldest debt first, gives change, and balances every fund', async () => {
    const p = expectOk(
      await inTransaction(t.db, (tx) => postPayment(tx, base('cash-1'), payCtx())),
    );
    // 5000: past due water 3000 (Feb) and wastewater 1000 (Feb, fund order after water),
    // then current water 1000 of 4473.
    assert.deepEqual(
      p.application.map((l) => [l.bucket, l.glAccount, l.amountCents]),
      [
        ['past_due', 'receivable:water', 3000],
        ['past_due', 'receivable:wastewater', 1000],
        ['current', 'receivable:water', 1000],
      ],
    );
    assert.deepEqual(p.tender, { kind: 'cash', tenderedCents: 6000, changeCents: 1000 });
    assert.deepEqual(await entryLines(t.db.pool, p.journalEntryId!), [
      ['cash.drawer:general', 5000],
      ['due_from.general:water', 4000],
      ['due_from.general:wastewater', 1000],
      ['due_to.water:general', -4000],
      ['due_to.wastewater:general', -1000],
      ['receivable:water', -4000],
      ['receivable:wastewater', -1000],
    ]);
    assert.deepEqual(await fundImbalances(t.db.pool), []);
    const balances = await accountBalances(t.db.pool, accountId);
    // 11923 billed − 5000 paid.
    assert.equal(balances.totalCents, 6923);
    // One audit row for the payment (what it applied) and one for its ledger entry.
    const audit = await t.db.pool.query<{ entity: string; action: string; after: unknown }>(
      `SELECT entity_type || ':' || entity_id AS entity, action, after FROM audit_log
        WHERE (entity_type, entity_id) IN (('payment', $1), ('journal_entry', $2)) ORDER BY id`,
      [String(p.paymentId), String(p.journalEntryId)],
    );
    assert.deepEqual(audit.rows, [
      {
        entity: `journal_entry:${p.journalEntryId}`,
        action: 'ledger.entry_posted',
        after: {
          kind: 'payment',
          sourceRef: `payment:${p.paymentId}`,
          effectiveDate: today,
          totalCents: 10000,
          reversesEntryId: null,
        },
      },
      {
        entity: `payment:${p.paymentId}`,
        action: 'payment.posted',
        after: {
          amountCents: 5000,
          feeCents: 0,
          tender: 'cash',
          channel: 'window',
          journalEntryId: p.journalEntryId,
          application: p.application,
        },
      },
    ]);
  });

  it('the same key twice returns the first payment; a different request with it is refused', async () => {
    const again = expectOk(
      await inTransaction(t.db, (tx) => postPayment(tx, base('cash-1'), payCtx())),
    );
    assert.equal(again.replayed, true);
    const other = await inTransaction(t.db, (tx) =>
      postPayment(tx, base('cash-1', { amountCents: cents(5001) }), payCtx()),
    );
    assert.equal(!other.ok && other.code, 'idempotency_key_reused');
    const n = await t.db.pool.query('SELECT count(*)::int AS n FROM payment');
    assert.equal((n.rows[0] as { n: number }).n, 1);
  });

  it('a card by web adds the 2.37 % fee as its own revenue line and debits the banks by fund', async () => {
    const p = expectOk(
      await inTransaction(t.db, (tx) =>
        postPayment(
          tx,
          base('card-1', {
            amountCents: cents(3473),
            tender: { kind: 'card', token: 'tok_visa_1881' },
            channel: 'web',
          }),
          payCtx(),
        ),
      ),
    );
    // fee = 3473 × 2.37 % = 82.31 → 82. Remaining water current 3473 pays it in full.
    assert.equal(p.feeCents, 82);
    assert.equal(p.tender.kind === 'card' && p.tender.last4, '1881');
    assert.deepEqual(await entryLines(t.db.pool, p.journalEntryId!), [
      ['cash.bank:water', 3473],
      ['cash.bank:general', 82],
      ['receivable:water', -3473],
      ['revenue.fee.card:general', -82],
    ]);
    assert.deepEqual(await fundImbalances(t.db.pool), []);
  });

  it('a declined card or a processor timeout posts nothing; a retry after a timeout is safe', async () => {
    const gateway = sandboxGateway();
    const declined = await inTransaction(t.db, (tx) =>
      postPayment(
        tx,
        base('card-2', { tender: { kind: 'card', token: 'tok_decline_0002' }, channel: 'phone' }),
        payCtx(gateway),
      ),
    );
    assert.equal(!declined.ok && declined.code, 'card_declined');
    const input = base('card-3', {
      amountCents: cents(100),
      tender: { kind: 'card', token: 'tok_timeout_once_7777' },
      channel: 'phone',
    });
    const first = await inTransaction(t.db, (tx) => postPayment(tx, input, payCtx(gateway)));
    assert.equal(!first.ok && first.code, 'gateway_timeout');
    assert.equal(
      (await t.db.pool.query(`SELECT 1 FROM payment WHERE idempotency_key = 'card-3'`)).rowCount,
      0,
    );
    const retry = expectOk(
      await inTransaction(t.db, (tx) => postPayment(tx, input, payCtx(gateway))),
    );
    assert.equal(retry.replayed, false);
    assert.equal(retry.tender.kind === 'card' && retry.tender.authorizationId, 'auth_1');
  });

  it('a check by mail validates the routing number; a cash-only account refuses checks and ACH', async () => {
    const check = {
      kind: 'check' as const,
      checkNumber: '1042',
      routingNumber: '122105155',
      accountLast4: '6789',
    };
    const bad = await inTransaction(t.db, (tx) =>
      postPayment(
        tx,
        base('chk-0', { tender: { ...check, routingNumber: '122105156' }, channel: 'mail' }),
        payCtx(),
      ),
    );
    assert.equal(!bad.ok && bad.code, 'invalid');
    const p = expectOk(
      await inTransaction(t.db, (tx) =>
        postPayment(
          tx,
          base('chk-1', { amountCents: cents(1000), tender: check, channel: 'mail' }),
          payCtx(),
        ),
      ),
    );
    assert.equal(p.channel, 'mail');
    await makeCashOnly(t.db, accountId, 'two returned checks');
    const refused = await inTransaction(t.db, (tx) =>
      postPayment(tx, base('chk-2', { tender: check, channel: 'mail' }), payCtx()),
    );
    assert.equal(!refused.ok && refused.code, 'cash_only_account');
    // A retry of the check taken before the status is still that payment, not a refusal.
    const retry = await inTransaction(t.db, (tx) =>
      postPayment(
        tx,
        base('chk-1', { amountCents: cents(1000), tender: check, channel: 'mail' }),
        payCtx(),
      ),
    );
    assert.equal(retry.ok && retry.value.replayed && retry.value.paymentId, p.paymentId);
    const ach = await inTransaction(t.db, (tx) =>
      postPayment(
        tx,
        base('ach-1', {
          tender: { kind: 'ach', routingNumber: '122105155', accountLast4: '6789' },
          channel: 'autopay',
        }),
        payCtx(),
      ),
    );
    assert.equal(!ach.ok && ach.code, 'cash_only_account');
  });

  it('a reversal mirrors the entry, marks the payment reversed and owes the debt again', async () => {
    const p = expectOk(
      await inTransaction(t.db, (tx) =>
        postPayment(tx, base('rev-1', { amountCents: cents(700) }), payCtx()),
      ),
    );
    const before = (await accountBalances(t.db.pool, accountId)).totalCents;
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        reversePayment(
          tx,
          { paymentId: p.paymentId, reason: 'wrong account', effectiveDate: today },
          payCtx(),
        ),
      ),
    );
    assert.equal(r.status, 'reversed');
    assert.equal((await accountBalances(t.db.pool, accountId)).totalCents, before + 700);
    const twice = await inTransaction(t.db, (tx) =>
      reversePayment(
        tx,
        { paymentId: p.paymentId, reason: 'again', effectiveDate: today },
        payCtx(),
      ),
    );
    assert.equal(!twice.ok && twice.code, 'already_reversed');
    const audit = await t.db.pool.query(
      `SELECT action FROM audit_log WHERE entity_type = 'payment' AND entity_id = $1 ORDER BY id`,
      [String(p.paymentId)],
    );
    assert.deepEqual(
      audit.rows.map((a) => (a as { action: string }).action),
      ['payment.posted', 'payment.reversed'],
    );
    const v = await inTransaction(t.db, async (tx) => ({
      ok: true as const,
      value: await verifyLedger(tx),
    }));
    assert.equal(expectOk(v).ok, true);
  });

  it('a receipt shows the tender without a token or routing number, the application and the balance', async () => {
    const p = (await t.db.pool.query(`SELECT id FROM payment WHERE idempotency_key = 'card-1'`))
      .rows[0] as { id: number };
    const r = expectOk(await getReceipt(t.db.pool, Number(p.id)));
    assert.equal(r.totalCents, 3473 + 82);
    assert.deepEqual(r.tender, {
      kind: 'card',
      brand: 'visa',
      last4: '1881',
      authorizationId: r.tender.kind === 'card' ? r.tender.authorizationId : '',
    });
    assert.equal(r.customerName, 'Payer pay');
    assert.equal(r.balanceAfterCents, (await accountBalances(t.db.pool, accountId)).totalCents);
  });
});
