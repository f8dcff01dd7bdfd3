import { performance } from 'node:perf_hooks';
import type { Database, Engine } from '../src/db/index.ts';
import { ensureDemoUsers } from '../src/modules/staff/index.ts';
import { buildServer } from '../src/shells/http/server.ts';

/**
 * The account overview (GET /api/accounts/:id, what the desk shows first) measured through
 * the real HTTP stack — Fastify routing, the session check, validation, the service, response
 * serialization — with `app.inject` and a signed-in csr1 token, over random accounts of the
 * demo city already in `db`. Also the account page's first paint: overview and the first
 * timeline page requested together, as the page does. Target: overview p99 ≤ 50 ms on
 * PostgreSQL at 100,000 accounts.
 */
export type OverviewMetric = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly engine: Engine;
};

export type OverviewOptions = { readonly requests: number; readonly seed: number };

/** A small seeded generator (mulberry32): the same seed visits the same accounts. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export async function benchOverview(
  db: Database,
  engine: Engine,
  options: OverviewOptions,
): Promise<OverviewMetric[]> {
  const now = () => new Date();
  await ensureDemoUsers(db, now());
  const app = await buildServer({ db, now, timeZone: 'America/Phoenix', demo: false });
  try {
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'csr1', password: 'demo' },
    });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const headers = { authorization: `Bearer ${(login.json() as { token: string }).token}` };
    const ids = (await db.pool.query<{ id: number }>('SELECT id FROM account ORDER BY id')).rows;
    const next = random(options.seed);
    const pick = () => ids[Math.floor(next() * ids.length)]?.id ?? 1;
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url, headers });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    };
    for (let i = 0; i < Math.min(50, options.requests); i++) await get(`/api/accounts/${pick()}`);

    const overview: number[] = [];
    const page: number[] = [];
    for (let i = 0; i < options.requests; i++) {
      const id = pick();
      const t0 = performance.now();
      await get(`/api/accounts/${id}`);
      overview.push(performance.now() - t0);
      const t1 = performance.now();
      await Promise.all([get(`/api/accounts/${id}`), get(`/api/accounts/${id}/timeline`)]);
      page.push(performance.now() - t1);
    }
    overview.sort((a, b) => a - b);
    page.sort((a, b) => a - b);
    return [
      { name: 'overview_latency_p50', value: round2(percentile(overview, 50)), unit: 'ms', engine },
      { name: 'overview_latency_p99', value: round2(percentile(overview, 99)), unit: 'ms', engine },
      { name: 'account_page_latency_p50', value: round2(percentile(page, 50)), unit: 'ms', engine },
      { name: 'account_page_latency_p99', value: round2(percentile(page, 99)), unit: 'ms', engine },
      { name: 'overview_requests', value: overview.length, unit: 'requests', engine },
    ];
  } finally {
    await app.close();
  }
}
