import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { heartbeat, startRun } from './bill-run-lease.ts';
import { draftBill } from './draft-bill.ts';
import { cycleAccountsPage, gatherInputs, type VersionCache } from './gather-inputs.ts';
import { issueBill } from './issue-bill.ts';
import type { BillInputs } from './types.ts';

export type BillRunInput = {
  readonly cycle: number;
  readonly asOf: LocalDate;
  /** Compute the same report, write nothing (no run row either). */
  readonly dryRun?: boolean;
};

export type BillRunItemStatus = 'billed' | 'skipped' | 'failed';

export type BillRunItem = {
  readonly accountId: number;
  readonly status: BillRunItemStatus;
  readonly code?: string;
  readonly detail?: string;
  readonly billId?: number;
  readonly totalCents?: number;
};

export type BillRunProgress = {
  readonly accounts: number;
  readonly billed: number;
  readonly skipped: number;
  readonly failed: number;
};

export type BillRunResult = BillRunProgress & {
  readonly runId: number | null;
  readonly dryRun: boolean;
  readonly results: readonly BillRunItem[];
};

export type BillRunContext = {
  readonly actor: Actor;
  readonly now: Date;
  readonly onProgress?: (p: BillRunProgress) => void;
  /**
   * The time written as the run's heartbeat after every chunk (the lease, see
   * `limits.billRunLeaseSeconds`); defaults to `now`. A shell running a long run passes the
   * wall clock so a live run is not mistaken for a crashed one.
   */
  readonly clock?: () => Date;
};

/**
 * `bill_run_active`: another run of the cycle is running with a live lease (unique partial
 * index). `bill_run_lease_lost`: this run's lease expired and another run took the cycle
 * over (this run stopped; what it billed stays billed).
 */
export type BillRunCode = 'bill_run_active' | 'bill_run_lease_lost';

/** Exceptions that wait for data (a later run bills them) rather than needing a fix. */
const skipCodes = new Set(['no_read', 'held_read', 'already_billed']);

/**
 * Bills a cycle as of a date (style.md §13): the cycle's accounts with active agreements in
 * pages of `limits.billRunChunkAccountsMax`, ONE transaction per account (bill, lines, one
 * ledger entry, run item, audit). Exceptions are per account, never fatal; an account already
 * billed to `asOf` is skipped `already_billed`, so re-running bills only what is left.
 * A thrown bug marks the run `failed` and rethrows. The run holds a lease (heartbeat after
 * every page): a crashed run (`kill -9`) whose heartbeat is older than
 * `limits.billRunLeaseSeconds` is marked `failed` by the next run of the cycle, which bills
 * what is left. Refusals: `bill_run_active`, `bill_run_lease_lost`.
 */
export async function runBillRun(
  db: Database,
  input: BillRunInput,
  ctx: BillRunContext,
): Promise<Result<BillRunResult, BillRunCode>> {
  const dryRun = input.dryRun === true;
  const runId = dryRun ? null : await startRun(db, input, ctx);
  if (runId === undefined) return err('bill_run_active', `cycle ${input.cycle}`);
  const results: BillRunItem[] = [];
  const counts = { accounts: 0, billed: 0, skipped: 0, failed: 0 };
  const cache: VersionCache = new Map();
  try {
    let afterId = 0;
    for (;;) {
      const page = await cycleAccountsPage(
        db.pool,
        input.cycle,
        afterId,
        limits.billRunChunkAccountsMax,
      );
      if (page.length === 0) break;
      afterId = page[page.length - 1]!;
      for (const inputs of await gatherInputs(db.pool, page, input.asOf, cache)) {
        const item = await billAccount(db, inputs, runId, ctx);
        results.push(item);
        counts.accounts += 1;
        counts[item.status] += 1;
      }
      ctx.onProgress?.({ ...counts });
      if (runId !== null && !(await heartbeat(db, runId, ctx.clock?.() ?? ctx.now))) {
        return err('bill_run_lease_lost', `run ${runId}`);
      }
    }
  } catch (e) {
    if (runId !== null) await finishRun(db, runId, 'failed', counts, ctx.now);
    throw e;
  }
  if (runId !== null) await finishRun(db, runId, 'completed', counts, ctx.now);
  return ok({ runId, dryRun, ...counts, results });
}

async function billAccount(
  db: Database,
  inputs: BillInputs,
  runId: number | null,
  ctx: BillRunContext,
): Promise<BillRunItem> {
  const { accountId } = inputs;
  if (inputs.periodStart >= inputs.periodEnd) {
    return recordItem(db, runId, { accountId, status: 'skipped', code: 'already_billed' });
  }
  const draft = draftBill(inputs);
  if (!draft.ok) {
    const status = skipCodes.has(draft.code) ? 'skipped' : 'failed';
    const detail = draft.detail ?? '';
    return recordItem(db, runId, { accountId, status, code: draft.code, detail });
  }
  const totalCents = draft.value.totalCents;
  if (runId === null) return { accountId, status: 'billed', totalCents };
  const issued = await inTransaction(db, (tx) => issueBill(tx, draft.value, runId, ctx));
  if (issued.ok) return { accountId, status: 'billed', billId: issued.value.billId, totalCents };
  const status = skipCodes.has(issued.code) ? 'skipped' : 'failed';
  return recordItem(db, runId, { accountId, status, code: issued.code });
}

async function recordItem(db: Database, runId: number | null, item: BillRunItem) {
  if (runId !== null) {
    await db.pool.query(
      `INSERT INTO bill_run_item (run_id, account_id, status, code, detail)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run_id, account_id) DO NOTHING`,
      [runId, item.accountId, item.status, item.code ?? null, item.detail ?? null],
    );
  }
  return item;
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
