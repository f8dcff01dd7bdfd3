import { performance } from 'node:perf_hooks';
import { addDays, localDateOf, yearOf, type LocalDate } from '../core/dates.ts';
import { expectOk, ok } from '../core/result.ts';
import { inTransaction, type Database, type Tx } from '../db/index.ts';
import { recordAudit, systemActor } from '../modules/audit/index.ts';
import {
  fillCycleSchedule,
  readingCalendar,
  runBillRun,
  scheduleCycles,
  yearMonthOf,
  type CycleRead,
  type YearMonth,
} from '../modules/billing/index.ts';
import { importReads } from '../modules/metering/index.ts';
import { insertRows } from './bulk-insert.ts';
import type { LoadedIds } from './load-columns.ts';
import { demoTimeZone } from './plan-city.ts';
import type { MeterPlan } from './plan-meters.ts';
import { loadDemandReads } from './load-demand.ts';
import { planDemandReads } from './plan-demand.ts';
import { planReads, readsCsv } from './plan-reads.ts';
import type { CityPlan } from './plan-types.ts';
import { createRandom } from './random.ts';
import { openDemoReReadOrders } from './demo-field-orders.ts';
import { PaymentHistory, type HistoryPaymentsSummary } from './history-payments.ts';
import { loadRateHistory } from './rate-history.ts';

export type HistoryOptions = {
  /** Months of meter reads before today (the read history a conversion brings); ≥ 1. */
  readonly months: number;
  /**
   * Of those, the last months billed by the real bill runs (0 … `months`); the accounts'
   * converted billed-through date is the cycle's read date that many months back.
   */
  readonly billedMonths: number;
  readonly seed: number;
  readonly now: Date;
  /**
   * Customers pay the billed months' bills through the real payment paths, interleaved with
   * the bill runs (history-payments.ts); default false (receivables = bills).
   */
  readonly payments?: boolean;
  /** With payments: the late-fee job on the 16th of each month (default true). */
  readonly lateFees?: boolean;
  /** Called after every bill run: runs done, runs in all. */
  readonly onProgress?: (done: number, total: number) => void;
};

export type HistorySummary = {
  readonly months: number;
  readonly billedMonths: number;
  readonly reads: number;
  readonly heldReads: number;
  /** Held reads before each cycle's billed-through date, closed as the legacy system's. */
  readonly legacyReviewed: number;
  /** Re-read orders open for held reads waiting for review (demo-field-orders.ts). */
  readonly reReadOrders: number;
  readonly leaks: number;
  readonly misreads: number;
  readonly billRuns: number;
  readonly bills: number;
  readonly billedCents: number;
  /** Account-periods the runs skipped (held or missing reads), by code. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly failed: Readonly<Record<string, number>>;
  /** Wall-clock milliseconds in all, and of that in the bill runs. */
  readonly ms: number;
  readonly billRunsMs: number;
  /** What the customers paid (and bounced, and owe late fees on), or null without payments. */
  readonly payments: HistoryPaymentsSummary | null;
};

const actor = systemActor('demo history');

