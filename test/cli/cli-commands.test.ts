import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, enginesUnderTest, type TestDatabase } from '../support/test-db.ts';
import { cisBin } from '../support/cli.ts';

/**
 * The `cis` commands against a real PostgreSQL server through DATABASE_URL — the
 * production path — with their exit codes (sysexits: 64 usage, 65 refused data, 75 conflict).
 */
const bin = await cisBin();

describe(
  'cis commands with DATABASE_URL',
  { skip: !enginesUnderTest().includes('postgres') },
  () => {
    let pg: TestDatabase;
    before(async () => {
      pg = await createTestDatabase('postgres');
    });
    after(async () => pg.dispose());

    const cis = (...args: string[]) =>
      spawnSync(process.execPath, [bin, ...args], {
        env: { ...process.env, DATABASE_URL: pg.url },
        encoding: 'utf8',
      });

    it('migrate reports an up-to-date database', () => {
      const r = cis('migrate');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /up to date/);
    });

    it('user add creates a staff user once and refuses the same name again', async () => {
      const r = cis(
        'user',
        'add',
        '--username',
        'jdoe',
        '--name',
        'Jane Doe',
        '--role',
        'csr1,cashier',
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /created jdoe \(csr1, cashier\)/);
      assert.match(r.stdout, /initial password: \S{12,}/);
      const roles = await pg.db.pool.query(
        `SELECT array_agg(r.role ORDER BY r.role) AS roles FROM staff_user u
         JOIN staff_user_role r ON r.user_id = u.id WHERE u.username = 'jdoe'`,
      );
      assert.deepEqual(roles.rows[0].roles, ['cashier', 'csr1']);
      const again = cis(
        'user',
        'add',
        '--username',
        'jdoe',
        '--name',
        'Jane Doe',
        '--role',
        'csr1',
      );
      assert.equal(again.status, 75);
      assert.match(again.stderr, /username_taken/);
      const badRole = cis('user', 'add', '--username', 'kim', '--name', 'Kim', '--role', 'wizard');
      assert.equal(badRole.status, 64);
      assert.match(badRole.stderr, /unknown role\(s\): wizard/);
    });

    it('demo generates a city into an empty database and refuses a second one without --force', () => {
      const r = cis('demo', '--accounts', '200', '--seed', '3');
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /demo city: 200 accounts/);
      const again = cis('demo', '--accounts', '200');
      assert.equal(again.status, 65);
      assert.match(again.stderr, /already has accounts/);
      const bad = cis('demo', '--accounts', 'lots');
      assert.notEqual(bad.status, 0);
      assert.match(bad.stderr, /positive whole number/);
    });

    it('ledger verify passes on a consistent ledger and exits 1 with a report on a corrupt one', async () => {
      const r = cis('ledger', 'verify');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      // Corrupt it the way a careless restore would: triggers skipped, one unbalanced entry.
      const client = await pg.db.pool.connect();
      try {
        await client.query('SET session_replication_role = replica');
        await client.query(`INSERT INTO journal_entry (kind, source_ref, request_hash, effective_date,
          posted_at, memo, actor_kind, actor_name)
        VALUES ('manual', 'raw:cli', repeat('0', 64), '2026-11-24', now(), 'raw', 'system', 'test')`);
        await client.query(`INSERT INTO journal_line (entry_id, line_no, gl_account, fund,
          has_subledger, account_id, debit_cents, credit_cents)
        SELECT id, 1, 'receivable:water', 'water', true, 1, 700, 0
          FROM journal_entry WHERE source_ref = 'raw:cli'`);
      } finally {
        await client.query('RESET session_replication_role');
        client.release();
      }
      const bad = cis('ledger', 'verify');
      assert.equal(bad.status, 1, bad.stdout + bad.stderr);
      assert.match(bad.stdout, /entries_balance/);
      const json = cis('ledger', 'verify', '--json');
      const report = JSON.parse(json.stdout) as {
        ok: boolean;
        checks: { name: string; ok: boolean }[];
      };
      assert.equal(report.ok, false);
      assert.ok(report.checks.some((c) => c.name === 'entries_balance' && !c.ok));
    });
  },
);
