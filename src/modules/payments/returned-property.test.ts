import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import fc from 'fast-check';
import { describeEngines } from '../../../test/support/test-db.ts';
import { cents } from '../../core/money.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction, type Queryable } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { accountBalances, postEntry, trialBalance, verifyLedger } from '../ledger/index.ts';
import { newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { requestRefund } from './refund-request.ts';
import { recordReturnedPayment } from './returned-payment.ts';
import { transferPayment } from './transfer-payment.ts';
import type { Channel, TenderInput } from './types.ts';

/**
 * Money conservation with PAY-6 … PAY-8 (issue 5 acceptance): any interleaving of bills,
 * payments, returned checks (+ the 25.00 fee), misapplied-payment transfers and refunds of
 * credit balances keeps Σ receivables = bills − payments + returns + fees + refunds
 * (a transfer moves, never changes, the total), every fund balanced, the ledger verified.
 */
const tenderArb = fc.constantFrom<[TenderInput, Channel]>(
  [{ kind: 'cash' }, 'window'],
  [{ kind: 'check', checkNumber: '21', routingNumber: '122105155', accountLast4: '4321' }, 'mail'],
);
const account = fc.integer({ min: 0, max: 2 });
const op = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('bill' as const),
      account,
      amount: fc.integer({ min: 1, max: 40_000 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      account,
      amount: fc.integer({ min: 1, max: 50_000 }),
      tender: tenderArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('return' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('transfer' as const), pick: fc.nat(), to: account }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('refund' as const), account }) },
);

async function receivables(q: Queryable, accounts: readonly number[]): Promise<number> {
  let total = 0;
  for (const a of accounts) total += (await accountBalances(q, a)).totalCents;
  return total;
}

async function unbalancedFunds(q: Queryable): Promise<string[]> {
  const byFund = new Map<string, number>();
  for (const r of (await trialBalance(q, {})).rows) {
    byFund.set(r.fund, (byFund.get(r.fund) ?? 0) + r.debitCents - r.creditCents);
  }
  return [...byFund].filter(([, v]) => v !== 0).map(([f, v]) => `${f}: ${v}`);
}

describeEngines('money conservation through returns, transfers and refunds (property)', (t) => {
  let accounts: number[];
  let seq = 0;
  before(async () => {
    accounts = [
      await newAccount(t.db, 'rp-a'),
      await newAccount(t.db, 'rp-b'),
      await newAccount(t.db, 'rp-c'),
    ];
  });

  it('receivables = bills − payments + returns + fees + refunds after any interleaving', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const ctx = payCtx();
        let expected = await receivables(t.db.pool, accounts);
        const posted: { id: number; amount: number }[] = [];
        for (const o of ops) {
          seq += 1;
          if (o.type === 'bill') {
            const accountId = accounts[o.account]!;
            expectOk(
              await inTransaction(t.db, (tx) =>
                postEntry(
                  tx,
                  {
                    kind: 'bill',
                    sourceRef: `rp-bill:${seq}`,
                    effectiveDate: today,
                    memo: 'property bill',
                    lines: [
                      { glAccount: 'receivable:water', debitCents: cents(o.amount), accountId },
                      { glAccount: 'revenue.service:water', creditCents: cents(o.amount) },
                    ],
                  },
                  { actor: systemActor('prop'), now: ctx.now },
                ),
              ),
            );
            expected += o.amount;
          } else if (o.type === 'pay') {
            const r = await inTransaction(t.db, (tx) =>
              postPayment(
                tx,
                {
                  accountId: accounts[o.account]!,
                  amountCents: cents(o.amount),
                  tender: o.tender[0],
                  channel: o.tender[1],
                  effectiveDate: today,
                  idempotencyKey: `rp-pay:${seq}`,
                },
                ctx,
              ),
            );
            if (r.ok) {
              posted.push({ id: r.value.paymentId, amount: o.amount });
              expected -= o.amount;
            } else assert.equal(r.code, 'cash_only_account');
          } else if (o.type === 'return' && posted.length) {
            const [p] = posted.splice(o.pick % posted.length, 1);
            const r = await inTransaction(t.db, (tx) =>
              recordReturnedPayment(
                tx,
                {
                  paymentId: p!.id,
                  source: 'check',
                  returnCode: 'NSF',
                  reason: 'nsf',
                  returnedOn: today,
                },
                ctx,
              ),
            );
            if (r.ok) expected += p!.amount + r.value.feeCents;
            else {
              assert.equal(r.code, 'not_a_returnable_payment');
              posted.push(p!);
            }
          } else if (o.type === 'transfer' && posted.length) {
            const i = o.pick % posted.length;
            const r = await inTransaction(t.db, (tx) =>
              transferPayment(
                tx,
                {
                  paymentId: posted[i]!.id,
                  toAccountId: accounts[o.to]!,
                  reason: 'misapplied',
                  effectiveDate: today,
                },
                ctx,
              ),
            );
            if (r.ok) posted[i] = { id: r.value.toPayment.paymentId, amount: posted[i]!.amount };
            else assert.ok(['same_account', 'cash_only_account'].includes(r.code), r.code);
          } else if (o.type === 'refund') {
            const r = await inTransaction(t.db, (tx) =>
              requestRefund(
                tx,
                {
                  accountId: accounts[o.account]!,
                  kind: 'credit_balance',
                  reason: 'credit',
                  requestedOn: today,
                  idempotencyKey: `rp-rf:${seq}`,
                },
                ctx,
              ),
            );
            if (r.ok) expected += r.value.amountCents;
            else assert.equal(r.code, 'nothing_to_refund');
          }
        }
        assert.equal(await receivables(t.db.pool, accounts), expected);
        assert.deepEqual(await unbalancedFunds(t.db.pool), []);
        const v = expectOk(await inTransaction(t.db, async (tx) => ok(await verifyLedger(tx))));
        assert.equal(v.ok, true);
      }),
      { numRuns: 12 },
    );
  });
});
