import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../test/support/test-db.ts';
import { err, ok } from '../core/result.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { copyRows } from './copy-rows.ts';
import { inTransaction } from './transaction.ts';

describeEngines('database', (t) => {
  it('migrations are all applied and re-running them applies nothing', async () => {
    const again = await migrate(t.db);
    assert.deepEqual(again, []);
    const r = await t.db.pool.query('SELECT count(*) AS n FROM schema_migration');
    assert.equal(r.rows[0].n, loadMigrations().length);
  });

  it('int8 is a safe integer number and date stays a calendar string', async () => {
    const r = await t.db.pool.query("SELECT 42::int8 AS n, '2026-03-01'::date AS d");
    assert.deepEqual(r.rows[0], { n: 42, d: '2026-03-01' });
    await assert.rejects(t.db.pool.query('SELECT 9007199254740993::int8 AS n'), /beyond 2\^53/);
  });

  it('an error result rolls the transaction back; an ok result commits', async () => {
    await t.db.pool.query('CREATE TABLE tx_probe (v int)');
    const failed = await inTransaction(t.db, async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (1)');
      return err('invalid');
    });
    assert.equal(failed.ok, false);
    await inTransaction(t.db, async (tx) => {
      await tx.query('INSERT INTO tx_probe VALUES (2)');
      return ok(null);
    });
    await inTransaction(
      t.db,
      async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (3)');
        return ok(null);
      },
      { dryRun: true },
    );
    const r = await t.db.pool.query('SELECT array_agg(v) AS vs FROM tx_probe');
    assert.deepEqual(r.rows[0].vs, [2]);
  });

  it('COPY writes in the transaction on both engines: escaped text, nulls, and rolled back with it', async () => {
    await t.db.pool.query('CREATE TABLE copy_probe (n int8, t text, j jsonb)');
    const rows = [
      [1, 'tab\there, back\\slash, line\nbreak', '{"a": "b\\"c"}'],
      [2, null, null],
    ];
    const kept = await inTransaction(t.db, async (tx) => {
      await copyRows(tx, 'copy_probe', ['n', 't', 'j'], rows);
      const seen = await tx.query('SELECT count(*)::int AS n FROM copy_probe');
      return ok(seen.rows[0]!.n as number);
    });
    assert.deepEqual(kept, { ok: true, value: 2 });
    const dropped = await inTransaction(t.db, async (tx) => {
      await copyRows(tx, 'copy_probe', ['n', 't', 'j'], [[3, 'x', '{}']]);
      return err('invalid');
    });
    assert.equal(dropped.ok, false);
    const r = await t.db.pool.query('SELECT n, t, j FROM copy_probe ORDER BY n');
    assert.deepEqual(r.rows, [
      { n: 1, t: 'tab\there, back\\slash, line\nbreak', j: { a: 'b"c' } },
      { n: 2, t: null, j: null },
    ]);
    await assert.rejects(
      inTransaction(t.db, async (tx) => {
        await copyRows(tx, 'copy_probe', ['n', 't', 'j'], [['not a number', 'x', '{}']]);
        return ok(null);
      }),
      /invalid input syntax/,
    );
    const after = await t.db.pool.query('SELECT count(*)::int AS n FROM copy_probe');
    assert.equal(after.rows[0].n, 2, 'a failed COPY writes nothing and the session goes on');
  });

  it('COPY carries many rows across chunk boundaries, multi-byte text and a row longer than a chunk', async () => {
    await t.db.pool.query('CREATE TABLE copy_chunks (n int PRIMARY KEY, t text)');
    const text = (n: number) => `fila ${n}: año, niño — 💧 ${'é'.repeat(n % 50)}`;
    const long = `${'ñ💧'.repeat(60_000)}end`; // ≈ 500 KB of UTF-8 in one row
    const rows: [number, string][] = Array.from({ length: 20_000 }, (_, n) => [n, text(n)]);
    rows.splice(7_000, 0, [-1, long]);
    await inTransaction(t.db, async (tx) => {
      await copyRows(tx, 'copy_chunks', ['n', 't'], rows);
      return ok(null);
    });
    const r = await t.db.pool.query<{ n: number; ok: boolean }>(
      `SELECT count(*)::int AS n, bool_and(t = CASE WHEN n < 0 THEN $1 ELSE
         'fila ' || n || ': año, niño — 💧 ' || repeat('é', n % 50) END) AS ok FROM copy_chunks`,
      [long],
    );
    assert.deepEqual(r.rows[0], { n: 20_001, ok: true });
  });

  it('COPY queued beside other statements on the same client runs in its turn (pipelined writers, both engines)', async () => {
    // The remittance import queues a page's payment COPY while the next page's statements go
    // out on the same client. On PGlite a COPY run beside the client's queue landed between
    // a statement's Bind and Execute ("portal \"\" does not exist").
    await t.db.pool.query('CREATE TABLE copy_queue (n int PRIMARY KEY, t text)');
    const r = await inTransaction(t.db, async (tx) => {
      const before = tx.query<{ n: number }>('SELECT $1::int AS n', [1]);
      const copied = copyRows(
        tx,
        'copy_queue',
        ['n', 't'],
        [
          [1, 'a'],
          [2, 'b'],
        ],
      );
      const after = tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM copy_queue WHERE n > $1',
        [0],
      );
      const more = copyRows(tx, 'copy_queue', ['n', 't'], [[3, 'c']]);
      const last = tx.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM copy_queue WHERE n > $1',
        [0],
      );
      await copied;
      await more;
      return ok([(await before).rows[0]!.n, (await after).rows[0]!.n, (await last).rows[0]!.n]);
    });
    // Each statement sees exactly the COPYs queued before it.
    assert.deepEqual(r, ok([1, 2, 3]));
    // A failing COPY in the queue rejects, and the statement queued behind it reports the
    // aborted transaction, not a lost portal.
    const outcomes: string[] = [];
    const settle = (p: Promise<unknown>): Promise<void> =>
      p.then(
        () => void outcomes.push('ok'),
        (e: Error) => void outcomes.push(e.message),
      );
    await inTransaction(t.db, async (tx) => {
      const bad = settle(copyRows(tx, 'copy_queue', ['n', 't'], [[1, 'duplicate']]));
      const behind = settle(tx.query('SELECT $1::int AS n', [1]));
      await bad;
      await behind;
      return ok(null);
    }).catch(() => undefined);
    assert.equal(outcomes.length, 2);
    assert.match(outcomes[0]!, /duplicate key/);
    assert.match(outcomes[1]!, /current transaction is aborted/);
    const n = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_queue');
    assert.equal(n.rows[0]!.n, 3);
  });

  it('a failed statement on the pool leaves the connection usable', async () => {
    await t.db.pool.query('CREATE TABLE fail_probe (v int CHECK (v > 0))');
    await assert.rejects(t.db.pool.query('INSERT INTO fail_probe VALUES (-1)'), /check constraint/);
    const r = await t.db.pool.query('SELECT 1 AS x');
    assert.deepEqual(r.rows, [{ x: 1 }]);
    const again = await t.db.pool.query('SELECT 2 AS x');
    assert.deepEqual(again.rows, [{ x: 2 }]);
  });

  it('the audit log refuses UPDATE and DELETE', async () => {
    await t.db.pool.query(
      `INSERT INTO audit_log (at, actor_kind, actor_name, action, entity_type, entity_id)
       VALUES (now(), 'system', 'test', 'probe', 'probe', '1')`,
    );
    await assert.rejects(t.db.pool.query("UPDATE audit_log SET action = 'x'"), /append-only/);
    await assert.rejects(t.db.pool.query('DELETE FROM audit_log'), /append-only/);
  });
});
