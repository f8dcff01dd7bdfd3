import type { LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { computeWinterAverage, winterOf, type WinterAverageBasis } from './winter-average.ts';

export type WinterAverageRow = {
  readonly accountId: number;
  readonly effectiveFrom: LocalDate;
  readonly kgal: number;
  readonly basis: WinterAverageBasis;
  readonly winterBills: number;
  readonly winterDays: number;
  readonly winterGallons: number;
  readonly reason: 'yearly' | 'on_request';
};

export type RecalcInput = {
  readonly asOf: LocalDate;
  /** Only these accounts (a request); omitted = every account billed wastewater S1.1. */
  readonly accountIds?: readonly number[] | undefined;
};

type FactsRow = { account_id: number; bills: number; days: number; gallons: string };

/**
 * Each account's winter bills summed in ONE query (accounts billed S1.1 since the winter
 * began; an account billed since only on other schedules has no row and bills on the
 * default): issued bills ending in the winter window,
 * their days, and the water gallons billed on them (lines of service `water` in gallons —
 * the tier lines carry the metered gallons, the zero-price first block included).
 */
async function winterFacts(
  q: Queryable,
  accountIds: readonly number[] | null,
  from: LocalDate,
  until: LocalDate,
): Promise<readonly FactsRow[]> {
  const r = await q.query<FactsRow>(
    `WITH targets AS (
       SELECT DISTINCT b.account_id FROM bill b JOIN bill_line l ON l.bill_id = b.id
        WHERE b.status = 'issued' AND b.period_end >= $2::date AND l.service = 'wastewater'
          AND l.explanation->>'scheduleCode' = 'S1.1'
          AND ($1::bigint[] IS NULL OR b.account_id = ANY($1::bigint[]))
       UNION
       SELECT unnest(coalesce($1::bigint[], '{}'::bigint[]))
     ), winter AS (
       SELECT b.account_id, b.id, (b.period_end - b.period_start) AS days,
              coalesce((SELECT sum(l.quantity) FROM bill_line l
                         WHERE l.bill_id = b.id AND l.service = 'water' AND l.unit = 'gallon'), 0)
                AS gallons
         FROM bill b JOIN targets t ON t.account_id = b.account_id
        WHERE b.status = 'issued' AND b.period_end >= $2::date AND b.period_end < $3::date
     )
     SELECT t.account_id::int AS account_id, count(w.id)::int AS bills,
            coalesce(sum(w.days), 0)::int AS days, coalesce(round(sum(w.gallons)), 0)::text AS gallons
       FROM targets t LEFT JOIN winter w ON w.account_id = t.account_id
      GROUP BY t.account_id ORDER BY t.account_id`,
    [accountIds, from, until],
  );
  return r.rows;
}

/**
 * Computes and stores the winter average of the accounts (BIL-5), set-based: one query for
 * the facts, one insert for the rows. Yearly (no `accountIds`): effective April 1 of the
 * winter's year. On request (a repaired leak): effective on `asOf`. Re-running for the same
 * effective date replaces the row. One audit row per changed account.
 */
export async function recalcWinterAverages(
  tx: Tx,
  input: RecalcInput,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<
  Result<{ readonly effectiveFrom: LocalDate; readonly rows: readonly WinterAverageRow[] }, never>
> {
  const w = winterOf(input.asOf);
  const onRequest = input.accountIds !== undefined;
  const effectiveFrom = onRequest ? input.asOf : w.effectiveFrom;
  const facts = await winterFacts(tx, input.accountIds ?? null, w.from, w.until);
  const rows: WinterAverageRow[] = facts.map((f) => {
    const gallons = Number(f.gallons);
    const avg = computeWinterAverage({ bills: f.bills, days: f.days, gallons });
    return {
      accountId: f.account_id,
      effectiveFrom,
      kgal: avg.kgal,
      basis: avg.basis,
      winterBills: f.bills,
      winterDays: f.days,
      winterGallons: gallons,
      reason: onRequest ? 'on_request' : 'yearly',
    };
  });
  if (rows.length === 0) return ok({ effectiveFrom, rows });
  const before = await tx.query<{ account_id: number; kgal: number }>(
    `SELECT account_id::int, kgal FROM winter_average
      WHERE effective_from = $1 AND account_id = ANY($2::bigint[])`,
    [effectiveFrom, rows.map((r) => r.accountId)],
  );
  const old = new Map(before.rows.map((r) => [r.account_id, r.kgal]));
  await tx.query(
    `INSERT INTO winter_average (account_id, effective_from, kgal, basis, winter_bills,
       winter_days, winter_gallons, reason, computed_at, computed_by)
     SELECT x.a, $2::date, x.k, x.b, x.n, x.d, x.g, $3, $4, $5
       FROM unnest($1::bigint[], $6::int[], $7::text[], $8::int[], $9::int[], $10::bigint[])
            AS x(a, k, b, n, d, g)
     ON CONFLICT (account_id, effective_from) DO UPDATE SET kgal = excluded.kgal,
       basis = excluded.basis, winter_bills = excluded.winter_bills,
       winter_days = excluded.winter_days, winter_gallons = excluded.winter_gallons,
       reason = excluded.reason, computed_at = excluded.computed_at,
       computed_by = excluded.computed_by`,
    [
      rows.map((r) => r.accountId),
      effectiveFrom,
      onRequest ? 'on_request' : 'yearly',
      ctx.now,
      ctx.actor.name,
      rows.map((r) => r.kgal),
      rows.map((r) => r.basis),
      rows.map((r) => r.winterBills),
      rows.map((r) => r.winterDays),
      rows.map((r) => r.winterGallons),
    ],
  );
  await auditChanges(tx, rows, old, ctx);
  return ok({ effectiveFrom, rows });
}

/** One audit row per account whose average for the date is new or changed. */
async function auditChanges(
  tx: Tx,
  rows: readonly WinterAverageRow[],
  old: ReadonlyMap<number, number>,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<void> {
  for (const r of rows) {
    if (old.get(r.accountId) === r.kgal) continue;
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'winter_average.computed',
      entityType: 'account',
      entityId: r.accountId,
      accountId: r.accountId,
      before: old.has(r.accountId) ? { kgal: old.get(r.accountId) } : undefined,
      after: { effectiveFrom: r.effectiveFrom, kgal: r.kgal, basis: r.basis, reason: r.reason },
    });
  }
}

/**
 * The winter average (whole kgal) in effect on `asOf` for each account that has one, in ONE
 * query; an account without a row is absent (the bill then uses `defaultWinterAverageKgal`).
 */
export async function winterAveragesOf(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<ReadonlyMap<number, number>> {
  if (accountIds.length === 0) return new Map();
  const r = await q.query<{ account_id: number; kgal: number }>(
    `SELECT DISTINCT ON (account_id) account_id::int AS account_id, kgal FROM winter_average
      WHERE account_id = ANY($1::bigint[]) AND effective_from <= $2::date
      ORDER BY account_id, effective_from DESC`,
    [accountIds, asOf],
  );
  return new Map(r.rows.map((row) => [row.account_id, row.kgal]));
}

/** An account's winter averages, newest first (for the account page and the API). */
export async function winterAverageHistory(
  q: Queryable,
  accountId: number,
): Promise<readonly WinterAverageRow[]> {
  const r = await q.query<WinterAverageRow>(
    `SELECT account_id::int AS "accountId", effective_from::text AS "effectiveFrom", kgal, basis,
            winter_bills AS "winterBills", winter_days AS "winterDays",
            winter_gallons::int AS "winterGallons", reason
       FROM winter_average WHERE account_id = $1 ORDER BY effective_from DESC`,
    [accountId],
  );
  return r.rows;
}
