import type { Command } from 'commander';
import { migrate, openDatabase, type Database } from '../../db/index.ts';
import {
  demoHistoryDefaults,
  describeHistory,
  generateDemoCity,
  isDatabaseEmpty,
} from '../../demo/index.ts';
import { ensureDemoUsers } from '../../modules/staff/index.ts';
import { readConfig, type Config } from '../config.ts';
import { buildServer } from '../http/server.ts';
import { createProgress } from './database-commands.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the OpenCIS server (HTTP API and docs)')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'on an empty database, generate the demo city and demo staff logins', false)
    .action(async (opts: { port?: string; host?: string; demo: boolean }) => {
      const config = readConfig({
        ...process.env,
        ...(opts.port ? { PORT: opts.port } : {}),
        ...(opts.host ? { HOST: opts.host } : {}),
      });
      await serve(config, opts.demo);
    });
}

async function serve(config: Config, demo: boolean): Promise<void> {
  const started = Date.now();
  const db = await openDatabase(config.connect);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) console.log(`migrated ${db.location}: ${applied.length} migration(s)`);
    if (demo) await prepareDemo(db, config);
  } catch (e) {
    await db.close(); // release the data-folder lock before reporting
    throw e;
  }
  const app = await buildServer(
    { db, now: () => new Date(), timeZone: config.timeZone, demo },
    { logLevel: 'warn', secureCookies: config.secureCookies },
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping`);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const where = address.replace('127.0.0.1', 'localhost');
  console.log(
    `OpenCIS is ready on ${where} (${db.engine}: ${db.location}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(
    `  API docs: ${where}/docs   OpenAPI: ${where}/openapi.json   health: ${where}/healthz`,
  );
}

async function prepareDemo(db: Database, config: Config): Promise<void> {
  if (await isDatabaseEmpty(db.pool)) {
    console.log(
      `empty database: generating a demo city of ${config.demoAccounts.toLocaleString()} accounts…`,
    );
    const summary = await generateDemoCity(db, {
      accounts: config.demoAccounts,
      seed: 1,
      now: new Date(),
      onProgress: createProgress(config.demoAccounts),
      ...demoHistoryDefaults,
    });
    process.stdout.write('\n');
    console.log(
      `demo city ready: ${summary.accounts} accounts in ${(summary.ms / 1000).toFixed(1)} s`,
    );
    if (summary.history) console.log(`  ${describeHistory(summary.history)}`);
  }
  const users = await ensureDemoUsers(db, new Date());
  console.log('demo mode — staff logins (password "demo"; demo only, never in production):');
  for (const u of users) console.log(`  ${u.username.padEnd(12)} ${u.role}`);
}
