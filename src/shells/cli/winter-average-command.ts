import { InvalidArgumentError, type Command } from 'commander';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { ok } from '../../core/result.ts';
import { systemActor } from '../../modules/audit/index.ts';
import {
  recalcWinterAverages,
  removeLateBudgetPayers,
  syncAllBudgetPlans,
} from '../../modules/billing/index.ts';
import { inTransaction } from '../../db/index.ts';
import { withDatabase } from './with-database.ts';

function dateArg(value: string): LocalDate {
  const d = parseLocalDate(value);
  if (d === undefined) throw new InvalidArgumentError('a date YYYY-MM-DD');
  return d;
}

function accountsArg(value: string): number[] {
  const ids = value.split(',').map((x) => Number(x.trim()));
  if (ids.some((n) => !Number.isSafeInteger(n) || n <= 0)) {
    throw new InvalidArgumentError('account ids separated by commas');
  }
  return ids;
}

type Opts = { asOf: LocalDate; accounts?: number[]; json: boolean };

async function winterAverage(opts: Opts): Promise<void> {
  await withDatabase(async (db) => {
    const r = await inTransaction(db, (tx) =>
      recalcWinterAverages(
        tx,
        { asOf: opts.asOf, accountIds: opts.accounts },
        { actor: systemActor('cli winter-average'), now: new Date() },
      ),
    );
    if (!r.ok) return;
    const { effectiveFrom, rows } = r.value;
    if (opts.json) {
      console.log(JSON.stringify({ ok: true, effectiveFrom, rows }, null, 2));
      return;
    }
    const fromBills = rows.filter((x) => x.basis === 'winter_bills').length;
    console.log(
      `winter averages effective ${effectiveFrom}: ${rows.length} account(s), ` +
        `${fromBills} from winter bills, ${rows.length - fromBills} on the 5 kgal default`,
    );
  });
}

async function budgetBilling(opts: { asOf: LocalDate; json: boolean }): Promise<void> {
  await withDatabase(async (db) => {
    const ctx = { actor: systemActor('cli budget-billing'), now: new Date() };
    const r = await inTransaction(db, async (tx) => {
      const removed = await removeLateBudgetPayers(tx, opts.asOf, ctx);
      return ok({ removed, ...(await syncAllBudgetPlans(tx)) });
    });
    if (!r.ok) return;
    const { removed, plans, periods } = r.value;
    if (opts.json) console.log(JSON.stringify({ ok: true, removed, plans, periods }));
    else {
      console.log(
        `budget billing as of ${opts.asOf}: ${removed.length} removed after a late payment; ` +
          `${plans} plan(s), ${periods} period(s)`,
      );
    }
  });
}

/**
 * `cis jobs run winter-average --as-of DATE [--accounts 1,2] [--json]` (BIL-5: yearly for
 * every S1.1 account, effective April 1; with --accounts, on request, effective that day) and
 * `cis jobs run budget-billing --as-of DATE [--json]` (BIL-9: removes plans with a bill not
 * paid by its due date, then rewrites the periods of active plans).
 * Registered under the `jobs run` command when it exists, else as `cis winter-average recalc`.
 */
export function registerWinterAverageJobs(program: Command): void {
  const run = program.commands
    .find((c) => c.name() === 'jobs')
    ?.commands.find((c) => c.name() === 'run');
  const parent = run ?? program.command('winter-average').description('wastewater winter average');
  parent
    .command(run ? 'winter-average' : 'recalc')
    .description('compute wastewater winter averages from Dec–Feb bills (BIL-5)')
    .requiredOption('--as-of <date>', 'the day the job runs for (YYYY-MM-DD)', dateArg)
    .option('--accounts <ids>', 'only these accounts (a recalculation on request)', accountsArg)
    .option('--json', 'print the result as JSON', false)
    .action(winterAverage);
  if (run) {
    run
      .command('budget-billing')
      .description('remove late payers, rewrite the periods of every active plan (BIL-9)')
      .requiredOption('--as-of <date>', 'the day the job runs for (YYYY-MM-DD)', dateArg)
      .option('--json', 'print the result as JSON', false)
      .action(budgetBilling);
  }
}
