import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrate, openDatabase, type Database, type Engine } from '../src/db/index.ts';
import { generateDemoCity } from '../src/demo/index.ts';
import { searchAccounts } from '../src/modules/customers/index.ts';
import { benchBillDocuments } from './bill-documents.ts';
import { benchBillRun } from './bill-run.ts';
import { benchBundle } from './bundle.ts';
import { benchOverview } from './overview.ts';
import { benchNacha } from './nacha.ts';
import { benchPayments } from './payments.ts';
import { benchRemittance } from './remittance.ts';
import { benchReadImport } from './read-import.ts';
import { buildSearchQueries, type BenchQuery } from './search-queries.ts';

/**
 * `npm run bench [-- --engine pglite|postgres|both] [--accounts N] [--queries N] [--json FILE]
 *   [--overview-requests N] [--only search,overview,bundle,reads] [--reads N]
 *   [--from-database NAME]`
 *
 * For each engine: a throwaway database (a temp PGlite folder, or a new database on the
 * local PostgreSQL server — BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres
 * as admin URL), a demo city of N accounts (generation rate), then a mixed set of agent
 * searches (latency p50/p99), then the account overview through the HTTP stack (overview.ts).
 * Once: the web app's gzipped JS+CSS size (bundle.ts, engine "web"). Everything is removed
 * afterwards.
 *
 * `--from-database NAME` (PostgreSQL): the throwaway database is a copy (`CREATE DATABASE …
 * TEMPLATE NAME`) of a demo city kept earlier, instead of generating one — e.g. `BENCH_KEEP=1
 * npm run bench -- --engine postgres --only search --queries 1 --accounts N` keeps a city
 * nothing but searches has touched. Suites that write (bill-run, …) then start from the same
 * rows every time, and the bench process holds nothing from the generation. On PGlite NAME
 * is a data folder kept the same way (`BENCH_KEEP=1 … --engine pglite` prints `kept data
 * folder DIR`): the run works on a copy of its `pglite` folder.
 */
type Metric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine | 'web' | 'pure';
};
const suites = [
  'search',
  'overview',
  'bundle',
  'bill-run',
  'reads',
  'documents',
  'payments',
  'nacha',
  'remittance',
] as const;
type Suite = (typeof suites)[number];
type Args = {
  engines: Engine[];
  accounts: number;
  queries: number;
  json: string | undefined;
  seed: number;
  overviewRequests: number;
  only: Suite[];
  reads: number;
  remittanceItems: number;
  fromDatabase: string | undefined;
};

