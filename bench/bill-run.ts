import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { localDate } from '../src/core/dates.ts';
import type { Database, Engine } from '../src/db/index.ts';
import { systemActor } from '../src/modules/audit/index.ts';
import { runBillRun } from '../src/modules/billing/index.ts';
import { backendCpu, backendCpuSince, cpuOfPid } from './cpu.ts';

/**
 * The bill run (BIL-4 acceptance) over the demo city already in `db`: every cycle 1–16 as
 * of 2026-11-30, one month after a prior bill. Targets: ≥ 10,000 accounts/s on PostgreSQL
 * (1,000,000 accounts in ≤ 100 s), ≥ 2,500/s on PGlite at 100,000, memory flat as N grows,
 * and — PostgreSQL — the run ≤ 2× the time COPY
 * takes to write the same output rows (bills, bill lines, journal entries and lines, run
 * items) into fresh copies of the same tables (`LIKE … INCLUDING ALL`: columns, checks,
 * identity, unique and other indexes; no foreign keys, no triggers); and into the real tables. The rows are exported
 * to files first, so only `COPY … FROM STDIN` is timed. Besides wall time, CPU seconds: the
 * run's node process and its server backends (read from /proc: a local server) against the
 * COPY backend's, since on a shared 2-core machine wall time follows the machine's load.
 *
 * Memory: RSS and heapUsed sampled after every page (`bill_run_rss_peak`, `bill_run_heap_peak`)
 * include garbage V8 has not collected yet (under `--max-old-space-size=1200` it lets more pile
 * up in longer runs). With `node --expose-gc` (npm run bench) a full GC runs before the run —
 * so what the demo generation left is not counted (`bill_run_rss_before` is still the process's
 * RSS, mostly the generation's when it ran in this process; `--from-database` avoids that) — and
 * after every cycle: `bill_run_heap_before` and `bill_run_heap_retained_first|max|last` (heap
 * after GC) show what the run retains; flat means O(page), not O(N). The collections' time is
 * taken out of the run's time and CPU. `BENCH_GC_EVERY_PAGE=1` also collects after every page
 * (`bill_run_heap_live_peak`: the most the run holds at once; slows the run), and
 * `BENCH_HEAP_SNAPSHOTS=DIR` writes heap snapshots before and after the runs.
 *
 * Fixture (not timed; bench only, written straight into the metering and billing tables the
 * way a conversion would; each step only where the demo city has not made the rows): a meter
 * with one register per active metered agreement, an initial read on 2026-10-31 and an
 * accepted read on 2026-11-30, and a prior issued bill ending 2026-10-31 per account, so
 * each bill covers about one month.
 */
export type BillRunMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

const asOf = localDate('2026-11-30');
const outputTables = ['bill', 'bill_line', 'journal_entry', 'journal_line', 'bill_run_item'];

