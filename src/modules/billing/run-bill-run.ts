import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { withEstimates } from './bill-run-estimates.ts';
import { startRun } from './bill-run-lease.ts';
import {
  addItems,
  billPage,
  draftPage,
  type BillRunItem,
  type DraftedPage,
  type BillRunItemStatus,
  type BillRunProgress,
} from './bill-run-page.ts';
import { cycleAccountsPage, type VersionCache } from './gather-inputs.ts';
import { prepareLineCopy } from './issue-bills.ts';

export type { BillRunItem, BillRunItemStatus, BillRunProgress } from './bill-run-page.ts';

export type BillRunInput = {
  readonly cycle: number;
  readonly asOf: LocalDate;
  /**
   * The day the bills are dated, from which their due dates count (BIL-7): the day the run
   * issues them (the desk and `cis bill-run` give today). Default, and never earlier than,
   * the as-of date.
   */
  readonly billDate?: LocalDate;
  /** Compute the same report, write nothing (no run row either). */
  readonly dryRun?: boolean;
  /** Accounts per page (one transaction each); default `limits.billRunChunkAccountsMax`. */
  readonly pageAccounts?: number;
  /** Pages written at once on PostgreSQL (PGlite: always 1); default `limits.billRunWritersMax`. */
  readonly writers?: number;
};

export type BillRunResult = BillRunProgress & {
  readonly runId: number | null;
  readonly dryRun: boolean;
  /**
   * The skipped and failed accounts, in account order, at most
   * `limits.billRunExceptionsListedMax` (the result stays small for a million accounts;
   * `bill_run_item` holds every account's outcome).
   */
  readonly exceptions: readonly BillRunItem[];
  /** Exceptions beyond the listed ones. */
  readonly exceptionsOmitted: number;
  /** Every exception counted by status and code, sorted by `status:code`. */
  readonly exceptionCodes: readonly ExceptionCount[];
};

export type ExceptionCount = {
  readonly status: BillRunItemStatus;
  readonly code: string;
  readonly accounts: number;
};

export type BillRunContext = {
  readonly actor: Actor;
  readonly now: Date;
  /** Called after every committed page (awaited: a shell may pace the run). */
  readonly onProgress?: (p: BillRunProgress) => void | Promise<void>;
  /**
   * The time written as the run's heartbeat with every page (the lease, see
   * `limits.billRunLeaseSeconds`); defaults to `now`. A shell running a long run passes the
   * wall clock so a live run is not mistaken for a crashed one.
   */
  readonly clock?: () => Date;
};

/**
 * `bill_run_active`: another run of the cycle is running with a live lease (unique partial
 * index). `bill_run_lease_lost`: this run's lease expired and another run took the cycle
 * over (this run stopped; its pages committed before stay billed, the current one rolled back).
 */
export type BillRunCode = 'bill_run_active' | 'bill_run_lease_lost';

/**
 * Bills a cycle as of a date (style.md §13): the cycle's accounts with active agreements in
 * pages of `limits.billRunChunkAccountsMax`, ONE transaction per page, set-based (see
 * bill-run-page.ts, issue-bills.ts): bills, lines, one ledger entry per bill, a run item per
 * account, one audit row, and the lease renewed with the run's live counts. Exceptions are
 * per account, never fatal; an account already billed to `asOf` is skipped `already_billed`,
 * so re-running bills only what is left. A crash rolls back the page in flight. A thrown bug
 * marks the run `failed` and rethrows. A crashed run (`kill -9`) whose heartbeat is older
 * than `limits.billRunLeaseSeconds` is marked `failed` by the next run of the cycle, which
 * bills what is left. Memory is bounded by a page: the result lists exceptions only.
 */
