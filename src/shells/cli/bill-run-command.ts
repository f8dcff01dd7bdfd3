import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { localDateOf, parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { readConfig } from '../config.ts';
import { cents, formatCents } from '../../core/money.ts';
import { systemActor } from '../../modules/audit/index.ts';
import {
  runBillRun,
  type BillRunProgress,
  type BillRunResult,
} from '../../modules/billing/index.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { positiveInt } from './args.ts';
import { withDatabase } from './with-database.ts';

function cycleArg(value: string): number {
  const n = positiveInt(value);
  if (n > 16) throw new InvalidArgumentError('a cycle from 1 to 16');
  return n;
}

function dateArg(value: string): LocalDate {
  const d = parseLocalDate(value);
  if (d === undefined) throw new InvalidArgumentError('a date YYYY-MM-DD');
  return d;
}

function summary(r: BillRunResult): string {
  const head = r.dryRun ? 'dry run: would bill' : `run ${r.runId}: billed`;
  const byCode = r.exceptionCodes.map((c) => `${c.code} ${c.accounts}`).join(', ');
  return (
    `${head} ${r.billed} of ${r.accounts} account(s), $${formatCents(cents(r.totalCents))}; ` +
    `${r.skipped} skipped, ${r.failed} failed${byCode ? ` (${byCode})` : ''}`
  );
}

type Options = {
  cycle: number;
  asOf: LocalDate;
  dryRun: boolean;
  json: boolean;
  pageAccounts?: number;
};

/**
 * `cis bill-run --cycle N --as-of DATE [--dry-run] [--json] [--page-accounts N]`: bills one
 * cycle as of a date (src/modules/billing/README.md). A progress line per page on stderr, a
 * summary on stdout (the JSON result lists exceptions only; bill_run_item holds every account).
 * CIS_TEST_BILL_RUN_PAUSE_MS (tests) sleeps after every page so a kill -9 can land mid-run.
 * Exit 0 when the run finished (per-account exceptions are in the report), 75 when another
 * run of the cycle is active.
 */
export function registerBillRunCommand(program: Command): void {
  program
    .command('bill-run')
    .description('bill a cycle as of a date; re-running bills only the accounts left')
    .requiredOption('--cycle <n>', 'the billing cycle, 1–16', cycleArg)
    .requiredOption('--as-of <date>', 'the closing date of the bill period (YYYY-MM-DD)', dateArg)
    .option('--dry-run', 'compute the same report, write nothing', false)
    .option('--json', 'print the result as JSON', false)
    .option('--page-accounts <n>', 'accounts per page (one transaction each)', positiveInt)
    .action(async (opts: Options) => {
      // Tests only: sleep after every committed page so a kill -9 lands mid-run.
      const pauseMs = Number(process.env.CIS_TEST_BILL_RUN_PAUSE_MS ?? 0);
      await withDatabase(async (db) => {
        const ctx = {
          actor: systemActor('cli bill-run'),
          now: new Date(),
          // The lease heartbeat needs the time as the run goes on, not its start.
          clock: () => new Date(),
          onProgress: async (p: BillRunProgress) => {
            process.stderr.write(
              `cycle ${opts.cycle}: ${p.accounts} account(s), ${p.billed} billed, ` +
                `${p.skipped} skipped, ${p.failed} failed\n`,
            );
            if (pauseMs > 0) await sleep(pauseMs);
          },
        };
        const r = await runBillRun(
          db,
          {
            cycle: opts.cycle,
            asOf: opts.asOf,
            billDate: localDateOf(ctx.now, readConfig().timeZone),
            dryRun: opts.dryRun,
            ...(opts.pageAccounts === undefined ? {} : { pageAccounts: opts.pageAccounts }),
          },
          ctx,
        );
        if (opts.json) console.log(JSON.stringify(r.ok ? { ok: true, ...r.value } : r, null, 2));
        else if (r.ok) console.log(summary(r.value));
        else console.error(`bill-run: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
}
