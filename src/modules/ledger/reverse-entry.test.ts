import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { accountBalances } from './account-balances.ts';
import { bill, testCtx } from './ledger-test-support.ts';
import { postEntry } from './post-entry.ts';
import { reverseEntry, type ReverseEntryInput } from './reverse-entry.ts';

describeEngines('ledger: reverseEntry', (t) => {
  const post = (ref: string, accountId: number, amount: number) =>
    inTransaction(t.db, (tx) => postEntry(tx, bill(ref, accountId, amount), testCtx));
  const reverse = (input: ReverseEntryInput) =>
    inTransaction(t.db, (tx) => reverseEntry(tx, input, testCtx));
  const on = localDate('2026-11-25');

  it('posts the mirror entry and brings the balance back to zero', async () => {
    const original = expectOk(await post('bill:r1', 31, 1_234));
    const reversal = expectOk(
      await reverse({ entryId: original.entryId, reason: 'billed in error', effectiveDate: on }),
    );
    assert.equal(reversal.kind, 'reversal');
    assert.equal(reversal.sourceRef, `reversal:${original.entryId}`);
    assert.equal(reversal.effectiveDate, on);
    assert.deepEqual(
      reversal.lines.map((l) => [l.glAccount, l.accountId, l.debitCents, l.creditCents]),
      original.lines.map((l) => [l.glAccount, l.accountId, l.creditCents, l.debitCents]),
    );
    const balances = await accountBalances(t.db.pool, 31);
    assert.equal(balances.totalCents, 0);
    assert.deepEqual(balances.byFund, [{ fund: 'water', balanceCents: 0 }]);
    const row = await t.db.pool.query(
      'SELECT reverses_entry_id AS r FROM journal_entry WHERE id = $1',
      [reversal.entryId],
    );
    assert.equal(row.rows[0].r, original.entryId);
  });

  it('answers already_reversed for a second reversal', async () => {
    const original = expectOk(await post('bill:r2', 32, 500));
    expectOk(await reverse({ entryId: original.entryId, reason: 'first', effectiveDate: on }));
    const again = await reverse({ entryId: original.entryId, reason: 'second', effectiveDate: on });
    assert.equal(again.ok ? 'ok' : again.code, 'already_reversed');
  });

  it('replays a reversal repeated with its idempotency key', async () => {
    const original = expectOk(await post('bill:r3', 33, 500));
    const input = {
      entryId: original.entryId,
      reason: 'dup',
      effectiveDate: on,
      idempotencyKey: 'rev-3',
    };
    const first = expectOk(await reverse(input));
    const again = expectOk(await reverse(input));
    assert.equal(again.replayed, true);
    assert.equal(again.entryId, first.entryId);
  });

  it('answers cannot_reverse_reversal, not_found and invalid', async () => {
    const original = expectOk(await post('bill:r4', 34, 500));
    const reversal = expectOk(
      await reverse({ entryId: original.entryId, reason: 'x', effectiveDate: on }),
    );
    const cases = [
      {
        input: { entryId: reversal.entryId, reason: 'undo the undo', effectiveDate: on },
        code: 'cannot_reverse_reversal',
      },
      { input: { entryId: 9_999_999, reason: 'missing', effectiveDate: on }, code: 'not_found' },
      { input: { entryId: original.entryId, reason: '  ', effectiveDate: on }, code: 'invalid' },
    ];
    for (const c of cases) {
      const r = await reverse(c.input);
      assert.equal(r.ok ? 'ok' : r.code, c.code);
    }
  });

  it('lets only one of two racing reversals of one entry through', async () => {
    const original = expectOk(await post('bill:r5', 35, 800));
    const results = await Promise.all([
      reverse({ entryId: original.entryId, reason: 'a', effectiveDate: on }),
      reverse({ entryId: original.entryId, reason: 'b', effectiveDate: on }),
    ]);
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.code)).sort(), ['already_reversed', 'ok']);
  });
});