export async function runBillRun(
  db: Database,
  input: BillRunInput,
  ctx: BillRunContext,
): Promise<Result<BillRunResult, BillRunCode>> {
  const dryRun = input.dryRun === true;
  const runId = dryRun ? null : await startRun(db, input, ctx);
  if (runId === undefined) return err('bill_run_active', `cycle ${input.cycle}`);
  const report = newReport();
  const cache: VersionCache = new Map();
  const size = input.pageAccounts ?? limits.billRunChunkAccountsMax;
  // PostgreSQL: the next page is read and drafted on another connection while this page
  // writes (JS and the server work at once). PGlite is one session: one step at a time.
  const overlap = db.engine === 'postgres';
  const ids = accountIdQueue(db, input.cycle, size);
  const draftAfter = async () => {
    const page = await ids.next();
    if (page.length === 0) return null;
    const drafted = await draftPage(db.pool, page, input.asOf, cache);
    // The lines' COPY text is made here, while the previous page writes.
    if (overlap) prepareLineCopy(drafted.drafts.map((d) => d.draft));
    return drafted;
  };
  // PostgreSQL: up to `billRunWritersMax` pages write at once, each in its own transaction
  // on its own connection (disjoint accounts; the run row's counts are increments), so the
  // server works on two cores while JS drafts the next page.
  const writers = overlap ? Math.max(1, input.writers ?? limits.billRunWritersMax) : 1;
  const writing = new Set<Promise<void>>();
  let stopped: Result<never, BillRunCode> | null = null;
  let thrown: { readonly error: unknown } | null = null;
  const write = (page: DraftedPage) => {
    const run = { runId, asOf: input.asOf, billDate: input.billDate, cache };
    const w: Promise<void> = writePage(db, page, run, ctx)
      .then(async (items) => {
        if (!items.ok) {
          stopped ??= items;
          return;
        }
        addToReport(report, items.value);
        await ctx.onProgress?.(report.progress);
      })
      .catch((error: unknown) => {
        thrown ??= { error };
      })
      .finally(() => writing.delete(w));
    writing.add(w);
  };
  try {
    let next: Promise<DraftedPage | null> | null = draftAfter();
    while (next !== null && stopped === null && thrown === null) {
      const page: DraftedPage | null = await next;
      if (page === null) break;
      next = overlap ? settleLater(draftAfter()) : null;
      while (writing.size >= writers) await Promise.race(writing);
      if (stopped !== null || thrown !== null) break;
      write(page);
      if (!overlap) await Promise.all(writing);
      next ??= draftAfter();
    }
  } catch (error) {
    thrown ??= { error };
  }
  await Promise.all(writing);
  if (thrown !== null) {
    if (runId !== null) await finishRun(db, runId, 'failed', report.progress, ctx.now);
    throw (thrown as { readonly error: unknown }).error;
  }
  if (stopped !== null) return stopped;
  if (runId !== null) await finishRun(db, runId, 'completed', report.progress, ctx.now);
  return ok({ runId, dryRun, ...report.progress, ...listed(report) });
}

/**
 * The cycle's account ids, page by page. Finding a cycle's accounts scans the agreements
 * (premise.cycle is on another table), so the ids are read ONCE per cycle (`idReadMax` at a
 * time: ≈ 62,500 integers per cycle for a million accounts, well under a MB) rather than once
 * per group of pages, which at a million accounts cost a scan of every agreement per 20 pages.
 */
function accountIdQueue(db: Database, cycle: number, size: number) {
  let buffer: readonly number[] = [];
  let at = 0;
  let afterId = 0;
  let done = false;
  return {
    async next(): Promise<readonly number[]> {
      if (at >= buffer.length && !done) {
        buffer = await cycleAccountsPage(db.pool, cycle, afterId, idReadMax);
        at = 0;
        done = buffer.length < idReadMax;
        afterId = buffer.at(-1) ?? afterId;
      }
      const page = buffer.slice(at, at + size);
      at += size;
      return page;
    },
  };
}

const idReadMax = 2_000_000;

/** A promise read later: its rejection is not "unhandled" meanwhile (it rethrows on await). */
function settleLater<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

async function writePage(
  db: Database,
  page: DraftedPage,
  run: {
    readonly runId: number | null;
    readonly asOf: LocalDate;
    readonly billDate: LocalDate | undefined;
    readonly cache: VersionCache;
  },
  ctx: BillRunContext,
): Promise<Result<BillRunItem[], BillRunCode>> {
  const { runId, asOf, billDate, cache } = run;
  if (runId === null) return ok(page.items);
  const pageCtx = {
    actor: ctx.actor,
    now: ctx.now,
    at: ctx.clock?.() ?? ctx.now,
    ...(billDate === undefined ? {} : { billDate }),
  };
  return inTransaction(db, async (tx) => {
    const estimated = await withEstimates(tx, page, asOf, cache, ctx);
    return billPage(tx, estimated, runId, pageCtx);
  });
}

/** Running counts and the first exceptions: what a run returns, bounded in memory. */
type Report = {
  progress: BillRunProgress;
  readonly exceptions: BillRunItem[];
  omitted: number;
  readonly byCode: Map<string, ExceptionCount>;
};

function newReport(): Report {
  const progress = { accounts: 0, billed: 0, skipped: 0, failed: 0, totalCents: 0 };
  return { progress, exceptions: [], omitted: 0, byCode: new Map() };
}

function addToReport(report: Report, items: readonly BillRunItem[]): void {
  report.progress = addItems(report.progress, items);
  for (const i of items) {
    if (i.status === 'billed') continue;
    const code = i.code ?? 'unknown';
    const key = `${i.status}:${code}`;
    const seen = report.byCode.get(key) ?? { status: i.status, code, accounts: 0 };
    report.byCode.set(key, { ...seen, accounts: seen.accounts + 1 });
    if (report.exceptions.length < limits.billRunExceptionsListedMax) report.exceptions.push(i);
    else report.omitted += 1;
  }
}

function listed(report: Report) {
  const exceptionCodes = [...report.byCode]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, c]) => c);
  return { exceptions: report.exceptions, exceptionsOmitted: report.omitted, exceptionCodes };
}

async function finishRun(
  db: Database,
  runId: number,
  status: 'completed' | 'failed',
  counts: BillRunProgress,
  now: Date,
): Promise<void> {
  await db.pool.query(
    `UPDATE bill_run SET status = $2, finished_at = $3, billed_count = $4, skipped_count = $5,
       failed_count = $6 WHERE id = $1 AND status = 'running'`,
    [runId, status, now, counts.billed, counts.skipped, counts.failed],
  );
}
