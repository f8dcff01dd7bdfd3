import { InvalidArgumentError, type Command } from 'commander';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { formatCents } from '../../core/money.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { runLateFees, type LateFeeRun } from '../../modules/billing/index.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { withDatabase } from './with-database.ts';

function dateArg(value: string): LocalDate {
  const d = parseLocalDate(value);
  if (d === undefined) throw new InvalidArgumentError('a date YYYY-MM-DD');
  return d;
}

function summary(r: LateFeeRun): string {
  const outcomes = new Map<string, number>();
  for (const i of r.results) outcomes.set(i.outcome, (outcomes.get(i.outcome) ?? 0) + 1);
  const by = [...outcomes].map(([o, n]) => `${o} ${n}`).join(', ');
  const head = r.dryRun ? 'dry run: would charge' : 'charged';
  return (
    `late fees as of ${r.asOf}: ${head} ${r.charged} of ${r.bills} bill(s), ` +
    `${formatCents(r.feeCents)} + ${formatCents(r.taxCents)} tax${by ? ` (${by})` : ''}`
  );
}

/**
 * `cis jobs run late-fees --as-of DATE [--dry-run] [--json]`: the late-fee job (BIL-7,
 * src/modules/billing/README.md). One line per charged bill and a summary, or the whole
 * report as JSON. Idempotent: a bill is charged once however often the job runs.
 */
export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('scheduled jobs, run by hand or by cron');
  const run = jobs.command('run').description('run one job now');
  run
    .command('late-fees')
    .description('charge late fees on bills past due; running twice charges once')
    .requiredOption('--as-of <date>', 'the day the job runs for (YYYY-MM-DD)', dateArg)
    .option('--dry-run', 'report what would be charged, write nothing', false)
    .option('--json', 'print the result as JSON', false)
    .action(async (opts: { asOf: LocalDate; dryRun: boolean; json: boolean }) => {
      await withDatabase(async (db) => {
        const r = await runLateFees(
          db,
          { asOf: opts.asOf, dryRun: opts.dryRun },
          { actor: systemActor('cli jobs late-fees'), now: new Date() },
        );
        if (opts.json) console.log(JSON.stringify(r.ok ? { ok: true, ...r.value } : r, null, 2));
        else if (r.ok) {
          for (const i of r.value.results.filter((x) => x.outcome === 'charge')) {
            console.log(
              `bill ${i.billId} (account ${i.accountId}): ${formatCents(i.feeCents!)} + ` +
                `${formatCents(i.taxCents!)} tax on ${formatCents(i.pastDueCents!)} past due`,
            );
          }
          console.log(summary(r.value));
        } else console.error(`jobs run late-fees: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
}
