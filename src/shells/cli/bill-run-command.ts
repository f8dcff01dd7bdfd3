import { InvalidArgumentError, type Command } from 'commander';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { formatCents, sum, cents } from '../../core/money.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { runBillRun, type BillRunResult } from '../../modules/billing/index.ts';
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
  const total = sum(r.results.map((i) => cents(i.status === 'billed' ? (i.totalCents ?? 0) : 0)));
  const head = r.dryRun ? 'dry run: would bill' : `run ${r.runId}: billed`;
  const codes = new Map<string, number>();
  for (const i of r.results) if (i.code) codes.set(i.code, (codes.get(i.code) ?? 0) + 1);
  const byCode = [...codes].map(([c, n]) => `${c} ${n}`).join(', ');
  return (
    `${head} ${r.billed} of ${r.accounts} account(s), $${formatCents(total)}; ` +
    `${r.skipped} skipped, ${r.failed} failed${byCode ? ` (${byCode})` : ''}`
  );
}

/**
 * `cis bill-run --cycle N --as-of DATE [--dry-run] [--json]`: bills one cycle as of a date
 * (src/modules/billing/README.md). A progress line per page on stderr, a summary on stdout.
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
    .action(async (opts: { cycle: number; asOf: LocalDate; dryRun: boolean; json: boolean }) => {
      await withDatabase(async (db) => {
        const ctx = {
          actor: systemActor('cli bill-run'),
          now: new Date(),
          // The lease heartbeat needs the time as the run goes on, not its start.
          clock: () => new Date(),
          onProgress: (p: { accounts: number; billed: number; skipped: number; failed: number }) =>
            process.stderr.write(
              `cycle ${opts.cycle}: ${p.accounts} account(s), ${p.billed} billed, ` +
                `${p.skipped} skipped, ${p.failed} failed\n`,
            ),
        };
        const r = await runBillRun(
          db,
          { cycle: opts.cycle, asOf: opts.asOf, dryRun: opts.dryRun },
          ctx,
        );
        if (opts.json) console.log(JSON.stringify(r.ok ? { ok: true, ...r.value } : r, null, 2));
        else if (r.ok) console.log(summary(r.value));
        else console.error(`bill-run: ${r.code}${r.detail ? ` — ${r.detail}` : ''}`);
        if (!r.ok) process.exitCode = exitCodeForCode(r.code);
      });
    });
}
