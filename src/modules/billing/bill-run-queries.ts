import type { Queryable } from '../../db/index.ts';
import { billableAccountIds } from '../customers/index.ts';

/** One bill run as the desk shows it; counts are live while the run is `running`. */
export type BillRunView = {
  readonly runId: number;
  readonly cycle: number;
  readonly asOf: string;
  readonly status: 'running' | 'completed' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly heartbeatAt: string;
  readonly startedBy: string;
  readonly billed: number;
  readonly skipped: number;
  readonly failed: number;
  /** Σ total of the bills this run issued (cents). */
  readonly billedCents: number;
};

type RunRow = {
  id: number;
  cycle: number;
  as_of: string;
  status: BillRunView['status'];
  started_at: Date;
  finished_at: Date | null;
  heartbeat_at: Date;
  started_by: string;
  billed: number;
  skipped: number;
  failed: number;
  billed_cents: string;
};

/**
 * A running run counts its `bill_run_item` rows (written per account, so progress shows at
 * every account, not only at every heartbeat); a finished one reads its own counts.
 */
const runSelect = `
  SELECT r.id, r.cycle, r.as_of::text AS as_of, r.status, r.started_at, r.finished_at,
         r.heartbeat_at, r.started_by,
         CASE WHEN r.status = 'running' THEN i.billed ELSE r.billed_count END AS billed,
         CASE WHEN r.status = 'running' THEN i.skipped ELSE r.skipped_count END AS skipped,
         CASE WHEN r.status = 'running' THEN i.failed ELSE r.failed_count END AS failed,
         (SELECT coalesce(sum(b.total_cents), 0)::text FROM bill b WHERE b.run_id = r.id)
           AS billed_cents
    FROM bill_run r
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE it.status = 'billed')::int AS billed,
             count(*) FILTER (WHERE it.status = 'skipped')::int AS skipped,
             count(*) FILTER (WHERE it.status = 'failed')::int AS failed
        FROM bill_run_item it WHERE it.run_id = r.id AND r.status = 'running') i`;

function view(row: RunRow): BillRunView {
  return {
    runId: row.id,
    cycle: row.cycle,
    asOf: row.as_of,
    status: row.status,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    heartbeatAt: row.heartbeat_at.toISOString(),
    startedBy: row.started_by,
    billed: row.billed,
    skipped: row.skipped,
    failed: row.failed,
    billedCents: Number(row.billed_cents),
  };
}

/** The most recent runs, newest first. */
export async function listBillRuns(q: Queryable, limit: number): Promise<readonly BillRunView[]> {
  const r = await q.query<RunRow>(`${runSelect} ORDER BY r.id DESC LIMIT $1`, [limit]);
  return r.rows.map(view);
}

export async function getBillRun(q: Queryable, runId: number): Promise<BillRunView | undefined> {
  const r = await q.query<RunRow>(`${runSelect} WHERE r.id = $1`, [runId]);
  const row = r.rows[0];
  return row ? view(row) : undefined;
}

/** The run id of the newest run of `cycle` started at `startedAt` with an id above `afterId`. */
export async function findStartedRun(
  q: Queryable,
  key: { readonly cycle: number; readonly startedAt: Date; readonly afterId: number },
): Promise<number | undefined> {
  const r = await q.query<{ id: number }>(
    `SELECT id FROM bill_run WHERE cycle = $1 AND started_at = $2 AND id > $3
      ORDER BY id DESC LIMIT 1`,
    [key.cycle, key.startedAt, key.afterId],
  );
  return r.rows[0]?.id;
}

export async function lastRunId(q: Queryable): Promise<number> {
  const r = await q.query<{ id: number | null }>('SELECT max(id) AS id FROM bill_run');
  return r.rows[0]?.id ?? 0;
}

const accountsCache = new Map<string, number>();
const accountsCacheMax = 64;

/**
 * How many accounts the run will visit (the cycle's accounts with an active agreement):
 * the progress bar's maximum. Counted once per run (agreements hardly change during a run).
 */
export async function runAccountCount(q: Queryable, run: BillRunView): Promise<number> {
  // A finished run's count is what it visited.
  if (run.status !== 'running') return run.billed + run.skipped + run.failed;
  // Two databases in one process (tests) may both have a run 1: key by its start too.
  const key = `${run.runId}|${run.cycle}|${run.startedAt}`;
  const hit = accountsCache.get(key);
  if (hit !== undefined) return hit;
  let n = 0;
  let afterAccountId = 0;
  for (;;) {
    const page = await billableAccountIds(q, { cycle: run.cycle, afterAccountId, limit: 10_000 });
    n += page.length;
    if (page.length < 10_000) break;
    afterAccountId = page[page.length - 1]!;
  }
  if (accountsCache.size >= accountsCacheMax) accountsCache.clear();
  accountsCache.set(key, n);
  return n;
}

/** One account the run did not bill. */
export type RunException = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly status: 'skipped' | 'failed';
  readonly code: string;
  readonly detail: string | null;
};

/**
 * The run's accounts not billed, by account id after `afterAccountId` (keyset pages).
 * Reads `account.account_no` for display (customers' table, read only).
 */
export async function runExceptions(
  q: Queryable,
  runId: number,
  page: { readonly afterAccountId: number; readonly limit: number; readonly code?: string },
): Promise<readonly RunException[]> {
  const r = await q.query<RunException>(
    `SELECT it.account_id AS "accountId", a.account_no AS "accountNo", it.status,
            coalesce(it.code, 'unknown') AS code, it.detail
       FROM bill_run_item it JOIN account a ON a.id = it.account_id
      WHERE it.run_id = $1 AND it.status <> 'billed' AND it.account_id > $2
        AND ($4::text IS NULL OR it.code = $4)
      ORDER BY it.account_id LIMIT $3`,
    [runId, page.afterAccountId, page.limit, page.code ?? null],
  );
  return r.rows;
}