export async function benchBillRun(db: Database, engine: Engine): Promise<BillRunMetric[]> {
  await prepareFixture(db);
  const m = (name: string, value: number, unit: string): BillRunMetric => ({
    name,
    value,
    unit,
    engine,
  });
  // With `node --expose-gc` (npm run bench): a full collection before the run, so what the
  // demo generation left as garbage is not counted, and after every cycle, so the heap a
  // cycle leaves behind (retained, not garbage V8 has not yet collected) is measured.
  const gc = (globalThis as { gc?: () => void }).gc;
  const snapshots = process.env.BENCH_HEAP_SNAPSHOTS;
  gc?.();
  if (snapshots)
    console.log(`heap snapshot ${writeHeapSnapshot(join(snapshots, 'before.heapsnapshot'))}`);
  const memory = { rss: 0, heap: 0, live: 0 };
  const gcTime = { seconds: 0, cpu: 0 }; // forced collections, not the run's time
  const everyPage = gc !== undefined && process.env.BENCH_GC_EVERY_PAGE === '1';
  const sample = () => {
    const u = process.memoryUsage();
    memory.rss = Math.max(memory.rss, u.rss);
    memory.heap = Math.max(memory.heap, u.heapUsed);
    if (everyPage) {
      const [g0, c0] = [performance.now(), process.cpuUsage()];
      gc();
      const live = process.memoryUsage().heapUsed;
      memory.live = Math.max(memory.live, live);
      livePerCycle[livePerCycle.length - 1] = Math.max(livePerCycle.at(-1) ?? 0, live);
      const c = process.cpuUsage(c0);
      gcTime.seconds += (performance.now() - g0) / 1000;
      gcTime.cpu += (c.user + c.system) / 1e6;
    }
  };
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const retained: number[] = []; // heapUsed after a full GC at the end of each cycle
  const livePerCycle: number[] = []; // BENCH_GC_EVERY_PAGE: the most after a GC within a cycle
  const runIds: number[] = [];
  let accounts = 0;
  let billed = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const pg0 = await backendCpu(db);
  for (let cycle = 1; cycle <= 16; cycle++) {
    const ctx = { actor: systemActor('bench'), now: new Date(), clock: () => new Date() };
    livePerCycle.push(0);
    const r = await runBillRun(db, { cycle, asOf }, { ...ctx, onProgress: sample });
    if (!r.ok) throw new Error(`bill run of cycle ${cycle}: ${r.code}`);
    runIds.push(r.value.runId!);
    accounts += r.value.accounts;
    billed += r.value.billed;
    if (gc) {
      // Not the run's time: the collection's wall and CPU time are taken out below.
      const [g0, c0] = [performance.now(), process.cpuUsage()];
      gc();
      retained.push(process.memoryUsage().heapUsed);
      const c = process.cpuUsage(c0);
      gcTime.seconds += (performance.now() - g0) / 1000;
      gcTime.cpu += (c.user + c.system) / 1e6;
    }
  }
  const seconds = (performance.now() - t0) / 1000 - gcTime.seconds;
  if (snapshots)
    console.log(`heap snapshot ${writeHeapSnapshot(join(snapshots, 'after.heapsnapshot'))}`);
  if (gc) console.log(`bill-run bench: heap after GC per cycle ${retained.map(mb).join(' ')} MB`);
  if (everyPage) {
    console.log(`bill-run bench: live heap peak per cycle ${livePerCycle.map(mb).join(' ')} MB`);
  }
  const cpu = process.cpuUsage(cpu0);
  const nodeCpu = (cpu.user + cpu.system) / 1e6 - gcTime.cpu;
  const pgCpu = await backendCpuSince(db, pg0);
  const rows = await outputRowCount(db, runIds);
  const metrics = [
    m('bill_run_rate', Math.round(accounts / seconds), 'accounts/s'),
    m('bill_run_time', round(seconds, 1), 's'),
    m('bill_run_accounts', accounts, 'accounts'),
    m('bill_run_billed', billed, 'bills'),
    m('bill_run_output_rows', rows, 'rows'),
    m('bill_run_rss_before', mb(rssBefore), 'MB'),
    m('bill_run_rss_peak', mb(memory.rss), 'MB'),
    m('bill_run_heap_peak', mb(memory.heap), 'MB'),
    ...(gc === undefined
      ? []
      : [
          m('bill_run_heap_before', mb(heapBefore), 'MB'),
          m('bill_run_heap_retained_first', mb(retained[0]!), 'MB'),
          m('bill_run_heap_retained_max', mb(Math.max(...retained)), 'MB'),
          m('bill_run_heap_retained_last', mb(retained.at(-1)!), 'MB'),
          ...(everyPage ? [m('bill_run_heap_live_peak', mb(memory.live), 'MB')] : []),
        ]),
    m('bill_run_node_cpu', round(nodeCpu, 1), 'CPU s'),
    ...(pgCpu === null ? [] : [m('bill_run_server_cpu', round(pgCpu, 1), 'CPU s')]),
    m('bill_run_cpu_rate', Math.round(accounts / (nodeCpu + (pgCpu ?? 0))), 'accounts/CPU s'),
  ];
  console.log(`bill-run bench: ${metrics.map((x) => `${x.name} ${x.value} ${x.unit}`).join(', ')}`);
  if (engine !== 'postgres') return metrics;
  const copySeconds = await timeCopy(db, runIds);
  const same = await timeCopyIntoSameTables(db, runIds);
  const sameSeconds = same.seconds;
  return [
    ...metrics,
    m('bill_run_copy_time', round(copySeconds, 1), 's'),
    m('bill_run_copy_rate', Math.round(rows / copySeconds), 'rows/s'),
    m('bill_run_copy_ratio', round(seconds / copySeconds, 2), '× COPY'),
    m('bill_run_copy_same_tables_time', round(sameSeconds, 1), 's'),
    m('bill_run_copy_same_tables_ratio', round(seconds / sameSeconds, 2), '× COPY'),
    m('bill_run_copy_same_tables_cpu', round(same.cpu, 1), 'CPU s'),
    // Wall time on a shared 2-core machine swings with its load; CPU seconds (the run's node
    // process + its server backends vs the COPY's backend) do much less.
    m(
      'bill_run_copy_same_tables_cpu_ratio',
      round((nodeCpu + (pgCpu ?? 0)) / same.cpu, 2),
      '× COPY CPU',
    ),
  ];
}

