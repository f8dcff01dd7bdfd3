import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { accountBalances, verifyLedger, type Fund } from '../ledger/index.ts';
import { closeDrawer, openDrawer } from './drawer.ts';
import { postPaymentBatch, type BatchItem, type BatchOutcome } from './payment-batch.ts';
import { createPaymentBatcher, postOnePayment } from './payment-batcher.ts';
import { billAccount, makeCashOnly, newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { listPayments } from './read-payments.ts';
import type { PaymentContext, PostPaymentInput, TenderInput } from './types.ts';

const check = (n: number): TenderInput => ({
  kind: 'check',
  checkNumber: `${n}`,
  routingNumber: '122105155',
  accountLast4: '6789',
});
const ach: TenderInput = { kind: 'ach', routingNumber: '122105155', accountLast4: '6789' };

function pay(
  accountId: number,
  amount: number,
  key: string,
  tender: TenderInput = { kind: 'cash' },
  more: Partial<PostPaymentInput> = {},
): PostPaymentInput {
  return {
    accountId,
    amountCents: cents(amount),
    tender,
    channel: 'window',
    effectiveDate: today,
    idempotencyKey: key,
    ...more,
  };
}

async function batch(db: Database, inputs: readonly PostPaymentInput[], ctx = payCtx()) {
  const items: BatchItem[] = inputs.map((input) => ({ input, ctx }));
  return expectOk(await inTransaction(db, async (tx) => ok(await postPaymentBatch(tx, items))));
}

function done(o: BatchOutcome | undefined) {
  assert.equal(o?.kind, 'done', JSON.stringify(o));
  return (o as Extract<BatchOutcome, { kind: 'done' }>).result;
}

async function count(db: Database, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.pool.query<{ n: string }>(sql, params)).rows[0]!.n);
}

