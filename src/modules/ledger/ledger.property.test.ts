import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { describeEngines } from '../../../test/support/test-db.ts';
import { allocate, cents } from '../../core/money.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { accountBalances } from './account-balances.ts';
import { day, testCtx } from './ledger-test-support.ts';
import { postEntry } from './post-entry.ts';
import { reverseEntry } from './reverse-entry.ts';
import { trialBalance } from './trial-balance.ts';
import { funds, type JournalLineInput, type PostedLine } from './types.ts';
import { verifyLedger } from './verify-ledger.ts';

/**
 * Random sequences of postings (lines across funds, GL accounts and customer accounts),
 * reversals and refused unbalanced attempts keep every entry balanced, each customer's
 * balance per fund equal to a model kept in memory, and the receivable sub-ledger equal to
 * its control accounts (issue 2 item 4).
 */
const subledgerAccounts = [
  ...funds.map((f) => `receivable:${f}`),
  'deposit.held:water',
  'deposit.held:general',
];
const plainAccounts = [
  ...funds.map((f) => `revenue.service:${f}`),
  'cash.drawer:general',
  'cash.bank:water',
  'unapplied_cash:general',
  'expense.bad_debt:gas',
  'revenue.fee.late:electric',
];
const lineSpec = fc.record({
  gl: fc.constantFrom(...subledgerAccounts, ...plainAccounts),
  account: fc.integer({ min: 1, max: 3 }),
});
const operation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('post' as const),
      debits: fc.array(
        fc.record({ spec: lineSpec, amount: fc.integer({ min: 1, max: 1_000_000 }) }),
        { minLength: 1, maxLength: 3 },
      ),
      credits: fc.array(fc.record({ spec: lineSpec, weight: fc.integer({ min: 1, max: 9 }) }), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('reverse' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('unbalanced' as const),
      amount: fc.integer({ min: 2, max: 1_000 }),
    }),
  },
);

describeEngines('ledger: property — postings and reversals keep the ledger consistent', (t) => {
  let run = 0;
  /** Receivable balance by `accountId|fund` and deposits by account, over all runs. */
  const model = new Map<string, number>();
  const apply = (lines: readonly PostedLine[], sign: 1 | -1) => {
    for (const l of lines) {
      if (l.accountId === null) continue;
      const key = l.glAccount.startsWith('receivable:')
        ? `${l.accountId}|${l.fund}`
        : `${l.accountId}|deposit`;
      model.set(key, (model.get(key) ?? 0) + sign * (l.debitCents - l.creditCents));
    }
  };
  const line = (
    gl: string,
    account: number,
    side: 'debit' | 'credit',
    amount: number,
  ): JournalLineInput => ({
    glAccount: gl,
    ...(side === 'debit' ? { debitCents: cents(amount) } : { creditCents: cents(amount) }),
    ...(subledgerAccounts.includes(gl) ? { accountId: account } : {}),
  });

  it('holds for random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (ops) => {
        run += 1;
        const base = run * 10; // fresh customer accounts per run
        const posted: { entryId: number; lines: readonly PostedLine[] }[] = [];
        for (const [i, op] of ops.entries()) {
          const sourceRef = `prop:${run}:${i}`;
          if (op.type === 'post') {
            const total = op.debits.reduce((s, d) => s + d.amount, 0);
            const parts = allocate(
              cents(total),
              op.credits.map((c) => c.weight),
            );
            const lines = [
              ...op.debits.map((d) => line(d.spec.gl, base + d.spec.account, 'debit', d.amount)),
              ...op.credits.flatMap((c, k) =>
                (parts[k] ?? 0) > 0
                  ? [line(c.spec.gl, base + c.spec.account, 'credit', parts[k] ?? 0)]
                  : [],
              ),
            ];
            const input = {
              kind: 'manual' as const,
              sourceRef,
              effectiveDate: day,
              memo: 'property',
              lines,
            };
            const entry = expectOk(
              await inTransaction(t.db, (tx) => postEntry(tx, input, testCtx)),
            );
            posted.push(entry);
            apply(entry.lines, 1);
          } else if (op.type === 'reverse' && posted.length > 0) {
            const [target] = posted.splice(op.pick % posted.length, 1);
            if (!target) continue;
            const reversal = expectOk(
              await inTransaction(t.db, (tx) =>
                reverseEntry(
                  tx,
                  { entryId: target.entryId, reason: 'property', effectiveDate: day },
                  testCtx,
                ),
              ),
            );
            apply(reversal.lines, 1);
          } else if (op.type === 'unbalanced') {
            const lines = [
              line('receivable:water', base + 1, 'debit', op.amount),
              line('revenue.service:water', 0, 'credit', op.amount - 1),
            ];
            const r = await inTransaction(t.db, (tx) =>
              postEntry(
                tx,
                { kind: 'manual', sourceRef, effectiveDate: day, memo: 'property', lines },
                testCtx,
              ),
            );
            assert.equal(r.ok ? 'ok' : r.code, 'unbalanced_entry');
          }
        }
        await assertConsistent(base);
      }),
      { numRuns: 25 },
    );
  });

  async function assertConsistent(base: number): Promise<void> {
    for (const account of [base + 1, base + 2, base + 3]) {
      const b = await accountBalances(t.db.pool, account);
      for (const f of funds) {
        const found = b.byFund.find((x) => x.fund === f)?.balanceCents ?? 0;
        assert.equal(found, model.get(`${account}|${f}`) ?? 0, `account ${account} fund ${f}`);
      }
      assert.equal(b.depositsHeldCents, -(model.get(`${account}|deposit`) ?? 0) || 0);
    }
    const verification = await verifyLedger(t.db.pool);
    assert.equal(verification.ok, true, JSON.stringify(verification.checks.filter((c) => !c.ok)));
    const tb = await trialBalance(t.db.pool, {});
    assert.equal(tb.totalDebitCents, tb.totalCreditCents);
    for (const f of funds) {
      const control = tb.rows.find((r) => r.glAccount === `receivable:${f}`)?.balanceCents ?? 0;
      let subledger = 0;
      for (const [key, value] of model) if (key.endsWith(`|${f}`)) subledger += value;
      assert.equal(control, subledger, `receivable:${f}: control vs sum of customer balances`);
    }
  }
});