async function prepareFixture(db: Database): Promise<void> {
  const q = (sql: string) => db.pool.query(sql);
  await q(`INSERT INTO meter (premise_id, meter_number, service, size, status, installed_on,
             created_at)
           SELECT DISTINCT ON (sa.meter_number) sa.premise_id, sa.meter_number, sa.service,
                  sa.meter_size, 'installed', date '2026-01-01', now()
             FROM service_agreement sa
            WHERE sa.status = 'active' AND sa.meter_number IS NOT NULL
              AND sa.service IN ('electric', 'gas', 'water', 'irrigation', 'hydrant')
            ORDER BY sa.meter_number, sa.id
           ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO register (meter_id, premise_id, kind, dials)
           SELECT id, premise_id, CASE service WHEN 'electric' THEN 'kwh'
                  WHEN 'gas' THEN 'therm' ELSE 'gallon' END, 8 FROM meter
           ON CONFLICT DO NOTHING`);
  await q(`INSERT INTO meter_read (register_id, premise_id, read_date, value, source, kind,
             status, created_at)
           SELECT id, premise_id, date '2026-10-31', 1000, 'import', 'initial', 'accepted', now()
             FROM register rg
            WHERE NOT EXISTS (SELECT 1 FROM meter_read mr WHERE mr.register_id = rg.id)`);
  await q(`INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days,
             usage, source, kind, status, created_at)
           SELECT id, premise_id, date '2026-11-30', 1000 + u, u, 30, u, 'import', 'regular',
                  'accepted', now()
             FROM (SELECT id, premise_id, CASE kind
                            WHEN 'kwh' THEN 300 + abs(hashint4(id::int)) % 1200
                            WHEN 'therm' THEN 10 + abs(hashint4(id::int)) % 50
                            ELSE 2000 + abs(hashint4(id::int)) % 12000 END AS u
                     FROM register rg
                    WHERE NOT EXISTS (SELECT 1 FROM meter_read mr WHERE mr.register_id = rg.id
                                         AND mr.read_date > date '2026-10-31')) r`);
  await q(`INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date,
             total_cents, status, created_at)
           SELECT DISTINCT account_id, date '2026-10-01', date '2026-10-31', date '2026-10-31',
                  date '2026-11-21', 0, 'issued', now()
             FROM service_agreement sa WHERE status = 'active'
              AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.account_id = sa.account_id)`);
  await q('ANALYZE');
}

/** The output rows of the runs, per table (what COPY writes again). */
function outputQueries(runIds: readonly number[]): Record<string, string> {
  const runs = `(${runIds.join(',')})`;
  const bills = `SELECT id, journal_entry_id FROM bill WHERE run_id IN ${runs}`;
  return {
    bill: `SELECT * FROM bill WHERE run_id IN ${runs}`,
    bill_line: `SELECT l.* FROM bill_line l JOIN (${bills}) b ON b.id = l.bill_id`,
    journal_entry: `SELECT e.* FROM journal_entry e JOIN (${bills}) b ON b.journal_entry_id = e.id`,
    journal_line: `SELECT l.* FROM journal_line l JOIN (${bills}) b ON b.journal_entry_id = l.entry_id`,
    bill_run_item: `SELECT * FROM bill_run_item WHERE run_id IN ${runs}`,
  };
}

