import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import fc from 'fast-check';
import { describeEngines } from '../../../test/support/test-db.ts';
import { cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Queryable } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import {
  accountBalances,
  postEntry,
  trialBalance,
  verifyLedger,
  type Fund,
} from '../ledger/index.ts';
import { sandboxGateway } from './gateway/sandbox-gateway.ts';
import { newAccount, payCtx, today } from './payments-test-support.ts';
import { postPayment } from './post-payment.ts';
import { reversePayment } from './reverse-payment.ts';
import type { Channel, TenderInput } from './types.ts';

/**
 * Money conservation (issue 5 acceptance): any sequence of bills (ledger bill entries across
 * funds), payments by every tender and channel (including overpayments) and reversals keeps
 * Σ receivables = bills − payments + reversals, every fund balanced, and the ledger verified.
 */
const billFunds: Fund[] = ['water', 'wastewater', 'solid_waste', 'general', 'electric'];
const tenderArb = fc.constantFrom<[TenderInput, Channel]>(
  [{ kind: 'cash' }, 'window'],
  [
    { kind: 'check', checkNumber: '12', routingNumber: '011000015', accountLast4: '4321' },
    'window',
  ],
  [{ kind: 'check', checkNumber: '13', routingNumber: '122105155', accountLast4: '4321' }, 'mail'],
  [{ kind: 'card', token: 'tok_visa_4242' }, 'web'],
  [{ kind: 'card', token: 'tok_mc_5454' }, 'window'],
  [{ kind: 'ach', routingNumber: '011000015', accountLast4: '9999' }, 'autopay'],
);
const op = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('bill' as const),
      account: fc.integer({ min: 0, max: 1 }),
      amounts: fc.array(
        fc.record({
          fund: fc.constantFrom(...billFunds),
          amount: fc.integer({ min: 1, max: 50_000 }),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('pay' as const),
      account: fc.integer({ min: 0, max: 1 }),
      amount: fc.integer({ min: 1, max: 60_000 }),
      tender: tenderArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }) },
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

describeEngines('money conservation through payments (property)', (t) => {
  let accounts: number[];
  let seq = 0;
  before(async () => {
    accounts = [await newAccount(t.db, 'prop-a'), await newAccount(t.db, 'prop-b')];
  });

  it('bills, payments and reversals keep receivables = bills − payments + reversals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        const start = await receivables(t.db.pool, accounts);
        const ctx = payCtx(sandboxGateway());
        const posted: { id: number; amount: number }[] = [];
        let expected = start;
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
                    sourceRef: `prop-bill:${seq}`,
                    effectiveDate: today,
                    memo: 'property bill',
                    lines: o.amounts.flatMap(({ fund, amount }) => [
                      { glAccount: `receivable:${fund}`, debitCents: cents(amount), accountId },
                      { glAccount: `revenue.service:${fund}`, creditCents: cents(amount) },
                    ]),
                  },
                  { actor: systemActor('prop'), now: ctx.now },
                ),
              ),
            );
            expected += o.amounts.reduce((s, a) => s + a.amount, 0);
          } else if (o.type === 'pay') {
            const [tender, channel] = o.tender;
            const p = expectOk(
              await inTransaction(t.db, (tx) =>
                postPayment(
                  tx,
                  {
                    accountId: accounts[o.account]!,
                    amountCents: cents(o.amount),
                    tender,
                    channel,
                    effectiveDate: today,
                    idempotencyKey: `prop-pay:${seq}`,
                  },
                  ctx,
                ),
              ),
            );
            posted.push({ id: p.paymentId, amount: o.amount });
            expected -= o.amount;
          } else if (posted.length > 0) {
            const [victim] = posted.splice(o.pick % posted.length, 1);
            expectOk(
              await inTransaction(t.db, (tx) =>
                reversePayment(
                  tx,
                  { paymentId: victim!.id, reason: 'property', effectiveDate: today },
                  ctx,
                ),
              ),
            );
            expected += victim!.amount;
          }
        }
        assert.equal(await receivables(t.db.pool, accounts), expected);
        assert.deepEqual(await unbalancedFunds(t.db.pool), []);
      }),
      { numRuns: 8 },
    );
    const v = expectOk(
      await inTransaction(t.db, async (tx) => ({
        ok: true as const,
        value: await verifyLedger(tx),
      })),
    );
    assert.equal(v.ok, true, JSON.stringify(v.checks.filter((c) => !c.ok)));
  });
});
