import { InvalidArgumentError, type Command } from 'commander';
import { expectOk } from '../../core/result.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { fillCycleSchedule, listCycleSchedule } from '../../modules/billing/index.ts';
import { withDatabase } from './with-database.ts';

function yearArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2200) {
    throw new InvalidArgumentError('a year from 2000 to 2200');
  }
  return n;
}

/**
 * `cis cycles schedule --year Y [--json]`: fills the year's meter-reading schedule (16 cycles ×
 * 12 months, idempotent: rows already there are kept). `cis cycles list --year Y [--json]`:
 * prints it, one line per month with each cycle's read date.
 */
export function registerCyclesCommands(program: Command): void {
  const cycles = program.command('cycles').description('billing cycles and their read dates');
  cycles
    .command('schedule')
    .description("fill a year's reading schedule (read and bill dates of cycles 1–16)")
    .requiredOption('--year <y>', 'the calendar year', yearArg)
    .option('--json', 'print the result as JSON', false)
    .action(async (opts: { year: number; json: boolean }) => {
      await withDatabase(async (db) => {
        const ctx = { actor: systemActor('cli cycles'), now: new Date() };
        const filled = expectOk(
          await inTransaction(db, (tx) => fillCycleSchedule(tx, { year: opts.year }, ctx)),
        );
        if (opts.json) console.log(JSON.stringify(filled));
        else
          console.log(
            `cycles ${opts.year}: ${filled.inserted} read date(s) scheduled, ` +
              `${filled.existing} already scheduled`,
          );
      });
    });
  cycles
    .command('list')
    .description("print a year's reading schedule")
    .requiredOption('--year <y>', 'the calendar year', yearArg)
    .option('--json', 'print the schedule as JSON', false)
    .action(async (opts: { year: number; json: boolean }) => {
      await withDatabase(async (db) => {
        const rows = await listCycleSchedule(db.pool, opts.year);
        if (opts.json) {
          console.log(JSON.stringify({ year: opts.year, cycles: rows }));
          return;
        }
        if (rows.length === 0) console.log(`no schedule for ${opts.year}: run cis cycles schedule`);
        const months = [...new Set(rows.map((r) => r.periodMonth))];
        for (const month of months) {
          const days = rows.filter((r) => r.periodMonth === month).map((r) => r.readDate.slice(8));
          console.log(`${month}  read days ${days.join(' ')}`);
        }
      });
    });
}