describeEngines('payment API group posting (issue 5)', (t) => {
  it('a batch applies, posts and audits each payment exactly as postPayment one after the other', async () => {
    // Twins: the same bills (one past due on 03-10, one current), the same payments: B1's
    // in one batch (interleaved with another account's), B2's by postPayment in turn.
    const [b1, b2, other] = [
      await newAccount(t.db, 'B1'),
      await newAccount(t.db, 'B2'),
      await newAccount(t.db, 'B3'),
    ];
    for (const id of [b1, b2]) {
      await billAccount(t.db, id, localDate('2026-01-01'), { water: 3000, electric: 2000 });
      await billAccount(t.db, id, localDate('2026-03-01'), { water: 4000, general: 500 });
    }
    await billAccount(t.db, other, localDate('2026-03-01'), { gas: 1234 });
    const tenders: TenderInput[] = [{ kind: 'cash' }, check(301), ach, { kind: 'cash' }];
    const amounts = [2500, 6000, 3000, 1700];
    const channels = ['window', 'mail', 'phone', 'window'] as const;
    const of = (accountId: number, tag: string) =>
      amounts.map((a, i) =>
        pay(accountId, a, `${tag}-${i}`, tenders[i], { channel: channels[i]! }),
      );
    const inputs = of(b1, 'twin-b1');
    inputs.splice(2, 0, pay(other, 1234, 'twin-b3'));
    const audits0 = await count(
      t.db,
      `SELECT count(*) AS n FROM audit_log WHERE action = 'payment.posted'`,
    );
    const outcomes = await batch(t.db, inputs);
    const results = outcomes.map((o) => expectOk(done(o)));
    for (const input of of(b2, 'twin-b2')) {
      expectOk(await inTransaction(t.db, (tx) => postPayment(tx, input, payCtx())));
    }
    const stored = async (id: number) =>
      (await listPayments(t.db.pool, id))
        .reverse()
        .map((p) => [p.amountCents, p.feeCents, p.tender, p.channel, p.application, p.status]);
    assert.deepEqual(await stored(b1), await stored(b2));
    assert.deepEqual(
      (await accountBalances(t.db.pool, b1)).byFund,
      (await accountBalances(t.db.pool, b2)).byFund,
    );
    assert.equal((await accountBalances(t.db.pool, other)).totalCents, 0);
    // Each answer is the payment as stored, pointing at its own balanced entry.
    for (const [i, r] of results.entries()) {
      assert.equal(r.replayed, false);
      assert.equal(r.accountId, inputs[i]!.accountId);
      assert.equal(r.amountCents, inputs[i]!.amountCents);
      const entry = await t.db.pool.query<{ source_ref: string; d: string; c: string; a: string }>(
        `SELECT e.source_ref, sum(l.debit_cents) AS d, sum(l.credit_cents) AS c,
                sum(l.credit_cents) FILTER (WHERE l.account_id = $2) AS a
           FROM journal_entry e JOIN journal_line l ON l.entry_id = e.id
          WHERE e.id = $1 GROUP BY e.source_ref`,
        [r.journalEntryId, inputs[i]!.accountId],
      );
      assert.equal(entry.rows[0]!.source_ref, `payment:${r.paymentId}`);
      assert.equal(Number(entry.rows[0]!.a), inputs[i]!.amountCents);
      assert.equal(entry.rows[0]!.d, entry.rows[0]!.c);
    }
    // One payment.posted audit row per payment (batch: 5, one by one: 4).
    const audits = await count(
      t.db,
      `SELECT count(*) AS n FROM audit_log WHERE action = 'payment.posted'`,
    );
    assert.equal(audits - audits0, 9);
    const audit = await t.db.pool.query<{
      entity_id: string;
      account_id: string;
      after: { journalEntryId: number };
    }>(
      `SELECT entity_id, account_id, after FROM audit_log
        WHERE action = 'payment.posted' AND entity_id = $1`,
      [String(results[0]!.paymentId)],
    );
    assert.equal(Number(audit.rows[0]!.account_id), b1);
    assert.equal(audit.rows[0]!.after.journalEntryId, results[0]!.journalEntryId);
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });

  it('answers replays and refusals as postPayment would, and leaves the rest to it', async () => {
    const [a, cashOnly, writtenOff] = [
      await newAccount(t.db, 'C1'),
      await newAccount(t.db, 'C2'),
      await newAccount(t.db, 'C3'),
    ];
    await billAccount(t.db, a, localDate('2026-03-01'), { water: 5000 });
    await makeCashOnly(t.db, cashOnly, 'two returned checks');
    await t.db.pool.query("UPDATE account SET status = 'written_off' WHERE id = $1", [writtenOff]);
    const first = expectOk(
      await inTransaction(t.db, (tx) => postPayment(tx, pay(a, 1000, 'seen-1'), payCtx())),
    );
    // The cashier's yesterday drawer is closed, today's is open; another cashier's is theirs.
    const open = (ctx: PaymentContext) =>
      inTransaction(t.db, (tx) =>
        openDrawer(tx, { businessDate: today, floatCount: { '2000': 1 } }, ctx),
      );
    const closed = expectOk(await open(payCtx()));
    expectOk(
      await inTransaction(t.db, (tx) =>
        closeDrawer(
          tx,
          {
            drawerId: closed.drawerId,
            cashCount: { '2000': 1 },
            checkCents: cents(0),
            cardCents: cents(0),
          },
          payCtx(),
        ),
      ),
    );
    const drawer = expectOk(await open(payCtx()));
    const theirs = expectOk(
      await open({ ...payCtx(), actor: { kind: 'staff', id: 8, name: 'cashier-8' } }),
    );
    const payments0 = await count(t.db, 'SELECT count(*) AS n FROM payment');
    const inputs = [
      pay(a, 1000, 'seen-1'), // 0 replay
      pay(a, 999, 'seen-1'), // 1 the key, another request
      pay(987_654, 100, 'nobody'), // 2 no such account: left to postPayment
      pay(a, 200, 'twice'), // 3 posts
      pay(a, 200, 'twice'), // 4 the same key again in the batch: left to postPayment
      pay(cashOnly, 300, 'co-check', check(55)), // 5 refused
      pay(cashOnly, 300, 'co-cash'), // 6 cash posts
      pay(writtenOff, 400, 'wo'), // 7 recovery first: left to postPayment
      pay(a, 0, 'zero'), // 8 a bad input: left to postPayment
      pay(a, 500, 'card', { kind: 'card', token: 'tok_visa' }), // 9 cards: left to postPayment
      pay(a, 600, 'in-drawer', { kind: 'cash' }, { drawerId: drawer.drawerId }), // 10 posts
      pay(a, 700, 'closed', { kind: 'cash' }, { drawerId: closed.drawerId }), // 11 not open
      pay(a, 800, 'theirs', { kind: 'cash' }, { drawerId: theirs.drawerId }), // 12 not found
    ];
    const o = await batch(t.db, inputs);
    const replay = expectOk(done(o[0]));
    assert.equal(replay.paymentId, first.paymentId);
    assert.equal(replay.replayed, true);
    const reused = done(o[1]);
    assert.equal(reused.ok ? 'ok' : reused.code, 'idempotency_key_reused');
    for (const i of [2, 4, 7, 8, 9]) assert.equal(o[i]!.kind, 'single', `item ${i}`);
    expectOk(done(o[3]));
    const refused = done(o[5]);
    assert.equal(refused.ok ? 'ok' : refused.code, 'cash_only_account');
    expectOk(done(o[6]));
    assert.equal(expectOk(done(o[10])).drawerId, drawer.drawerId);
    const notOpen = done(o[11]);
    assert.equal(notOpen.ok ? 'ok' : notOpen.code, 'drawer_not_open');
    const notFound = done(o[12]);
    assert.equal(notFound.ok ? 'ok' : notFound.code, 'drawer_not_found');
    assert.equal((await count(t.db, 'SELECT count(*) AS n FROM payment')) - payments0, 3);
    // What the batch left, postPayment answers after it (as the batcher does).
    const twice = expectOk(await postOnePayment(t.db, inputs[4]!, payCtx()));
    assert.equal(twice.replayed, true);
    assert.equal(twice.paymentId, expectOk(done(o[3])).paymentId);
    const wo = await postOnePayment(t.db, inputs[7]!, payCtx());
    assert.ok(wo.ok, JSON.stringify(wo));
    const nobody = await postOnePayment(t.db, inputs[2]!, payCtx());
    assert.equal(nobody.ok ? 'ok' : nobody.code, 'account_not_found');
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });

  it('concurrent requests post together; a repeated key posts once; answers match one by one', async () => {
    const accounts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await newAccount(t.db, `G${i}`);
      await billAccount(t.db, id, localDate('2026-03-01'), { water: 2000 + i, electric: 700 });
      accounts.push(id);
    }
    const batcher = createPaymentBatcher(t.db, { inFlight: 1 });
    const inputs = Array.from({ length: 40 }, (_, i) =>
      pay(accounts[i % accounts.length]!, 300 + i, i % 10 === 9 ? 'shared-key' : `g-${i}`),
    );
    // `shared-key` is sent 4 times with different accounts/amounts: the first posts, the
    // others are answered idempotency_key_reused — and the same request 3 more times.
    const sameAgain = Array.from({ length: 3 }, () => inputs[9]!);
    const answers = await Promise.all(
      [...inputs, ...sameAgain].map((input) => batcher.post(input, payCtx())),
    );
    assert.ok(batcher.stats.batches >= 1, JSON.stringify(batcher.stats));
    assert.ok(batcher.stats.batched >= 30, JSON.stringify(batcher.stats));
    assert.equal(batcher.stats.fallbacks, 0);
    const shared = answers.filter(
      (_, i) => (inputs[i] ?? inputs[9]!).idempotencyKey === 'shared-key',
    );
    const posted = expectOk(answers[9]!);
    assert.equal(posted.replayed, false);
    for (const [i, a] of answers.entries()) {
      const input = inputs[i] ?? inputs[9]!;
      if (input.idempotencyKey !== 'shared-key') {
        const p = expectOk(a);
        assert.equal(p.replayed, false);
        assert.equal(p.amountCents, input.amountCents);
      }
    }
    const reused = shared.filter((a) => !a.ok);
    assert.equal(reused.length, 3);
    assert.ok(reused.every((a) => !a.ok && a.code === 'idempotency_key_reused'));
    const replays = shared.filter((a) => a.ok && a.value.replayed);
    assert.equal(replays.length, 3);
    assert.ok(replays.every((a) => a.ok && a.value.paymentId === posted.paymentId));
    assert.equal(
      await count(
        t.db,
        `SELECT count(*) AS n FROM payment WHERE idempotency_key LIKE 'g-%' OR idempotency_key = 'shared-key'`,
      ),
      37,
    );
    // The same payments, one by one on twin accounts, leave the same balances.
    for (const [i, id] of accounts.entries()) {
      const twin = await newAccount(t.db, `G${i}-twin`);
      await billAccount(t.db, twin, localDate('2026-03-01'), { water: 2000 + i, electric: 700 });
      for (const input of inputs.filter((x, n) => x.accountId === id && (n % 10 !== 9 || n === 9)))
        expectOk(
          await postOnePayment(
            t.db,
            { ...input, accountId: twin, idempotencyKey: `t-${input.idempotencyKey}` },
            payCtx(),
          ),
        );
      assert.deepEqual(
        (await accountBalances(t.db.pool, id)).byFund,
        (await accountBalances(t.db.pool, twin)).byFund,
      );
    }
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });

  it('property: any batch applies each payment as postPayment one after the other would', async () => {
    const funds: Fund[] = ['water', 'electric', 'general', 'solid_waste'];
    const bill = fc.record({
      date: fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01', '2026-03-09'),
      fund: fc.constantFrom(...funds),
      amount: fc.integer({ min: 1, max: 20_000 }),
    });
    const payment = fc.record({
      account: fc.integer({ min: 0, max: 2 }),
      amount: fc.integer({ min: 1, max: 30_000 }),
      tender: fc.constantFrom<TenderInput>({ kind: 'cash' }, check(9), ach),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(bill, { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(payment, { minLength: 2, maxLength: 12 }),
        async (bills, payments) => {
          run += 1;
          // Twins: the same bills; batch on one set, postPayment in turn on the other.
          const sets: number[][] = [[], []];
          for (const [side, set] of sets.entries()) {
            for (const [i, list] of bills.entries()) {
              const id = await newAccount(t.db, `P${run}-${side}-${i}`);
              // One bill per date (its ledger source is the account and the date).
              const byDate = new Map<string, Partial<Record<Fund, number>>>();
              for (const b of list) {
                const lines = byDate.get(b.date) ?? {};
                lines[b.fund] = (lines[b.fund] ?? 0) + b.amount;
                byDate.set(b.date, lines);
              }
              for (const [date, lines] of byDate)
                await billAccount(t.db, id, localDate(date), lines);
              set.push(id);
            }
          }
          const input = (side: number, n: number) =>
            pay(
              sets[side]![payments[n]!.account]!,
              payments[n]!.amount,
              `p${run}-${side}-${n}`,
              payments[n]!.tender,
            );
          const outcomes = await batch(
            t.db,
            payments.map((_, n) => input(0, n)),
          );
          const batched = outcomes.map((o) => expectOk(done(o)));
          for (const [n] of payments.entries()) {
            const one = expectOk(
              await inTransaction(t.db, (tx) => postPayment(tx, input(1, n), payCtx())),
            );
            assert.deepEqual(batched[n]!.application, one.application, `payment ${n}`);
            assert.equal(batched[n]!.feeCents, one.feeCents);
          }
          for (const i of bills.keys()) {
            assert.deepEqual(
              (await accountBalances(t.db.pool, sets[0]![i]!)).byFund,
              (await accountBalances(t.db.pool, sets[1]![i]!)).byFund,
            );
          }
        },
      ),
      { numRuns: 6 },
    );
    assert.ok((await verifyLedger(t.db.pool)).ok);
  });

  it('a batch that loses a key to a racing payment rolls back and posts one by one', async () => {
    if (t.engine !== 'postgres') return; // needs two connections at once
    const id = await newAccount(t.db, 'R1');
    await billAccount(t.db, id, localDate('2026-03-01'), { water: 5000 });
    const batcher = createPaymentBatcher(t.db, { inFlight: 1 });
    // A racing transaction holds key `race` (uncommitted) when the batch inserts it.
    const racer = await t.db.pool.connect();
    await racer.query('BEGIN');
    await racer.query(
      `INSERT INTO payment (account_id, amount_cents, fee_cents, tender, channel, tender_detail,
         effective_date, status, application, idempotency_key, request_hash, received_by_kind,
         received_by_name, received_at)
       VALUES ($1, 100, 0, 'cash', 'window', '{"kind":"cash"}', $2, 'posted', '[]', 'race',
         'another request', 'system', 'racer', now())`,
      [id, today],
    );
    const first = batcher.post(pay(id, 100, 'warm'), payCtx()); // runs alone
    const rest = ['a', 'race', 'b'].map((k) => batcher.post(pay(id, 100, k), payCtx()));
    await first;
    await new Promise((r) => setTimeout(r, 200)); // the batch is waiting on the racer's key
    await racer.query('COMMIT');
    racer.release();
    const [a, race, b] = await Promise.all(rest);
    assert.equal(batcher.stats.fallbacks, 1);
    expectOk(a!);
    expectOk(b!);
    assert.equal(race!.ok ? 'ok' : race!.code, 'idempotency_key_reused');
    assert.equal(
      await count(t.db, `SELECT count(*) AS n FROM payment WHERE account_id = $1`, [id]),
      4,
    );
  });
});
