import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import {
  bill,
  rawEntrySql,
  rawLineSql,
  rawLinesSql,
  rawTransaction,
  testCtx,
} from './ledger-test-support.ts';
import { postEntry } from './post-entry.ts';

/** What the database refuses by itself, whoever writes the SQL (issue 2 item 4). */
describeEngines('ledger: the database guards the journal', (t) => {
  const water = { gl: 'receivable:water', fund: 'water', sub: true, account: 7 };
  const revenue = { gl: 'revenue.service:water', fund: 'water', sub: false, account: null };

  it('refuses an entry whose debits and credits differ', async () => {
    await assert.rejects(
      rawTransaction(t.db, [
        rawEntrySql('raw:unbalanced'),
        rawLinesSql('raw:unbalanced', [
          { ...water, no: 1, debit: 1000, credit: 0 },
          { ...revenue, no: 2, debit: 0, credit: 999 },
        ]),
      ]),
      /does not balance/,
    );
    const r = await t.db.pool.query(
      "SELECT count(*) AS n FROM journal_entry WHERE source_ref = 'raw:unbalanced'",
    );
    assert.equal(r.rows[0].n, 0);
  });

  it('refuses an entry with one line, and at COMMIT one with none', async () => {
    await assert.rejects(
      rawTransaction(t.db, [
        rawEntrySql('raw:one-line'),
        rawLineSql('raw:one-line', { ...water, no: 1, debit: 1000, credit: 0 }),
      ]),
      /does not balance/,
    );
    await assert.rejects(rawTransaction(t.db, [rawEntrySql('raw:no-lines')]), /does not balance/);
  });

  it('accepts a balanced entry whose lines arrive in one statement', async () => {
    await rawTransaction(t.db, [
      rawEntrySql('raw:balanced'),
      rawLinesSql('raw:balanced', [
        { ...water, no: 1, debit: 1000, credit: 0 },
        { ...revenue, no: 2, debit: 0, credit: 1000 },
      ]),
    ]);
  });

  it('refuses the lines of one entry split over two statements of one transaction', async () => {
    await assert.rejects(
      rawTransaction(t.db, [
        rawEntrySql('raw:split'),
        rawLineSql('raw:split', { ...water, no: 1, debit: 1000, credit: 0 }),
        rawLineSql('raw:split', { ...revenue, no: 2, debit: 0, credit: 1000 }),
      ]),
      /does not balance/,
    );
  });

  it('refuses later lines on an entry already committed, even balanced ones', async () => {
    await assert.rejects(
      rawTransaction(t.db, [
        rawLinesSql('raw:balanced', [
          { ...water, no: 3, debit: 5, credit: 0 },
          { ...revenue, no: 4, debit: 0, credit: 5 },
        ]),
      ]),
      /does not balance/,
    );
    await assert.rejects(
      rawTransaction(t.db, [
        rawLineSql('raw:balanced', { ...revenue, no: 3, debit: 0, credit: 5 }),
      ]),
      /does not balance/,
    );
  });

  it('refuses lines not numbered 1..n and lines of an entry that does not exist', async () => {
    await assert.rejects(
      rawTransaction(t.db, [
        rawEntrySql('raw:numbered-from-2'),
        rawLinesSql('raw:numbered-from-2', [
          { ...water, no: 2, debit: 1000, credit: 0 },
          { ...revenue, no: 3, debit: 0, credit: 1000 },
        ]),
      ]),
      /does not balance/,
    );
    await assert.rejects(
      rawTransaction(t.db, [
        `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger, account_id,
           debit_cents, credit_cents)
         VALUES (987654, 1, 'receivable:water', 'water', true, 7, 5, 0),
                (987654, 2, 'revenue.service:water', 'water', false, NULL, 0, 5)`,
      ]),
      /journal_line_entry/,
    );
  });

  it('refuses deleting or re-keying a GL account', async () => {
    for (const sql of [
      "DELETE FROM gl_account WHERE code = 'revenue.misc:general'",
      "UPDATE gl_account SET code = 'revenue.other:general' WHERE code = 'revenue.misc:general'",
    ]) {
      await assert.rejects(t.db.pool.query(sql), /append-only/, sql);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE of journal rows', async () => {
    expectOk(await inTransaction(t.db, (tx) => postEntry(tx, bill('db:bill-1', 7, 500), testCtx)));
    const refused = [
      "UPDATE journal_line SET debit_cents = debit_cents + 1 WHERE gl_account = 'receivable:water'",
      "UPDATE journal_entry SET memo = 'edited'",
      'DELETE FROM journal_line',
      'DELETE FROM journal_entry',
      'TRUNCATE journal_line',
      'TRUNCATE journal_entry CASCADE',
    ];
    for (const sql of refused) {
      await assert.rejects(t.db.pool.query(sql), /append-only/, sql);
    }
    const r = await t.db.pool.query(
      "SELECT count(*) AS n FROM journal_entry WHERE memo = 'edited'",
    );
    assert.equal(r.rows[0].n, 0);
  });

  it('refuses a receivable line without an account id and a revenue line with one', async () => {
    const cases = [
      { ...water, account: null },
      { ...water, sub: false, account: null }, // lying about the sub-ledger flag
      { ...revenue, account: 7 },
      { ...revenue, fund: 'general' }, // a fund that is not the account's
      { ...water, debit: 0, credit: 0 },
      { ...water, debit: 5, credit: 5 },
      { ...water, debit: -5, credit: 0 },
    ];
    for (const [i, c] of cases.entries()) {
      const ref = `raw:bad-line-${i}`;
      await assert.rejects(
        rawTransaction(t.db, [
          rawEntrySql(ref),
          rawLinesSql(ref, [
            { debit: 100, credit: 0, ...c, no: 1 },
            { ...revenue, no: 2, debit: 0, credit: 100 },
          ]),
        ]),
        /violates/,
        JSON.stringify(c),
      );
    }
  });

  it('refuses a reversal without its original and a second reversal of one entry', async () => {
    await assert.rejects(
      rawTransaction(t.db, [rawEntrySql('raw:reversal-of-nothing', 'reversal')]),
      /violates check constraint/,
    );
    const reversal = (ref: string) => [
      `INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date, posted_at, memo,
         actor_kind, actor_name, reverses_entry_id)
       SELECT 'reversal', '${ref}', repeat('0', 64), '2026-11-24', now(), 'raw', 'system',
              'test', id
         FROM journal_entry WHERE source_ref = 'raw:balanced'`,
      rawLinesSql(ref, [
        { ...water, no: 1, debit: 0, credit: 1000 },
        { ...revenue, no: 2, debit: 1000, credit: 0 },
      ]),
    ];
    await rawTransaction(t.db, reversal('raw:reversal-1'));
    await assert.rejects(
      rawTransaction(t.db, reversal('raw:reversal-2')),
      /journal_entry_reverses/,
    );
  });

  it('accepts only a 64-character lower-case hex request hash (0107)', async () => {
    const insert = (ref: string, hash: string) =>
      t.db.pool.query(
        `INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date, posted_at, memo,
           actor_kind, actor_name)
         VALUES ('adjustment', $1, $2, '2026-11-24', now(), 'raw', 'system', 'test')`,
        [ref, hash],
      );
    const bad = ['a'.repeat(63), 'a'.repeat(65), 'A'.repeat(64), `${'a'.repeat(63)}g`, ''];
    for (const [i, hash] of bad.entries()) {
      await assert.rejects(insert(`raw:hash-${i}`, hash), /journal_entry_request_hash_check/);
    }
    // A good hash passes the check (and then the commit-time balance check refuses the
    // entry without lines, which is the next guard, not this one).
    await assert.rejects(insert('raw:hash-ok', '0123456789abcdef'.repeat(4)), /does not balance/);
  });
});
