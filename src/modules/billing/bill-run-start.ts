import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Database } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { findStartedRun, lastRunId } from './bill-run-queries.ts';
import { runBillRun, type BillRunCode, type BillRunResult } from './run-bill-run.ts';

/** Runs started by this process and not finished yet (awaited on shutdown and by tests). */
const running = new Set<Promise<unknown>>();

/** Waits until every run started in the background by this process has finished. */
export async function settleBackgroundRuns(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

export type BackgroundStart = {
  readonly cycle: number;
  readonly asOf: LocalDate;
  /** The bills' date (runBillRun's `billDate`): today where the run is started. */
  readonly billDate?: LocalDate;
};

export type BackgroundContext = {
  readonly actor: Actor;
  /** The live clock: the run's start time and every heartbeat. */
  readonly clock: () => Date;
};

/** How often the starter looks for the run's row while the run is starting. */
const startPollMs = 10;

/**
 * Starts a bill run in this process and answers with its run id as soon as its row exists
 * (the caller does not wait for the run). A refusal (`bill_run_active`) comes back as the
 * result. A run that throws has already marked its row `failed` (runBillRun); the error
 * is reported through `onError`.
 */
export async function startBillRunInBackground(
  db: Database,
  input: BackgroundStart,
  ctx: BackgroundContext,
  onError: (e: unknown) => void = () => {},
): Promise<Result<{ readonly runId: number }, BillRunCode>> {
  const afterId = await lastRunId(db.pool);
  const startedAt = ctx.clock();
  type Settled =
    | { done: true; r: Result<BillRunResult, BillRunCode> }
    | { done: false; thrown?: { e: unknown } };
  let settled: Settled = { done: false };
  const promise = runBillRun(db, input, { actor: ctx.actor, now: startedAt, clock: ctx.clock })
    .then((r) => {
      settled = { done: true, r };
    })
    .catch((e: unknown) => {
      settled = { done: false, thrown: { e } };
      onError(e);
    })
    .finally(() => running.delete(promise));
  running.add(promise);
  for (;;) {
    const s = settled as Settled;
    if (s.done) {
      if (!s.r.ok) return err(s.r.code, s.r.detail);
      if (s.r.value.runId !== null) return ok({ runId: s.r.value.runId });
    }
    const runId = await findStartedRun(db.pool, { cycle: input.cycle, startedAt, afterId });
    if (runId !== undefined) return ok({ runId });
    // It threw before its row existed: a bug or the database, not a refusal.
    if (!s.done && s.thrown) throw s.thrown.e;
    await Promise.race([promise, sleep(startPollMs)]);
  }
}