async function outputRowCount(db: Database, runIds: readonly number[]): Promise<number> {
  let n = 0;
  for (const sql of Object.values(outputQueries(runIds))) {
    const r = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`);
    n += Number(r.rows[0]!.n);
  }
  return n;
}

/** Exports the output rows to files, then times COPY FROM STDIN into fresh table copies. */
async function timeCopy(db: Database, runIds: readonly number[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'cis-bench-copy-'));
  const client = await db.pool.connect();
  try {
    await client.query('SET statement_timeout = 0'); // a big COPY outlasts the pool's limit
    const queries = outputQueries(runIds);
    for (const t of outputTables) {
      await client.query(`CREATE TABLE copy_${t} (LIKE ${t} INCLUDING ALL)`);
      const out = client.query(copyTo(`COPY (${queries[t]}) TO STDOUT`));
      await pipeline(out, createWriteStream(join(dir, t)));
    }
    const t0 = performance.now();
    for (const t of outputTables) {
      const input = client.query(copyFrom(`COPY copy_${t} FROM STDIN`));
      await pipeline(createReadStream(join(dir, t)), input);
    }
    const seconds = (performance.now() - t0) / 1000;
    const bytes = outputTables.reduce((s, t) => s + statSync(join(dir, t)).size, 0);
    console.log(`bill-run bench: COPY of ${mb(bytes)} MB in ${round(seconds, 2)} s`);
    return seconds;
  } finally {
    for (const t of outputTables) await client.query(`DROP TABLE IF EXISTS copy_${t}`);
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same rows COPYed into the real tables — their unique indexes, the statement-level
 * reference and balance checks (migrations 0013, 0083) and the ledger's deferred per-entry
 * check all firing (`SET CONSTRAINTS ALL IMMEDIATE` before the clock stops) — with ids shifted past the existing ones, `:copy` appended to source
 * references and a day added to period ends so nothing collides; then rolled back.
 */
async function timeCopyIntoSameTables(
  db: Database,
  runIds: readonly number[],
): Promise<{ seconds: number; cpu: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cis-bench-copy-same-'));
  const client = await db.pool.connect();
  try {
    await client.query('SET statement_timeout = 0'); // a big COPY outlasts the pool's limit
    const max = async (t: string) =>
      Number(
        (await client.query<{ m: string }>(`SELECT coalesce(max(id), 0) AS m FROM ${t}`)).rows[0]!
          .m,
      );
    const [e, b, l, r] = [
      await max('journal_entry'),
      await max('bill'),
      await max('bill_line'),
      await max('bill_run'),
    ];
    const runs = `(${runIds.join(',')})`;
    const bills = `(SELECT id, journal_entry_id FROM bill WHERE run_id IN ${runs})`;
    const plan: [string, Record<string, string>, string][] = [
      [
        'journal_entry',
        { id: `id + ${e}`, source_ref: "source_ref || ':copy'" },
        `id IN (SELECT journal_entry_id FROM ${bills} x)`,
      ],
      [
        'journal_line',
        { entry_id: `entry_id + ${e}` },
        `entry_id IN (SELECT journal_entry_id FROM ${bills} x)`,
      ],
      [
        'bill',
        {
          id: `id + ${b}`,
          journal_entry_id: `journal_entry_id + ${e}`,
          run_id: `run_id + ${r}`,
          period_end: 'period_end + 1',
        },
        `run_id IN ${runs}`,
      ],
      [
        'bill_line',
        { id: `id + ${l}`, bill_id: `bill_id + ${b}` },
        `bill_id IN (SELECT id FROM ${bills} x)`,
      ],
      [
        'bill_run_item',
        { run_id: `run_id + ${r}`, bill_id: `bill_id + ${b}` },
        `run_id IN ${runs}`,
      ],
    ];
    const columns: Record<string, string[]> = {};
    for (const [t, over, where] of plan) {
      const cols = await client.query<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns
          WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
          ORDER BY ordinal_position`,
        [t],
      );
      columns[t] = cols.rows.map((x) => x.c);
      const select = columns[t].map((c) => over[c] ?? c).join(', ');
      const out = client.query(
        copyTo(`COPY (SELECT ${select} FROM ${t} WHERE ${where}) TO STDOUT`),
      );
      await pipeline(out, createWriteStream(join(dir, t)));
    }
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO bill_run (id, cycle, as_of, status, started_at, finished_at, started_by,
         heartbeat_at) OVERRIDING SYSTEM VALUE
       SELECT id + ${r}, cycle, as_of, 'completed', started_at, coalesce(finished_at, now()),
              started_by, heartbeat_at FROM bill_run WHERE id IN ${runs}`,
    );
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!
      .pid;
    const cpu0 = cpuOfPid(pid) ?? 0;
    const t0 = performance.now();
    for (const [t] of plan) {
      const input = client.query(copyFrom(`COPY ${t} (${columns[t]!.join(', ')}) FROM STDIN`));
      await pipeline(createReadStream(join(dir, t)), input);
    }
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    const seconds = (performance.now() - t0) / 1000;
    const cpu = (cpuOfPid(pid) ?? 0) - cpu0;
    await client.query('ROLLBACK');
    return { seconds, cpu };
  } finally {
    await client.query('RESET statement_timeout').catch(() => undefined);
    client.release();
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
