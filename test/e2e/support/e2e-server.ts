import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../../src/db/index.ts';
import { generateDemoCity } from '../../../src/demo/index.ts';
import { ensureDemoUsers } from '../../../src/modules/staff/index.ts';
import { buildServer } from '../../../src/shells/http/server.ts';
import { sourceDigest } from '../../support/source-digest.ts';
import {
  createPgliteDatabase,
  pgliteTemplate,
  pgliteTemplateFolder,
} from '../../support/test-db.ts';
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
  const now = () => new Date();
  const handle = await createPgliteDatabase(await demoCity(now()));
  try {
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

/**
 * The database every browser test file starts from: the demo city and the demo staff users,
 * as a PGlite template folder (test-db.ts). Generating them costs a few seconds a file, so the
 * first file of the day (and of a state of the sources) makes the template and the others
 * copy it. Its "today" is the day's (the city's dates are relative to it): the key has the
 * date, and the city is made by the same code from the same seed either way.
 */
async function demoCity(now: Date): Promise<string> {
  const day = [
    now.toISOString().slice(0, 10),
    now.toLocaleDateString('en-CA', { timeZone: 'America/Phoenix' }),
  ];
  const key = sourceDigest('e2e-city', String(e2eAccounts), String(e2eSeed), ...day);
  return pgliteTemplateFolder(
    `e2e-city-${key}`,
    async (db) => {
      await generateDemoCity(db, { accounts: e2eAccounts, seed: e2eSeed, now });
      await ensureDemoUsers(db, now);
    },
    await pgliteTemplate(),
  );
}
