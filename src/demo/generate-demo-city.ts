import { performance } from 'node:perf_hooks';
import { assert } from '../core/assert.ts';
import { limits } from '../core/limits.ts';
import { expectOk, ok } from '../core/result.ts';
import { inTransaction, type Database, type Queryable } from '../db/index.ts';
import { recordAudit, systemActor } from '../modules/audit/index.ts';
import { rebuildSearchDocuments } from '../modules/customers/index.ts';
import { generateHistory, type HistorySummary } from './generate-history.ts';
import { loadCity, rowsToLoad } from './load-city.ts';
import { loadMeters } from './load-meters.ts';
import { loadSolidWaste } from './load-solid-waste.ts';
import { planCity } from './plan-city.ts';
import { planMeters, type MeterPlan } from './plan-meters.ts';

export type DemoCityOptions = {
  readonly accounts: number;
  readonly seed: number;
  /** "Today" for the city: opened_on dates, statuses and expiry dates are relative to it. */
  readonly now: Date;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Months of meter reads and bills to give the city (generate-history.ts): 0 (the default)
   * for none; the CLI's `cis demo --months M`.
   */
  readonly months?: number;
  /** Of those months, how many the real bill runs bill (default: all of them). */
  readonly billedMonths?: number;
  /** Customers pay the billed months' bills (history-payments.ts); default false. */
  readonly payments?: boolean;
  /** With payments: the late-fee job on the 16th of each month (default true; slow). */
  readonly lateFees?: boolean;
  /** Progress of the history's bill runs: runs done, runs in all. */
  readonly onHistoryProgress?: (done: number, total: number) => void;
};

export type DemoCitySummary = {
  readonly accounts: number;
  readonly customers: number;
  readonly premises: number;
  readonly agreements: number;
  readonly meters: number;
  /** Wall-clock milliseconds for planning, loading and indexing (history excluded). */
  readonly ms: number;
  /** What the history added, or null when `months` is 0. */
  readonly history: HistorySummary | null;
};

/**
 * Generates a deterministic demo city (same seed and `now`, same city) modelled on Mesa, AZ
 * and loads it into the customers tables in one transaction, like a conversion: no fees, no
 * opening balances, no staff users. Then rebuilds the search tables and records one audit
 * row summarising the load. Works on an empty database or next to existing data.
 */
export async function generateDemoCity(
  db: Database,
  options: DemoCityOptions,
): Promise<DemoCitySummary> {
  assert(
    Number.isSafeInteger(options.accounts) &&
      options.accounts >= 1 &&
      options.accounts <= limits.demoAccountsMax,
    `demo accounts must be 1..${limits.demoAccountsMax}`,
  );
  const started = performance.now();
  const { months, billedMonths } = historySize(options);
  const plan = planCity(options);
  assert(plan.accounts.length === options.accounts, 'demo plan has the requested account count');
  const meters = planMeters(plan);
  const total = rowsToLoad(plan) + 2 * meters.length;
  let done = 0;
  const onRows = (n: number): void => {
    done += n;
    options.onProgress?.(Math.floor((options.accounts * done) / total), options.accounts);
  };
  const result = await inTransaction(db, async (tx) => {
    const ids = await loadCity(tx, plan, options.now, onRows);
    await loadSolidWaste(tx, ids.premiseIds, options.now);
    // A second city added with --force plans the same meter numbers: it gets no meters.
    const withMeters = !(await anyMeterTaken(tx, meters));
    if (withMeters) await loadMeters(tx, meters, ids, onRows);
    await rebuildSearchDocuments(tx);
    const counts = {
      accounts: plan.accounts.length,
      customers: plan.customers.length,
      premises: plan.premises.length,
      agreements: plan.agreements.length,
      meters: withMeters ? meters.length : 0,
    };
    await recordAudit(tx, {
      actor: systemActor('demo'),
      at: options.now,
      action: 'demo.city_generated',
      entityType: 'demo_city',
      entityId: options.seed,
      after: { seed: options.seed, ...counts },
    });
    return ok({ counts, ids });
  });
  options.onProgress?.(options.accounts, options.accounts);
  const { counts, ids } = expectOk(result);
  const ms = Math.round(performance.now() - started);
  const history =
    months === 0 || counts.meters === 0
      ? null
      : await generateHistory(
          db,
          { plan, ids, meters },
          {
            months,
            billedMonths,
            seed: options.seed,
            now: options.now,
            payments: options.payments ?? false,
            lateFees: options.lateFees ?? true,
            ...(options.onHistoryProgress ? { onProgress: options.onHistoryProgress } : {}),
          },
        );
  return { ...counts, ms, history };
}

function historySize(options: DemoCityOptions): { months: number; billedMonths: number } {
  const months = options.months ?? 0;
  assert(
    Number.isSafeInteger(months) && months >= 0 && months <= limits.demoHistoryMonthsMax,
    `demo history months must be 0..${limits.demoHistoryMonthsMax}`,
  );
  const billedMonths = options.billedMonths ?? months;
  assert(
    Number.isSafeInteger(billedMonths) && billedMonths >= 0 && billedMonths <= months,
    'demo billed months must be 0..months',
  );
  return { months, billedMonths };
}

/** True when no account exists yet: `npm start` fills such a database with a demo city. */
export async function isDatabaseEmpty(q: Queryable): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM account LIMIT 1');
  return r.rowCount === 0;
}

async function anyMeterTaken(q: Queryable, meters: readonly MeterPlan[]): Promise<boolean> {
  const r = await q.query('SELECT 1 FROM meter WHERE meter_number = ANY($1::text[]) LIMIT 1', [
    meters.map((m) => m.meterNumber),
  ]);
  return r.rows.length > 0;
}
