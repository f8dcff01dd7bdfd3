import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { ok } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { bill, testCtx } from './ledger-test-support.ts';
import { postEntriesOnce } from './post-entries-once.ts';
import type { PostEntryInput } from './types.ts';
import { verifyLedger } from './verify-ledger.ts';

describeEngines('ledger: postEntriesOnce (bulk, once per source)', (t) => {
  for (const copy of [false, true]) {
    if (copy && t.engine !== 'postgres') continue;
    const how = copy ? 'with COPY' : 'with unnest';

    it(`posts every valid entry, skips taken sources and refuses bad ones without failing the rest (${how})`, async () => {
      const p = `once-${copy}`;
      const first = await inTransaction(t.db, async (tx) =>
        ok(await postEntriesOnce(tx, [bill(`${p}:1`, 1, 500)], testCtx, { copy })),
      );
      assert.ok(first.ok && first.value.outcomes[0]!.status === 'posted');
      const unbalanced: PostEntryInput = {
        ...bill(`${p}:3`, 3, 300),
        lines: [bill(`${p}:3`, 3, 300).lines[0]!, { ...bill(`${p}:3`, 3, 299).lines[1]! }],
      };
      const r = await inTransaction(t.db, async (tx) =>
        ok(
          await postEntriesOnce(
            tx,
            [
              bill(`${p}:1`, 1, 500), // taken by the first call
              bill(`${p}:2`, 2, 1_250),
              unbalanced,
              bill(`${p}:2`, 2, 1_250), // repeated in this call
              { ...bill(`${p}:4`, 4, 100), idempotencyKey: 'k' },
            ],
            testCtx,
            { copy },
          ),
        ),
      );
      assert.ok(r.ok);
      assert.deepEqual(
        r.value.outcomes.map((o) => (o.status === 'refused' ? o.code : o.status)),
        ['taken', 'posted', 'unbalanced_entry', 'duplicate_source_ref', 'invalid'],
      );
      // 1,250 = the one entry posted by the second call.
      assert.deepEqual([r.value.posted, r.value.totalCents], [1, 1_250]);
      const lines = await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
          WHERE e.source_ref LIKE $1`,
        [`${p}:%`],
      );
      assert.equal(lines.rows[0]!.n, 4);
      assert.equal((await verifyLedger(t.db.pool)).ok, true);
    });
  }
});
