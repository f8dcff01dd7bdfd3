import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../../src/db/index.ts';
import { generateDemoCity } from '../../../src/demo/index.ts';
import { ensureDemoUsers } from '../../../src/modules/staff/index.ts';
import { buildServer } from '../../../src/shells/http/server.ts';
import { createTestDatabase } from '../../support/test-db.ts';
import { ensureWebBuilt } from './web-build.ts';

export type E2eServer = {
  readonly baseUrl: string;
  readonly db: Database;
  readonly app: FastifyInstance;
  close(): Promise<void>;
};

/** A small demo city: enough streets and names to search, quick to load. */
export const e2eAccounts = 400;
export const e2eSeed = 20_261_124;

/**
 * The real server, listening on a random local port over a fresh PGlite database with a
 * demo city and the demo staff users (password `demo`), serving the built web app.
 * The clock is the real one: the browser's "today" and the server's agree.
 */
export async function startE2eServer(): Promise<E2eServer> {
  await ensureWebBuilt();
  const handle = await createTestDatabase('pglite');
  try {
    const now = () => new Date();
    await generateDemoCity(handle.db, { accounts: e2eAccounts, seed: e2eSeed, now: now() });
    await ensureDemoUsers(handle.db, now());
    const app = await buildServer({
      db: handle.db,
      now,
      timeZone: 'America/Phoenix',
      demo: true,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      db: handle.db,
      app,
      async close() {
        await app.close();
        await handle.dispose();
      },
    };
  } catch (e) {
    await handle.dispose();
    throw e;
  }
}
