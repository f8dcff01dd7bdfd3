import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { accountBalances } from './account-balances.ts';
import { cr, day, dr, testCtx } from './ledger-test-support.ts';
import { listEntries } from './list-entries.ts';
import { postEntries } from './post-entries.ts';
import { postEntry } from './post-entry.ts';
import { trialBalance } from './trial-balance.ts';
import type { PostEntryInput } from './types.ts';

describeEngines('ledger: balances, trial balance, entries, bulk posting', (t) => {
  const post = (input: PostEntryInput) =>
    inTransaction(t.db, (tx) => postEntry(tx, input, testCtx));
  const entry = (
    sourceRef: string,
    lines: PostEntryInput['lines'],
    kind: PostEntryInput['kind'] = 'bill',
    effectiveDate = day,
  ): PostEntryInput => ({ kind, sourceRef, effectiveDate, memo: sourceRef, lines });

  it('derives a customer balance per fund, its total and the deposits held', async () => {
    expectOk(
      await post(
        entry('bill:41', [
          dr('receivable:water', 3_000, 41),
          dr('receivable:wastewater', 2_000, 41),
          dr('receivable:solid_waste', 1_800, 41),
          cr('revenue.service:water', 3_000),
          cr('revenue.service:wastewater', 2_000),
          cr('revenue.service:solid_waste', 1_800),
        ]),
      ),
    );
    expectOk(
      await post(
        entry(
          'payment:41',
          [dr('cash.drawer:general', 2_500), cr('receivable:water', 2_500, 41)],
          'payment',
        ),
      ),
    );
    expectOk(
      await post(
        entry(
          'deposit:41',
          [dr('cash.drawer:general', 26_500), cr('deposit.held:water', 26_500, 41)],
          'deposit',
        ),
      ),
    );
    expectOk(
      await post(
        entry('bill:42', [dr('receivable:water', 999, 42), cr('revenue.service:water', 999)]),
      ),
    );
    const b = await accountBalances(t.db.pool, 41);
    assert.deepEqual(b, {
      accountId: 41,
      byFund: [
        { fund: 'water', balanceCents: 500 },
        { fund: 'wastewater', balanceCents: 2_000 },
        { fund: 'solid_waste', balanceCents: 1_800 },
      ],
      totalCents: 4_300,
      depositsHeldCents: 26_500,
    });
    assert.deepEqual(await accountBalances(t.db.pool, 4_040), {
      accountId: 4_040,
      byFund: [],
      totalCents: 0,
      depositsHeldCents: 0,
    });
  });

  it('lists the trial balance by account, debits equal to credits, as of a date', async () => {
    expectOk(
      await post(
        entry(
          'bill:43-later',
          [dr('receivable:gas', 10_000, 43), cr('revenue.service:gas', 10_000)],
          'bill',
          localDate('2026-12-31'),
        ),
      ),
    );
    const now = await trialBalance(t.db.pool, { asOf: day });
    const all = await trialBalance(t.db.pool, {});
    const row = (tb: typeof now, code: string) => tb.rows.find((r) => r.glAccount === code);
    assert.deepEqual(row(now, 'receivable:water'), {
      glAccount: 'receivable:water',
      name: 'Accounts receivable (customer control) — Water Utility Fund',
      fund: 'water',
      type: 'asset',
      debitCents: 1_499,
      creditCents: 0,
      balanceCents: 1_499,
    });
    assert.equal(row(now, 'deposit.held:water')?.creditCents, 26_500);
    assert.equal(row(now, 'deposit.held:water')?.balanceCents, 26_500);
    assert.equal(row(now, 'receivable:gas')?.debitCents, 0);
    assert.equal(row(all, 'receivable:gas')?.debitCents, 10_000);
    assert.equal(now.totalDebitCents, now.totalCreditCents);
    assert.equal(all.totalDebitCents - now.totalDebitCents, 10_000);
    assert.equal(all.rows.length, now.rows.length);
  });

  it('lists an account’s entries newest first, a page at a time', async () => {
    const first = await listEntries(t.db.pool, { accountId: 41, limit: 2 });
    assert.deepEqual(
      first.entries.map((e) => e.sourceRef),
      ['deposit:41', 'payment:41'],
    );
    assert.ok(first.nextBefore !== null);
    const second = await listEntries(t.db.pool, {
      accountId: 41,
      limit: 2,
      before: first.nextBefore,
    });
    assert.deepEqual(
      second.entries.map((e) => e.sourceRef),
      ['bill:41'],
    );
    assert.equal(second.nextBefore, null);
    assert.equal(second.entries[0]?.lines.length, 6);
    assert.match(second.entries[0]?.postedAt ?? '', /^2026-11-24T17:00:00\.000Z$/);
  });

  it('posts many entries set-based, each checked and balanced', async () => {
    const inputs = Array.from({ length: 2_500 }, (_, i) =>
      entry(
        `open:${i}`,
        [dr('receivable:water', 100 + i, 1_000 + i), cr('equity.fund_balance:water', 100 + i)],
        'conversion',
      ),
    );
    const r = expectOk(await inTransaction(t.db, (tx) => postEntries(tx, inputs, testCtx)));
    assert.equal(r.count, 2_500);
    assert.equal(new Set(r.entryIds).size, 2_500);
    assert.equal((await accountBalances(t.db.pool, 1_007)).totalCents, 107);
    const again = await inTransaction(t.db, (tx) => postEntries(tx, inputs.slice(0, 3), testCtx));
    assert.equal(again.ok ? 'ok' : again.code, 'duplicate_source_ref');
    const unbalanced = await inTransaction(t.db, (tx) =>
      postEntries(
        tx,
        [
          entry(
            'open:x',
            [dr('receivable:water', 5, 1), cr('equity.fund_balance:water', 4)],
            'conversion',
          ),
        ],
        testCtx,
      ),
    );
    assert.equal(unbalanced.ok ? 'ok' : unbalanced.code, 'unbalanced_entry');
    const repeated = await inTransaction(t.db, (tx) =>
      postEntries(
        tx,
        [
          entry(
            'open:y',
            [dr('receivable:water', 5, 1), cr('equity.fund_balance:water', 5)],
            'conversion',
          ),
          entry(
            'open:y',
            [dr('receivable:water', 5, 1), cr('equity.fund_balance:water', 5)],
            'conversion',
          ),
        ],
        testCtx,
      ),
    );
    assert.equal(repeated.ok ? 'ok' : repeated.code, 'duplicate_source_ref');
    const n = await t.db.pool.query(
      "SELECT count(*) AS n FROM journal_entry WHERE source_ref LIKE 'open:%'",
    );
    assert.equal(n.rows[0].n, 2_500);
  });
});
