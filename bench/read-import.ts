import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import type { Database, Engine, Queryable } from '../src/db/index.ts';
import { inTransaction } from '../src/db/index.ts';
import { systemActor } from '../src/modules/audit/index.ts';
import { importReads } from '../src/modules/metering/index.ts';
import { cpuOfPid } from './cpu.ts';

/**
 * The validated read import (`cis import reads`, BIL-1) at scale: a city of water meters
 * with one gallon register each is inserted set-based (premise, meter, register, plus a
 * baseline read and two accepted monthly periods per register so the high/low check has
 * history to compare against), then one reads CSV of N reads is imported through the real
 * `importReads` in one transaction and timed. Target: ≥ 200,000 reads/s with validation.
 * Memory: the peak heap growth during the import, per read (flat = the same at any N).
 */
export type ReadImportMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

export type ReadImportOptions = {
  /** Reads in the file. */
  readonly reads: number;
  /** Reads per meter in the file (monthly reads, so the file spans this many months). */
  readonly readsPerMeter: number;
};

const ctx = { actor: systemActor('bench'), now: new Date('2026-11-26T17:00:00Z') };

/** Premises BR-0…, meters and registers BRW0…BRW(n-1) with a baseline and two periods (Jan–Mar 2026). */
export async function seedMeters(db: Database, meters: number): Promise<void> {
  await db.pool.query(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     SELECT 'BR-' || g, g || ' E Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family',
            1 + g % 16, now()
       FROM generate_series(0, $1::int - 1) g`,
    [meters],
  );
  await db.pool.query(
    `INSERT INTO meter (premise_id, meter_number, service, size, status, installed_on, created_at)
     SELECT id, 'BRW' || substr(premise_no, 4), 'water', '5/8', 'installed', '2025-12-01', now()
       FROM premise WHERE premise_no LIKE 'BR-%'`,
  );
  await db.pool.query(
    `INSERT INTO register (meter_id, premise_id, kind, multiplier, dials)
     SELECT id, premise_id, 'gallon', 1, 7 FROM meter WHERE meter_number LIKE 'BRW%'`,
  );
  // Baseline 1,000 gal on Jan 1, then 3,000 gal per 30-day period (100 gal/day).
  await db.pool.query(
    `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days, usage,
       source, kind, status, created_at)
     SELECT r.id, r.premise_id, date '2026-01-01' + 30 * k, 1000 + 3000 * k,
            CASE WHEN k = 0 THEN NULL ELSE 3000 END, CASE WHEN k = 0 THEN NULL ELSE 30 END,
            CASE WHEN k = 0 THEN NULL ELSE 3000 END,
            'field', CASE WHEN k = 0 THEN 'initial' ELSE 'regular' END, 'accepted', now()
       FROM register r JOIN meter m ON m.id = r.meter_id AND m.meter_number LIKE 'BRW%'
      CROSS JOIN generate_series(0, 2) k`,
  );
  await db.pool.query('ANALYZE premise, meter, register, meter_read');
}

/** The reads CSV: every meter read every 30 days after the seeded history, ~100 gal/day. */
export function readsFile(meters: number, readsPerMeter: number): string {
  const lines = ['meter_number,read_date,reading,register'];
  const day0 = Date.UTC(2026, 0, 1) + 60 * 86_400_000;
  for (let k = 1; k <= readsPerMeter; k++) {
    const date = new Date(day0 + 30 * k * 86_400_000).toISOString().slice(0, 10);
    for (let m = 0; m < meters; m++) {
      // 7,000 gal at the last seeded read, then 2,800–3,200 gal per period (m varies it).
      const value = 7000 + k * (2800 + (m % 401)) + (m % 7) / 10;
      lines.push(`BRW${m},${date},${value},gallon`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

async function backendPid(tx: Queryable): Promise<number | null> {
  const r = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const pid = r.rows[0]?.pid ?? null;
  return pid !== null && existsSync(`/proc/${pid}/stat`) ? pid : null;
}

export async function benchReadImport(
  db: Database,
  engine: Engine,
  options: ReadImportOptions,
): Promise<ReadImportMetric[]> {
  const meters = Math.ceil(options.reads / options.readsPerMeter);
  await seedMeters(db, meters);
  const text = readsFile(meters, options.readsPerMeter);
  const n = meters * options.readsPerMeter;
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let serverCpu = 0;
  const r = await inTransaction(db, async (tx) => {
    const backend = engine === 'postgres' ? await backendPid(tx) : null;
    const before = backend === null ? 0 : (cpuOfPid(backend) ?? 0);
    const out = await importReads(tx, { fileName: 'bench.csv', text }, { ...ctx, engine });
    serverCpu = backend === null ? 0 : (cpuOfPid(backend) ?? 0) - before;
    return out;
  });
  const seconds = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(cpu0);
  const nodeCpu = (used.user + used.system) / 1e6;
  const cpuSeconds = nodeCpu + serverCpu;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (!r.ok) throw new Error(`bench import failed: ${r.code} ${JSON.stringify(r.fields)}`);
  if (r.value.rows !== n) throw new Error(`bench import stored ${r.value.rows} of ${n} reads`);
  return [
    { name: 'read_import_rate', value: Math.round(n / seconds), unit: 'reads/s', engine },
    { name: 'read_import_time', value: Math.round(seconds * 100) / 100, unit: 's', engine },
    // Reads per CPU-second of the client plus (PostgreSQL, local server) the backend: the
    // rate on an idle machine, where the two run one after the other. The wall-clock rate
    // above drops when other work shares the cores.
    {
      name: 'read_import_cpu_rate',
      value: Math.round(n / cpuSeconds),
      unit: 'reads/cpu-s',
      engine,
    },
    // The two halves of the CPU: this process (parse, validate, COPY text) and the server
    // backend (register load, COPY; 0 on PGlite, which runs in this process).
    { name: 'read_import_node_cpu', value: round2(nodeCpu), unit: 'cpu-s', engine },
    { name: 'read_import_server_cpu', value: round2(serverCpu), unit: 'cpu-s', engine },
    { name: 'read_import_reads', value: n, unit: 'reads', engine },
    { name: 'read_import_held', value: r.value.held, unit: 'reads', engine },
    {
      name: 'read_import_heap_per_read',
      value: Math.round((peak - heap0) / n),
      unit: 'bytes',
      engine,
    },
  ];
}
