import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk, ok, type Result } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { listAudit } from '../audit/index.ts';
import { bill, cr, day, dr, testCtx } from './ledger-test-support.ts';
import { postEntry } from './post-entry.ts';
import type { PostEntryInput } from './types.ts';

describeEngines('ledger: postEntry', (t) => {
  const post = (input: PostEntryInput) =>
    inTransaction(t.db, (tx) => postEntry(tx, input, testCtx));
  const entriesWith = async (sourceRef: string): Promise<number> => {
    const r = await t.db.pool.query(
      'SELECT count(*) AS n FROM journal_entry WHERE source_ref = $1',
      [sourceRef],
    );
    return r.rows[0].n;
  };

  it('posts a balanced entry, reads it back and records an audit row', async () => {
    const posted = expectOk(await post(bill('bill:1', 11, 4_275)));
    assert.equal(posted.replayed, false);
    assert.equal(posted.kind, 'bill');
    assert.equal(posted.effectiveDate, day);
    assert.deepEqual(
      posted.lines.map((l) => [
        l.lineNo,
        l.glAccount,
        l.fund,
        l.accountId,
        l.debitCents,
        l.creditCents,
      ]),
      [
        [1, 'receivable:water', 'water', 11, 4_275, 0],
        [2, 'revenue.service:water', 'water', null, 0, 4_275],
      ],
    );
    const audit = await inTransaction(t.db, async (tx) =>
      ok(await listAudit(tx, { entityType: 'journal_entry', entityId: posted.entryId })),
    );
    assert.equal(expectOk(audit).length, 1);
    assert.equal(expectOk(audit)[0]?.action, 'ledger.entry_posted');
  });

  it('returns the first result for a repeated key and posts nothing more', async () => {
    const input = { ...bill('bill:2', 12, 1_000), idempotencyKey: 'key-2' };
    const first = expectOk(await post(input));
    const again = expectOk(await post(input));
    assert.equal(again.replayed, true);
    assert.deepEqual({ ...again, replayed: false }, first);
    assert.equal(await entriesWith('bill:2'), 1);
  });

  it('answers idempotency_key_reused for the same key with a different payload', async () => {
    expectOk(await post({ ...bill('bill:3', 13, 1_000), idempotencyKey: 'key-3' }));
    const changed = await post({ ...bill('bill:3', 13, 1_001), idempotencyKey: 'key-3' });
    assert.equal(changed.ok ? 'ok' : changed.code, 'idempotency_key_reused');
    const otherSource = await post({ ...bill('bill:3b', 13, 1_000), idempotencyKey: 'key-3' });
    assert.equal(otherSource.ok ? 'ok' : otherSource.code, 'idempotency_key_reused');
    assert.equal(await entriesWith('bill:3b'), 0);
  });

  it('answers duplicate_source_ref for a second entry on one source', async () => {
    expectOk(await post(bill('bill:4', 14, 700)));
    const second = await post(bill('bill:4', 14, 700));
    assert.equal(second.ok ? 'ok' : second.code, 'duplicate_source_ref');
    const withKey = await post({ ...bill('bill:4', 14, 700), idempotencyKey: 'key-4' });
    assert.equal(withKey.ok ? 'ok' : withKey.code, 'duplicate_source_ref');
    assert.equal(await entriesWith('bill:4'), 1);
  });

  const refused: readonly { name: string; input: PostEntryInput; code: string }[] = [
    {
      name: 'debits ≠ credits',
      input: {
        ...bill('bad:1', 1, 100),
        lines: [dr('receivable:water', 100, 1), cr('revenue.service:water', 99)],
      },
      code: 'unbalanced_entry',
    },
    {
      name: 'an unknown GL account',
      input: {
        ...bill('bad:2', 1, 100),
        lines: [dr('receivable:water', 100, 1), cr('revenue.nope:water', 100)],
      },
      code: 'unknown_gl_account',
    },
    {
      name: 'a receivable line without a customer account',
      input: {
        ...bill('bad:3', 1, 100),
        lines: [dr('receivable:water', 100), cr('revenue.service:water', 100)],
      },
      code: 'invalid',
    },
    {
      name: 'a revenue line with a customer account',
      input: {
        ...bill('bad:4', 1, 100),
        lines: [dr('receivable:water', 100, 1), cr('revenue.service:water', 100, 1)],
      },
      code: 'invalid',
    },
    {
      name: 'a single line',
      input: { ...bill('bad:5', 1, 100), lines: [dr('receivable:water', 100, 1)] },
      code: 'invalid',
    },
    {
      name: 'a zero line',
      input: { ...bill('bad:6', 1, 0) },
      code: 'invalid',
    },
    {
      name: 'a kind of reversal',
      input: { ...bill('bad:7', 1, 100), kind: 'reversal' },
      code: 'invalid',
    },
  ];
  for (const c of refused) {
    it(`refuses ${c.name} with ${c.code} and writes nothing`, async () => {
      const r: Result<unknown> = await post(c.input);
      assert.equal(r.ok ? 'ok' : r.code, c.code);
      assert.equal(await entriesWith(c.input.sourceRef), 0);
    });
  }

  it('follows chart changes made after the chart was cached (added, deactivated, back)', async () => {
    expectOk(await post(bill('chart:warm', 31, 100))); // the chart is cached now
    await t.db.pool.query(
      `INSERT INTO gl_account (code, name, type, fund, normal_balance)
       VALUES ('revenue.chart_test:water', 'Chart cache test', 'revenue', 'water', 'credit')`,
    );
    const entry = (sourceRef: string): PostEntryInput => ({
      ...bill(sourceRef, 31, 100),
      lines: [dr('receivable:water', 100, 31), cr('revenue.chart_test:water', 100)],
    });
    expectOk(await post(entry('chart:added')));
    await t.db.pool.query(
      "UPDATE gl_account SET active = false WHERE code = 'revenue.chart_test:water'",
    );
    const inactive = await post(entry('chart:inactive'));
    assert.equal(inactive.ok ? 'ok' : inactive.code, 'unknown_gl_account');
    assert.equal(await entriesWith('chart:inactive'), 0);
    await t.db.pool.query(
      "UPDATE gl_account SET active = true WHERE code = 'revenue.chart_test:water'",
    );
    expectOk(await post(entry('chart:active-again')));
  });

  it('posts once when two transactions race with one key', async () => {
    const input = { ...bill('bill:race', 21, 2_500), idempotencyKey: 'key-race' };
    const results = await Promise.all([post(input), post(input)]);
    const posted = results.map((r) => expectOk(r));
    assert.deepEqual(posted.map((p) => p.replayed).sort(), [false, true]);
    assert.equal(posted[0]?.entryId, posted[1]?.entryId);
    assert.equal(await entriesWith('bill:race'), 1);
  });

  it('the loser of a race waits for the winner and returns its result or a conflict', async () => {
    // The first transaction holds its uncommitted insert while the second one tries the
    // same key; the second must wait on the unique index, then see the winner (PostgreSQL).
    // On PGlite the second simply waits for the single connection: same outcome.
    const input = { ...bill('bill:held', 22, 3_000), idempotencyKey: 'key-held' };
    const changed = { ...bill('bill:held-2', 22, 3_001), idempotencyKey: 'key-held' };
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted = (): void => undefined;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const winner = inTransaction(t.db, async (tx) => {
      const r = await postEntry(tx, input, testCtx);
      inserted();
      await gate;
      return r;
    });
    await insertedSignal;
    const sameLoser = post(input);
    const changedLoser = post(changed);
    setTimeout(release, 150);
    const [w, same, other] = await Promise.all([winner, sameLoser, changedLoser]);
    assert.equal(expectOk(w).replayed, false);
    assert.equal(expectOk(same).replayed, true);
    assert.equal(expectOk(same).entryId, expectOk(w).entryId);
    assert.equal(other.ok ? 'ok' : other.code, 'idempotency_key_reused');
  });
});
