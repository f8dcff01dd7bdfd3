import type { Command } from 'commander';
import { migrate, openDatabase } from '../../db/index.ts';
import {
  demoHistoryDefaults,
  describeHistory,
  generateDemoCity,
  isDatabaseEmpty,
} from '../../demo/index.ts';
import { ensureDemoUsers } from '../../modules/staff/index.ts';
import { readConfig } from '../config.ts';
import { nonNegativeInt, positiveInt } from './args.ts';
import { withDatabase } from './with-database.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations')
    .action(async () => {
      const db = await openDatabase(readConfig().connect);
      try {
        const applied = await migrate(db);
        if (applied.length === 0) console.log(`${db.location}: up to date`);
        for (const m of applied)
          console.log(`applied ${String(m.version).padStart(4, '0')}-${m.name}`);
      } finally {
        await db.close();
      }
    });
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('generate a deterministic demo city into an empty database')
    .option('--accounts <n>', 'number of accounts', positiveInt, 5000)
    .option('--seed <s>', 'random seed (same seed, same city)', nonNegativeInt, 1)
    .option('--force', 'add to a database that already has accounts', false)
    .option(
      '--months <m>',
      'months of meter reads before today (0: no history)',
      nonNegativeInt,
      demoHistoryDefaults.months,
    )
    .option(
      '--billed-months <b>',
      'of those months, how many the real bill runs bill (default: 2, at most --months)',
      nonNegativeInt,
    )
    .action(async (opts: DemoOptions) => {
      await withDatabase(async (db) => {
        if (!opts.force && !(await isDatabaseEmpty(db.pool))) {
          console.error('the database already has accounts; use --force to add a demo city anyway');
          process.exitCode = 65;
          return;
        }
        const progress = createProgress(opts.accounts);
        const summary = await generateDemoCity(db, {
          accounts: opts.accounts,
          seed: opts.seed,
          now: new Date(),
          onProgress: progress,
          ...historyOf(opts),
        });
        process.stdout.write('\n');
        const users = await ensureDemoUsers(db, new Date());
        console.log(
          `demo city: ${summary.accounts} accounts, ${summary.premises} premises, ` +
            `${summary.agreements} service agreements in ${(summary.ms / 1000).toFixed(1)} s`,
        );
        if (summary.history) console.log(describeHistory(summary.history));
        console.log(
          `demo staff logins (password "demo"): ${users.map((u) => u.username).join(', ')}`,
        );
      });
    });
}

type DemoOptions = {
  accounts: number;
  seed: number;
  force: boolean;
  months: number;
  billedMonths?: number;
};

/** The history options of `cis demo`: billed months default to 2, never above --months. */
function historyOf(opts: DemoOptions): {
  months: number;
  billedMonths: number;
  payments: boolean;
  lateFees: boolean;
} {
  const billed = opts.billedMonths ?? demoHistoryDefaults.billedMonths;
  return {
    months: opts.months,
    billedMonths: Math.min(billed, opts.months),
    payments: demoHistoryDefaults.payments,
    lateFees: true, // not time-bound like npm start: the late-fee job too
  };
}

/** A one-line progress display for long batch work. */
export function createProgress(total: number): (done: number) => void {
  const tty = process.stdout.isTTY;
  let last = -1;
  return (done: number) => {
    const pct = Math.floor((done * 100) / Math.max(total, 1));
    if (pct === last) return;
    last = pct;
    if (tty)
      process.stdout.write(`\r  ${done.toLocaleString()} / ${total.toLocaleString()} (${pct}%)`);
    else if (pct % 25 === 0) process.stdout.write(`  ${pct}%`);
  };
}