function parseArgs(argv: readonly string[]): Args {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const engine = get('--engine') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(engine)) throw new Error(`--engine ${engine}?`);
  const engines: Engine[] = engine === 'both' ? ['pglite', 'postgres'] : [engine as Engine];
  const int = (flag: string, fallback: number): number => {
    const v = Number(get(flag) ?? fallback);
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer`);
    return v;
  };
  return {
    engines,
    accounts: int('--accounts', 100_000),
    queries: int('--queries', 400),
    json: get('--json'),
    seed: int('--seed', 1),
    overviewRequests: int('--overview-requests', 1000),
    reads: int('--reads', 200_000),
    remittanceItems: int('--remittance-items', 100_000),
    fromDatabase: get('--from-database'),
    only: (get('--only') ?? suites.join(',')).split(',').map((x) => {
      if (!suites.includes(x as Suite)) throw new Error(`--only ${x}? (${suites.join(', ')})`);
      return x as Suite;
    }),
  };
}

type Throwaway = { readonly db: Database; dispose(): Promise<void> };

async function throwawayDatabase(engine: Engine, template?: string): Promise<Throwaway> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'cis-bench-'));
    // --from-database DIR: a copy of a data folder kept earlier (BENCH_KEEP=1 prints it).
    if (template !== undefined)
      cpSync(join(template, 'pglite'), join(dir, 'pglite'), { recursive: true });
    const db = await openDatabase({ dataDir: dir });
    return {
      db,
      dispose: async () => {
        await db.close();
        if (process.env.BENCH_KEEP) return console.log(`kept data folder ${dir}`);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `cis_bench_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const from = template === undefined ? '' : ` TEMPLATE ${pg.escapeIdentifier(template)}`;
  await admin.query(`CREATE DATABASE ${name}${from}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // The server's pool (limits.poolConnectionsMax): a pool of 2 capped the payment API's throughput.
  const db = await openDatabase({ databaseUrl: url.toString() });
  return {
    db,
    dispose: async () => {
      await db.close();
      if (process.env.BENCH_KEEP) return console.log(`kept database ${name}`);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function timeSearches(
  db: Database,
  queries: readonly BenchQuery[],
): Promise<Map<string, number[]>> {
  const byKind = new Map<string, number[]>([['all', []]]);
  for (const warm of queries.slice(0, 20)) await searchAccounts(db.pool, { q: warm.q });
  for (const query of queries) {
    const t0 = performance.now();
    const r = await searchAccounts(db.pool, { q: query.q });
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`search "${query.q}" failed: ${r.code}`);
    byKind.get('all')?.push(ms);
    byKind.set(query.kind, [...(byKind.get(query.kind) ?? []), ms]);
  }
  return byKind;
}

async function benchEngine(engine: Engine, args: Args): Promise<Metric[]> {
  const handle = await throwawayDatabase(engine, args.fromDatabase);
  try {
    await migrate(handle.db);
    const metrics: Metric[] = [];
    let accounts: number;
    if (args.fromDatabase === undefined) {
      const t0 = performance.now();
      const summary = await generateDemoCity(handle.db, {
        accounts: args.accounts,
        seed: args.seed,
        now: new Date('2026-11-26T17:00:00Z'),
      });
      const seconds = (performance.now() - t0) / 1000;
      accounts = summary.accounts;
      metrics.push(
        {
          name: 'demo_generation_rate',
          value: Math.round(args.accounts / seconds),
          unit: 'accounts/s',
          engine,
        },
        { name: 'demo_generation_time', value: round(seconds, 1), unit: 's', engine },
      );
    } else {
      const r = await handle.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM account');
      accounts = Number(r.rows[0]!.n);
    }
    if (args.only.includes('reads')) {
      // bench/read-import.ts: its own meters (premise_no BR-…), beside the demo city.
      const options = { reads: args.reads, readsPerMeter: 2 };
      metrics.push(...(await benchReadImport(handle.db, engine, options)));
    }
    if (args.only.includes('overview')) {
      const options = { requests: args.overviewRequests, seed: args.seed };
      metrics.push(...(await benchOverview(handle.db, engine, options)));
    }
    if (args.only.includes('bill-run')) metrics.push(...(await benchBillRun(handle.db, engine)));
    if (args.only.includes('documents')) {
      // bench/bill-documents.ts: bill detail and PDF per bill, over the bill run's bills.
      metrics.push(...(await benchBillDocuments(handle.db, engine, { bills: 200 })));
    }
    if (args.only.includes('remittance')) {
      // bench/remittance.ts: a lockbox file of N checks for the city's accounts (PGlite: ≤ 10,000).
      const items =
        engine === 'pglite' ? Math.min(args.remittanceItems, 10_000) : args.remittanceItems;
      metrics.push(...(await benchRemittance(handle.db, engine, { items })));
    }
    if (args.only.includes('payments')) {
      // bench/payments.ts: POST /api/payments, 50 concurrent clients, then replays by key.
      metrics.push(...(await benchPayments(handle.db, engine, { payments: 2000, clients: 50 })));
    }
    if (!args.only.includes('search')) return metrics;
    const queries = await buildSearchQueries(handle.db.pool, args.queries, args.seed);
    const times = await timeSearches(handle.db, queries);
    for (const [kind, list] of times) {
      const sorted = [...list].sort((a, b) => a - b);
      const suffix = kind === 'all' ? '' : `_${kind}`;
      metrics.push({
        name: `search_latency_p50${suffix}`,
        value: round(percentile(sorted, 50), 2),
        unit: 'ms',
        engine,
      });
      metrics.push({
        name: `search_latency_p99${suffix}`,
        value: round(percentile(sorted, 99), 2),
        unit: 'ms',
        engine,
      });
    }
    metrics.push({ name: 'search_queries', value: queries.length, unit: 'queries', engine });
    metrics.push({ name: 'demo_accounts', value: accounts, unit: 'accounts', engine });
    return metrics;
  } finally {
    await handle.dispose();
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function printTable(metrics: readonly Metric[]): void {
  const names = [...new Set(metrics.map((m) => m.name))];
  const engines = [...new Set(metrics.map((m) => m.engine))];
  const cell = (name: string, engine: Metric['engine']) => {
    const m = metrics.find((x) => x.name === name && x.engine === engine);
    return m ? `${m.value.toLocaleString('en-US')} ${m.unit}` : '—';
  };
  const rows = [
    ['metric', ...engines],
    ...names.map((n) => [n, ...engines.map((e) => cell(n, e))]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const metrics: Metric[] = [];
  const perEngine = args.only.some((s) => s !== 'bundle' && s !== 'nacha');
  for (const engine of perEngine ? args.engines : []) {
    const city =
      args.fromDatabase === undefined
        ? `demo city of ${args.accounts.toLocaleString('en-US')} accounts`
        : `copy of ${args.fromDatabase}`;
    console.log(`${engine}: ${city}, ${args.queries} searches…`);
    metrics.push(...(await benchEngine(engine, args)));
  }
  if (args.only.includes('bundle')) metrics.push(...benchBundle({ build: true }));
  if (args.only.includes('nacha')) metrics.push(...benchNacha());
  printTable(metrics);
  if (args.json) writeFileSync(args.json, `${JSON.stringify(metrics, null, 2)}\n`);
}

await main();
