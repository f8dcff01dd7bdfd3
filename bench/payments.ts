import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Database, Engine } from '../src/db/index.ts';
import { paymentBatcher } from '../src/modules/payments/index.ts';
import { ensureDemoUsers } from '../src/modules/staff/index.ts';
import { buildServer } from '../src/shells/http/server.ts';
import { backendCpu, backendCpuSince } from './cpu.ts';

/**
 * The single-payment API (POST /api/payments) through the real HTTP stack (`app.inject`,
 * a signed-in cashier token), over random accounts of the demo city already in `db`:
 * `clients` concurrent callers each posting in turn with a fresh idempotency key (cash at
 * the window), then the same requests again (replays by key). Beside rates and latency:
 * statements per payment (alone, one client) and CPU ms per request of this node process and
 * of the server's backends (the fair comparison on a shared machine); the share of payments
 * that concurrent requests posted together (payment-batcher.ts) and the mean batch size. Target (issue 5): ≥ 1,000
 * payments/s with idempotency keys under 50 concurrent clients on PostgreSQL.
 */
export type PaymentMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

export type PaymentBenchOptions = { readonly payments: number; readonly clients: number };

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** `drive` and the CPU milliseconds it cost per call: this node process and the server's backends. */
async function driveCpu(
  db: Database,
  count: number,
  clients: number,
  call: (i: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[]; nodeMs: number; serverMs: number | null }> {
  const pg0 = await backendCpu(db);
  const cpu0 = process.cpuUsage();
  const run = await drive(count, clients, call);
  const cpu = process.cpuUsage(cpu0);
  const server = await backendCpuSince(db, pg0);
  return {
    ...run,
    nodeMs: (cpu.user + cpu.system) / 1000 / count,
    serverMs: server === null ? null : (server * 1000) / count,
  };
}

/** Runs `count` calls with at most `clients` in flight; returns the wall time and latencies. */
async function drive(
  count: number,
  clients: number,
  call: (i: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const s = performance.now();
      await call(i);
      latencies.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  return { seconds: (performance.now() - t0) / 1000, latencies: latencies.sort((a, b) => a - b) };
}

/** How many statements `work` sends through node-postgres clients (both engines). */
async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...a: unknown[]) {
    n++;
    return original.apply(this, a);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return n;
}

export async function benchPayments(
  db: Database,
  engine: Engine,
  options: PaymentBenchOptions,
): Promise<PaymentMetric[]> {
  const now = () => new Date();
  await ensureDemoUsers(db, now());
  const app = await buildServer(
    { db, now, timeZone: 'America/Phoenix', demo: false },
    { logLevel: 'error' },
  );
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'cashier', password: 'demo' },
    });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const token = (login.json() as { token: string }).token;
    const ids = (await db.pool.query<{ id: number }>('SELECT id FROM account ORDER BY id')).rows;
    const run = `${Date.now().toString(36)}`;
    const post = async (i: number) => {
      const accountId = ids[(i * 7919) % ids.length]?.id ?? 1;
      const res = await app.inject({
        method: 'POST',
        url: '/api/payments',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `bench-${run}-${i}` },
        payload: {
          accountId: Number(accountId),
          amountCents: 1000 + (i % 5000),
          tender: { kind: 'cash' },
          channel: 'window',
        },
      });
      if (res.statusCode !== 201) throw new Error(`payment ${i}: ${res.statusCode} ${res.body}`);
    };
    const get = async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode !== 200) throw new Error(`GET /api/session: ${res.statusCode}`);
    };
    const warm = Math.min(100, options.payments);
    await drive(warm, options.clients, get);
    const queries = await countQueries(() => drive(20, 1, (i) => post(options.payments * 2 + i)));
    // The baseline before and after the payments: the machine's load drifts during a run.
    const before = await driveCpu(db, options.payments, options.clients, get);
    const stats0 = { ...paymentBatcher(db).stats };
    const fresh = await driveCpu(db, options.payments, options.clients, post);
    const stats = paymentBatcher(db).stats;
    const batched = stats.batched - stats0.batched;
    const batches = stats.batches - stats0.batches;
    const after = await driveCpu(db, options.payments, options.clients, get);
    const replay = await driveCpu(db, options.payments, options.clients, post);
    const cpuMetrics = (
      name: string,
      runs: readonly { nodeMs: number; serverMs: number | null }[],
    ): PaymentMetric[] => {
      const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
      const nodeMs = mean(runs.map((r) => r.nodeMs));
      const server = runs.every((r) => r.serverMs !== null)
        ? mean(runs.map((r) => r.serverMs!))
        : null;
      return [
        { name: `${name}_node_cpu`, value: round2(nodeMs), unit: 'CPU ms/request', engine },
        ...(server === null
          ? []
          : [
              { name: `${name}_server_cpu`, value: round2(server), unit: 'CPU ms/request', engine },
            ]),
      ];
    };
    const rate = options.payments / fresh.seconds;
    const getRate = (2 * options.payments) / (before.seconds + after.seconds);
    return [
      {
        name: 'payment_api_rate',
        value: Math.round(rate),
        unit: 'payments/s',
        engine,
      },
      {
        name: 'payment_api_p50',
        value: round2(percentile(fresh.latencies, 50)),
        unit: 'ms',
        engine,
      },
      {
        name: 'payment_api_p99',
        value: round2(percentile(fresh.latencies, 99)),
        unit: 'ms',
        engine,
      },
      {
        name: 'payment_replay_rate',
        value: Math.round(options.payments / replay.seconds),
        unit: 'replays/s',
        engine,
      },
      ...cpuMetrics('payment_api', [fresh]),
      ...cpuMetrics('payment_replay', [replay]),
      { name: 'payment_queries', value: round2(queries / 20), unit: 'queries/payment', engine },
      {
        name: 'payment_batched_share',
        value: round2(batched / options.payments),
        unit: 'of payments',
        engine,
      },
      {
        name: 'payment_batch_size',
        value: batches === 0 ? 0 : round2(batched / batches),
        unit: 'payments/batch',
        engine,
      },
      { name: 'session_get_rate', value: Math.round(getRate), unit: 'requests/s', engine },
      ...cpuMetrics('session_get', [before, after]),
      { name: 'payment_api_vs_get', value: round2(rate / getRate), unit: 'ratio', engine },
      { name: 'payment_clients', value: options.clients, unit: 'clients', engine },
    ];
  } finally {
    await app.close();
  }
}
