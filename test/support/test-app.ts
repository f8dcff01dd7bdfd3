import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/index.ts';
import { ensureDemoUsers, type Role } from '../../src/modules/staff/index.ts';
import { buildServer } from '../../src/shells/http/server.ts';

/**
 * The real server over a test database, driven in-process with `app.inject` (no sockets),
 * and a logged-in token per role (the demo users have exactly one role each).
 */
export type TestApp = {
  readonly app: FastifyInstance;
  tokenFor(role: Role): Promise<string>;
  close(): Promise<void>;
};

export const fixedNow = new Date('2026-11-24T17:00:00Z');

export async function startTestApp(
  db: Database,
  now: () => Date = () => fixedNow,
): Promise<TestApp> {
  const app = await buildServer({ db, now, timeZone: 'America/Phoenix', demo: true });
  const users = await ensureDemoUsers(db, now());
  const tokens = new Map<Role, string>();
  return {
    app,
    async tokenFor(role: Role) {
      const cached = tokens.get(role);
      if (cached) return cached;
      const user = users.find((u) => u.role === role);
      if (!user) throw new Error(`no demo user with role ${role}`);
      const res = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: user.username, password: 'demo' },
      });
      if (res.statusCode !== 200)
        throw new Error(`login ${user.username}: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(role, token);
      return token;
    },
    close: () => app.close(),
  };
}

/** Fills a Fastify path like `/api/accounts/:accountId/notes/:noteId` with a value. */
export function fillPath(url: string, value: string): string {
  return url.replace(/:([A-Za-z]+)/g, value);
}

/** Row counts of every table: proof that a refused request wrote nothing. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const tables = await db.pool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables.rows) {
    const r = await db.pool.query<{ n: number }>(`SELECT count(*) AS n FROM "${t.name}"`);
    counts[t.name] = r.rows[0]?.n ?? 0;
  }
  return counts;
}
