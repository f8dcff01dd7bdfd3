import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { bill, rawEntrySql, rawLineSql, testCtx } from './ledger-test-support.ts';
import { postEntry } from './post-entry.ts';
import { reverseEntry } from './reverse-entry.ts';
import { formatVerifyReport, verifyLedger } from './verify-ledger.ts';

const allChecks = [
  'entries_balance',
  'lines_one_sided',
  'subledger_lines_name_account',
  'subledger_equals_control',
  'reversal_targets',
  'reversals_mirror_originals',
  'no_orphan_lines',
  'trial_balance',
];

describeEngines('ledger: verifyLedger on a clean ledger', (t) => {
  it('passes every check on an empty ledger and after postings and reversals', async () => {
    const empty = await verifyLedger(t.db.pool);
    assert.equal(empty.ok, true);
    assert.deepEqual(
      empty.checks.map((c) => c.name),
      allChecks,
    );
    const a = expectOk(
      await inTransaction(t.db, (tx) => postEntry(tx, bill('bill:v1', 51, 900), testCtx)),
    );
    expectOk(await inTransaction(t.db, (tx) => postEntry(tx, bill('bill:v2', 52, 300), testCtx)));
    expectOk(
      await inTransaction(t.db, (tx) =>
        reverseEntry(
          tx,
          { entryId: a.entryId, reason: 'test', effectiveDate: localDate('2026-11-25') },
          testCtx,
        ),
      ),
    );
    const result = await verifyLedger(t.db.pool);
    assert.equal(result.ok, true, formatVerifyReport(result));
    assert.match(formatVerifyReport(result), /all 8 checks passed/);
  });
});

/**
 * Corruption the database would refuse, written with triggers off: a superuser session in
 * `session_replication_role = replica` skips triggers, including the deferred balance check
 * and the foreign keys (CHECK constraints and unique indexes still hold). This is how a
 * careless restore or a replica promoted by hand could corrupt a ledger.
 */
describeEngines('ledger: verifyLedger on a corrupted ledger', (t) => {
  it('reports each kind of corruption by name and fails', async () => {
    const good = expectOk(
      await inTransaction(t.db, (tx) => postEntry(tx, bill('bill:c1', 61, 1_000), testCtx)),
    );
    // A refused duplicate still draws an id, so `good.entryId + 1` names no entry.
    const dup = await inTransaction(t.db, (tx) =>
      postEntry(tx, bill('bill:c1', 61, 1_000), testCtx),
    );
    assert.equal(dup.ok, false);
    const missing = good.entryId + 1;
    const client = await t.db.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      for (const sql of [
        // one unbalanced entry, whose receivable line names no customer and lies about the flag
        rawEntrySql('raw:corrupt'),
        rawLineSql('raw:corrupt', {
          no: 1,
          gl: 'receivable:water',
          fund: 'water',
          sub: false,
          account: null,
          debit: 700,
          credit: 0,
        }),
        // a line whose entry does not exist
        `INSERT INTO journal_line (entry_id, line_no, gl_account, fund, has_subledger, account_id,
           debit_cents, credit_cents)
         VALUES (987654, 1, 'cash.bank:water', 'water', false, NULL, 5, 0)`,
        // a reversal of a missing entry and one that does not mirror its original
        `INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date, posted_at, memo,
           actor_kind, actor_name, reverses_entry_id)
         VALUES ('reversal', 'raw:rev-missing', repeat('0', 64), '2026-11-24', now(), 'raw',
                 'system', 'x', ${missing}),
                ('reversal', 'raw:rev-bad', repeat('0', 64), '2026-11-24', now(), 'raw',
                 'system', 'x', ${good.entryId})`,
        rawLineSql('raw:rev-bad', {
          no: 1,
          gl: 'receivable:water',
          fund: 'water',
          sub: true,
          account: 61,
          debit: 0,
          credit: 10,
        }),
        rawLineSql('raw:rev-bad', {
          no: 2,
          gl: 'revenue.service:water',
          fund: 'water',
          sub: false,
          account: null,
          debit: 10,
          credit: 0,
        }),
      ]) {
        await client.query(sql);
      }
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    const result = await verifyLedger(t.db.pool);
    const failed = result.checks.filter((c) => !c.ok).map((c) => c.name);
    assert.equal(result.ok, false);
    assert.deepEqual(failed, [
      'entries_balance',
      'subledger_lines_name_account',
      'subledger_equals_control',
      'reversal_targets',
      'reversals_mirror_originals',
      'no_orphan_lines',
      'trial_balance',
    ]);
    const report = formatVerifyReport(result);
    assert.match(
      report,
      /FAIL {2}subledger_equals_control +1 .*receivable:water: control 1690, sub-ledger 990/,
    );
    assert.match(report, /7 of 8 checks FAILED/);
  });
});
