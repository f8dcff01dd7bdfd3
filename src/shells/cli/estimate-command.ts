import type { Command, CommanderError } from 'commander';
import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { formatCents } from '../../core/money.ts';
import {
  demoSchedule,
  meterSizes,
  rate,
  type MeterSize,
  type RatedBill,
  type RatingInput,
} from '../../modules/rates/index.ts';

/** EX_USAGE (sysexits.h): bad flags. */
const exitUsage = 64;

type EstimateFlags = {
  readonly schedule?: string;
  readonly usage?: string;
  readonly from?: string;
  readonly to?: string;
  readonly meterSize?: string;
  readonly winterAverageKgal?: string;
  readonly demandKw?: string;
  readonly senior: boolean;
  readonly cubicYards?: string;
  readonly pickupsPerWeek?: string;
  readonly json: boolean;
};

class UsageError extends Error {}

function wholeNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d{1,12}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag} must be a whole number ≥ 0`);
  return n;
}

function date(flag: string, text: string | undefined): LocalDate {
  const d = text === undefined ? undefined : parseLocalDate(text);
  if (d === undefined) throw new UsageError(`${flag} must be a date YYYY-MM-DD`);
  return d;
}

function meterSize(text: string | undefined): MeterSize | undefined {
  if (text === undefined) return undefined;
  const normal = text.replace(/"$/, '').replace(/^1(\.5| 1\/2)$/, '1-1/2');
  const found = meterSizes.find((s) => s === normal);
  if (found === undefined) {
    throw new UsageError(`--meter-size must be one of ${meterSizes.join(', ')}`);
  }
  return found;
}

/** Turns the flags into the engine's input; throws UsageError on a bad flag. */
function inputOf(flags: EstimateFlags): RatingInput {
  const usage = wholeNumber('--usage', flags.usage) ?? 0;
  const size = meterSize(flags.meterSize);
  const winter = wholeNumber('--winter-average-kgal', flags.winterAverageKgal);
  const demand = wholeNumber('--demand-kw', flags.demandKw);
  const yards = wholeNumber('--cubic-yards', flags.cubicYards);
  const pickups = wholeNumber('--pickups-per-week', flags.pickupsPerWeek);
  return {
    from: date('--from', flags.from),
    to: date('--to', flags.to),
    usage,
    ...(size === undefined ? {} : { meterSize: size }),
    ...(winter === undefined ? {} : { winterAverageKgal: winter }),
    ...(demand === undefined ? {} : { demandKw: demand }),
    ...(flags.senior ? { discounts: ['senior'] } : {}),
    ...(yards === undefined || pickups === undefined
      ? {}
      : { container: { cubicYards: yards, pickupsPerWeek: pickups } }),
  };
}

function table(bill: RatedBill): string {
  const rows = bill.lines.map((l) => [
    l.code,
    l.description,
    `${l.quantity} ${l.unit}`,
    formatCents(l.amountCents),
  ]);
  rows.push(['', `Total (${bill.days} days, ${bill.season})`, '', formatCents(bill.totalCents)]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

function estimate(flags: EstimateFlags): void {
  if (flags.schedule === undefined) throw new UsageError('--schedule CODE is required');
  const version = demoSchedule(flags.schedule);
  if (version === undefined) throw new UsageError(`no rate schedule ${flags.schedule}`);
  if (flags.usage === undefined && version.unit !== 'none') {
    throw new UsageError(`--usage is required (${version.unit})`);
  }
  const result = rate(version, inputOf(flags));
  if (!result.ok) throw new UsageError(`${result.code}: ${result.detail ?? ''}`);
  const bill = result.value;
  const lines = bill.lines.map((l) => ({
    code: l.code,
    description: l.description,
    quantity: l.quantity,
    unit: l.unit,
    amountCents: l.amountCents,
  }));
  console.log(
    flags.json ? JSON.stringify({ lines, totalCents: bill.totalCents }, null, 2) : table(bill),
  );
}

/**
 * `cis estimate`: what a bill would be for one service, with its taxes (BIL-10). Pure
 * computation over the demo rate card: it never opens the database, so takes no data lock.
 */
export function registerEstimateCommand(program: Command): void {
  program
    .command('estimate')
    .description('estimate one service bill from a rate schedule (no database)')
    .option('--schedule <code>', 'rate schedule code, e.g. E1.1, W1.1, S1.1, SW-R90')
    .option('--usage <n>', 'usage in kWh, therms or gallons')
    .option('--from <date>', 'opening read date YYYY-MM-DD')
    .option('--to <date>', 'closing read date YYYY-MM-DD')
    .option('--meter-size <size>', `water meter size: ${meterSizes.join(', ')}`)
    .option('--winter-average-kgal <n>', 'wastewater winter average, whole kgal')
    .option('--demand-kw <n>', 'billed demand in kW')
    .option('--senior', 'apply the limited-income senior discount', false)
    .option('--cubic-yards <n>', 'commercial bin size')
    .option('--pickups-per-week <n>', 'commercial bin pickups per week')
    .option('--json', 'print {lines, totalCents} as JSON', false)
    .exitOverride((e: CommanderError) => {
      process.exit(e.exitCode === 0 ? 0 : exitUsage);
    })
    .action((flags: EstimateFlags) => {
      try {
        estimate(flags);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`cis estimate: ${e.message}\n`);
        process.exitCode = exitUsage;
      }
    });
}