function monthsBefore(month: YearMonth, n: number): YearMonth {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const k = y * 12 + (m - 1) - n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}` as YearMonth;
}

/** The reading schedule of the window: `months` months back from today's month. */
function windowSchedule(today: LocalDate, months: number): CycleRead[] {
  const to = yearMonthOf(today);
  const from = monthsBefore(to, months);
  const years = [];
  for (let y = yearOf(`${from}-01` as LocalDate); y <= yearOf(today) + 1; y++) years.push(y);
  return scheduleCycles(from, to, readingCalendar(years)).filter((r) => r.readDate <= today);
}

/**
 * Gives a freshly loaded demo city `months` of history, the way a utility converting to
 * OpenCIS would: the reading schedule is filled for the window's years; the rate card gets
 * a prior-year version where the window starts before it; every meter's reads are generated
 * (seasonal, per household, a few leaks and misreads) and imported with `importReads` in one
 * file, so validation holds what it holds; each account billed by the legacy system up to
 * its cycle's first read date gets a converted zero bill ending there (its billed-through
 * date); then the REAL bill runs bill every cycle on each read date in date order, so bills,
 * ledger and balances are the product's own.
 */
export async function generateHistory(
  db: Database,
  city: { readonly plan: CityPlan; readonly ids: LoadedIds; readonly meters: readonly MeterPlan[] },
  options: HistoryOptions,
): Promise<HistorySummary> {
  const started = performance.now();
  const today = localDateOf(options.now, demoTimeZone);
  const { schedule, readDates, billedFrom, billedThrough } = windowOf(today, options);
  const { plan, ids, meters } = city;
  const reads = planReads(
    { meters, cycleOf: (m) => plan.premises[m.premise]!.cycle, readDates, today },
    createRandom((options.seed * 7_919 + 104_729) >>> 0),
  );
  const loaded = await inTransaction(db, async (tx) => {
    for (let y = yearOf(schedule[0]!.readDate); y <= yearOf(today) + 1; y++) {
      expectOk(await fillCycleSchedule(tx, { year: y }, { actor, now: options.now }));
    }
    const rateFrom = `${billedFrom.slice(0, 4)}-01-01` as LocalDate;
    const rateVersions = await loadRateHistory(tx, rateFrom, options.now);
    const imported = await importReads(
      tx,
      { fileName: `demo-history-seed-${options.seed}.csv`, text: readsCsv(reads, meters) },
      { actor, now: options.now, engine: db.engine },
    );
    const held = expectOk(imported).held;
    const demandReads = await loadDemandReads(
      tx,
      planDemandReads(reads, meters),
      meters,
      options.now,
    );
    const converted = await loadConvertedBills(tx, plan, ids, billedThrough);
    const legacyReviewed = await closeLegacyHeldReads(tx, billedThrough, options.now);
    return ok({ held, rateVersions, converted, demandReads, legacyReviewed });
  });
  const { held, rateVersions, converted, demandReads, legacyReviewed } = expectOk(loaded);
  const runs = runsToBill(schedule, billedThrough, today);
  const runsStarted = performance.now();
  const paying = options.payments
    ? new PaymentHistory(db, { seed: options.seed, today, lateFees: options.lateFees ?? true })
    : null;
  const totals = await runAll(db, runs, options, paying);
  const payments = paying ? await paying.finish() : null;
  const summary: HistorySummary = {
    months: options.months,
    billedMonths: options.billedMonths,
    reads: reads.reads.length + demandReads,
    heldReads: held,
    legacyReviewed,
    reReadOrders: await openDemoReReadOrders(db, today, options.now),
    leaks: reads.leaks,
    misreads: reads.misreads,
    billRuns: runs.length,
    ...totals,
    ms: Math.round(performance.now() - started),
    billRunsMs: Math.round(performance.now() - runsStarted),
    payments,
  };
  await auditHistory(db, summary, { rateVersions, convertedBills: converted }, options);
  return summary;
}

/** The history's summary in the audit trail (`demo.history_generated`). */
async function auditHistory(
  db: Database,
  summary: HistorySummary,
  extra: Record<string, unknown>,
  options: HistoryOptions,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    await recordAudit(tx, {
      actor,
      at: options.now,
      action: 'demo.history_generated',
      entityType: 'demo_city',
      entityId: options.seed,
      after: { ...summary, ...extra },
    });
    return ok(null);
  });
}

type Window = {
  readonly schedule: CycleRead[];
  /** Each cycle's read dates in the window, the baseline read first. */
  readonly readDates: ReadonlyMap<number, LocalDate[]>;
  readonly billedFrom: YearMonth;
  /** Each cycle's billed-through read date; empty when nothing is billed. */
  readonly billedThrough: ReadonlyMap<number, LocalDate>;
};

function windowOf(today: LocalDate, options: HistoryOptions): Window {
  const schedule = windowSchedule(today, options.months);
  const readDates = new Map<number, LocalDate[]>();
  for (const r of schedule) readDates.set(r.cycle, [...(readDates.get(r.cycle) ?? []), r.readDate]);
  const billedFrom = monthsBefore(yearMonthOf(today), options.billedMonths);
  const billedThrough = new Map(
    schedule
      .filter((r) => options.billedMonths > 0 && r.periodMonth === billedFrom)
      .map((r) => [r.cycle, r.readDate]),
  );
  return { schedule, readDates, billedFrom, billedThrough };
}

/**
 * The (cycle, read date) runs after each cycle's billed-through date whose bill date has
 * come, in date order. A cycle read in the last days before today whose bill date is still
 * ahead is left for the utility's own bill run (the Bill runs page shows it waiting), as it
 * would be on the day a city goes live: no bill is dated after today.
 */
function runsToBill(
  schedule: readonly CycleRead[],
  billedThrough: ReadonlyMap<number, LocalDate>,
  today: LocalDate,
): CycleRead[] {
  const runs = schedule.filter((r) => {
    const through = billedThrough.get(r.cycle);
    return through !== undefined && r.readDate > through && r.billDate <= today;
  });
  return runs.sort((a, b) =>
    a.readDate < b.readDate ? -1 : a.readDate > b.readDate ? 1 : a.cycle - b.cycle,
  );
}

/**
 * A held read from before the conversion was settled in the legacy system: it is closed as
 * rejected with that reason (it never counted: the periods around it were billed there), so
 * the review queue holds only what validation held in OpenCIS's own billed months, as on the
 * day a city goes live. A later release is refused anyway (later accepted reads exist).
 */
async function closeLegacyHeldReads(
  tx: Tx,
  billedThrough: ReadonlyMap<number, LocalDate>,
  now: Date,
): Promise<number> {
  if (billedThrough.size === 0) return 0;
  const r = await tx.query(
    `INSERT INTO read_review (read_id, premise_id, decision, reason, decided_by, decided_at)
     SELECT mr.id, mr.premise_id, 'rejected',
            'Settled in the legacy system before the conversion', $3, $4
       FROM unnest($1::int[], $2::date[]) AS c(cycle, through)
       JOIN premise p ON p.cycle = c.cycle
       JOIN meter_read mr ON mr.premise_id = p.id
      WHERE mr.status = 'held' AND mr.read_date <= c.through
     ON CONFLICT (read_id) DO NOTHING`,
    [[...billedThrough.keys()], [...billedThrough.values()], actor.name, now],
  );
  return r.rowCount ?? 0;
}

type ConvertedBill = {
  readonly accountId: number;
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
};

/**
 * The legacy system's last bill of each account in service (or awaiting its final bill) that
 * started before its cycle's first read in the window: period ending on that read date,
 * total 0 (the demo converts no balances, decision 0009), no lines, no ledger entry, no run. The bill run starts the next
 * period there (its period starts at the last issued bill's end).
 */
async function loadConvertedBills(
  tx: Tx,
  plan: CityPlan,
  ids: LoadedIds,
  billedThrough: ReadonlyMap<number, LocalDate>,
): Promise<number> {
  const earliest = new Map<number, LocalDate>();
  for (const g of plan.agreements) {
    // In service, or stopped lately with the final bill still to come (OpenCIS bills it from
    // the legacy system's last bill, like the others; without one it would start at the
    // agreement's start, years before any rate version).
    if (g.status === 'closed') continue;
    const seen = earliest.get(g.account);
    if (seen === undefined || g.startDate < seen) earliest.set(g.account, g.startDate as LocalDate);
  }
  const bills: ConvertedBill[] = [];
  for (const [account, start] of earliest) {
    const w0 = billedThrough.get(plan.premises[plan.accounts[account]!.premise]!.cycle);
    if (w0 === undefined || start >= w0) continue;
    const monthBefore = addDays(w0, -30);
    bills.push({
      accountId: ids.accountIds[account]!,
      periodStart: start > monthBefore ? start : monthBefore,
      periodEnd: w0,
    });
  }
  bills.sort((a, b) => a.accountId - b.accountId);
  await insertRows(
    tx,
    'bill',
    [
      ['account_id', 'int8', (b) => b.accountId],
      ['period_start', 'date', (b) => b.periodStart],
      ['period_end', 'date', (b) => b.periodEnd],
      ['bill_date', 'date', (b) => b.periodEnd],
      ['due_date', 'date', (b) => addDays(b.periodEnd, 21)],
      ['total_cents', 'int8', () => 0],
      ['status', 'text', () => 'issued'],
      ['created_at', 'timestamptz', (b) => `${b.periodEnd}T14:00:00.000Z`],
    ],
    bills,
  );
  return bills.length;
}

async function runAll(
  db: Database,
  runs: readonly CycleRead[],
  options: HistoryOptions,
  paying: PaymentHistory | null,
): Promise<Pick<HistorySummary, 'bills' | 'billedCents' | 'skipped' | 'failed'>> {
  const skipped: Record<string, number> = {};
  const failed: Record<string, number> = {};
  let bills = 0;
  let billedCents = 0;
  for (const [i, run] of runs.entries()) {
    // 7 a.m. in Mesa on the bill date; a run on today's bill date starts now if that is earlier
    const sevenAm = new Date(`${run.billDate}T14:00:00.000Z`);
    const at = sevenAm < options.now ? sevenAm : options.now;
    await paying?.until(run.billDate);
    const r = expectOk(
      await runBillRun(
        db,
        { cycle: run.cycle, asOf: run.readDate, billDate: run.billDate },
        { actor, now: at },
      ),
    );
    await paying?.afterRun(r.runId);
    bills += r.billed;
    billedCents += r.totalCents;
    for (const c of r.exceptionCodes) {
      const into = c.status === 'failed' ? failed : skipped;
      into[c.code] = (into[c.code] ?? 0) + c.accounts;
    }
    options.onProgress?.(i + 1, runs.length);
  }
  return { bills, billedCents, skipped, failed };
}
