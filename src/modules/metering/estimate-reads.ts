import { daysBetween, type LocalDate } from '../../core/dates.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { requestReRead } from '../field/index.ts';
import { billedUnits, estimateDelta, type UsageBasis } from './estimate-usage.ts';
import type { UsageRequest } from './usage.ts';
import { dialRangeMilli, formatMilli, parseReading } from './validate-read.ts';

export type EstimateOutcome =
  | { readonly kind: 'has_read' }
  | {
      readonly kind: 'estimated';
      /** Estimated billed units (delta × multiplier, whole units). */
      readonly usage: number;
      readonly basis: 'same_period_last_year' | 'recent_average';
      /** The estimate's meter_read row; null on a dry run. */
      readonly readId: number | null;
    }
  | { readonly kind: 'field_visit_required'; readonly consecutiveEstimates: number }
  | { readonly kind: 'no_history' };

type StateRow = {
  n: number;
  registerId: number;
  premiseId: number;
  meterNumber: string;
  dials: number;
  multiplier: string;
  reads: number;
  prevDate: LocalDate | null;
  prevValue: string | null;
  lyDelta: string | null;
  lyDays: number | null;
  rcDelta: string | null;
  rcDays: number | null;
  trailing: number;
};

/** A planned estimate row (one per register and read date, even if asked twice). */
type Planned = {
  registerId: number;
  premiseId: number;
  readDate: LocalDate;
  valueMilli: number;
  deltaMilli: number;
  days: number;
  multiplier: string;
};

/**
 * Estimates the missing reads of a page of usage requests (one result per request, same
 * order; estimate-usage.ts has the rule). A request whose register has an accepted or held
 * read in (after, through] is `has_read`. One query loads every register's state; unless
 * `dryRun`, one INSERT writes the estimates as meter_read rows (source `estimate`, status
 * accepted, read_date = through, value = previous value + delta, wrapping at the dials) so
 * `usageForAgreements` counts them, one re-read order (field module, reason
 * `estimate_limit`) is asked for per register that needs a field visit, and one audit row
 * records the page. Writing needs `q` to be a transaction's handle.
 */
export async function estimateMissingReads(
  q: Queryable,
  requests: readonly UsageRequest[],
  ctx: { actor: Actor; now: Date; dryRun: boolean },
): Promise<readonly EstimateOutcome[]> {
  const out: EstimateOutcome[] = requests.map(() => ({ kind: 'no_history' }));
  const asked = requests.flatMap((req, i) => (req.meterNumber === null ? [] : [{ req, i }]));
  if (asked.length === 0) return out;
  const rows = await loadEstimateStates(
    q,
    asked.map((a) => a.req),
  );
  const planned = new Map<string, Planned>();
  const visits = new Map<number, StateRow>();
  const pending: { i: number; key: string; basis: 'same_period_last_year' | 'recent_average' }[] =
    [];
  for (const row of rows) {
    const { req, i } = asked[row.n - 1]!;
    if (row.reads > 0) {
      out[i] = { kind: 'has_read' };
      continue;
    }
    if (row.prevDate === null || row.prevValue === null) continue;
    const days = daysBetween(row.prevDate, req.through);
    const math = estimateDelta({
      days,
      lastYear: basis(row.lyDelta, row.lyDays),
      recent: basis(row.rcDelta, row.rcDays),
      consecutiveEstimates: row.trailing,
    });
    if (math.kind === 'no_history') continue;
    if (math.kind === 'field_visit_required') {
      out[i] = math;
      visits.set(row.registerId, row);
      continue;
    }
    const key = `${row.registerId}|${req.through}`;
    const prev = parseReading(row.prevValue) ?? 0;
    planned.set(key, {
      registerId: row.registerId,
      premiseId: row.premiseId,
      readDate: req.through,
      valueMilli: (prev + math.deltaMilli) % dialRangeMilli(row.dials),
      deltaMilli: math.deltaMilli,
      days,
      multiplier: row.multiplier,
    });
    pending.push({ i, key, basis: math.basis });
  }
  const ids = ctx.dryRun ? new Map<string, number>() : await writeEstimates(q as Tx, planned, ctx);
  for (const p of pending) {
    const e = planned.get(p.key)!;
    const usage = billedUnits(e.deltaMilli, e.multiplier);
    out[p.i] = { kind: 'estimated', usage, basis: p.basis, readId: ids.get(p.key) ?? null };
  }
  if (!ctx.dryRun) await requestVisits(q as Tx, [...visits.values()], ctx);
  return out;
}

function basis(delta: string | null, days: number | null): UsageBasis | null {
  if (delta === null || days === null) return null;
  return { deltaMilli: parseReading(delta) ?? 0, days };
}

/** A period read on this register or on one its meter replaced (the `lineage` CTE). */
const inLineage = `(register_id = req.register_id OR register_id = ANY(lineage.ids))`;
/** The period's delta in the asking register's dial units: a replaced meter's billed usage
 * divided by this register's multiplier (exact numeric; rounded to thousandths below). */
const ownDelta = `CASE WHEN register_id = req.register_id THEN delta
                       ELSE coalesce(usage, delta) / req.multiplier END`;

/**
 * The requests with their registers (`req`), and per request the registers of the same kind
 * on the meters its meter replaced (`lineage(n, ids)`: `replaces_meter_id` followed back, at
 * most 50 meters).
 */
const requestsWithLineage = `WITH RECURSIVE req AS (
       SELECT x.n::int AS n, x.d_after, x.d_through, rg.id AS register_id, rg.premise_id,
              rg.dials, rg.multiplier, rg.kind, m.meter_number, m.replaces_meter_id
         FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])
                WITH ORDINALITY AS x(meter_number, kind, d_after, d_through, n)
         JOIN meter m ON m.meter_number = x.meter_number
         JOIN register rg ON rg.meter_id = m.id AND rg.kind = x.kind),
     chain AS (
       SELECT req.n, req.replaces_meter_id AS meter_id, 1 AS depth
         FROM req WHERE req.replaces_meter_id IS NOT NULL
       UNION ALL
       SELECT c.n, m.replaces_meter_id, c.depth + 1
         FROM chain c JOIN meter m ON m.id = c.meter_id
        WHERE m.replaces_meter_id IS NOT NULL AND c.depth < 50),
     lineage AS (
       SELECT req.n, array_agg(pr.id) AS ids
         FROM req JOIN chain c ON c.n = req.n
         JOIN register pr ON pr.meter_id = c.meter_id AND pr.kind = req.kind
        GROUP BY req.n)`;

/**
 * Per request: its register, reads in (after, through], the latest accepted read up to
 * `through`, last year's accepted actual periods in (previous − 365 days, through − 365
 * days], the latest 3 accepted actual periods, and the estimates since the last actual read.
 * Last year's and the recent periods include those of the meters the register's meter
 * replaced (`lineage`, meter exchanges), their usage in this register's dial units
 * (`ownDelta`), so the first periods after an exchange are estimated from the premise's use.
 */
async function loadEstimateStates(
  q: Queryable,
  reqs: readonly UsageRequest[],
): Promise<StateRow[]> {
  const r = await q.query<StateRow>(
    `${requestsWithLineage}
     SELECT req.n, req.register_id AS "registerId", req.premise_id AS "premiseId",
            req.meter_number AS "meterNumber", req.dials, req.multiplier::text AS multiplier,
            cur.reads, prev.read_date AS "prevDate", prev.value::text AS "prevValue",
            ly.delta::numeric(16, 3)::text AS "lyDelta", ly.days::int AS "lyDays",
            rc.delta::numeric(16, 3)::text AS "rcDelta", rc.days::int AS "rcDays",
            est.trailing
       FROM req
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS reads FROM meter_read
          WHERE register_id = req.register_id AND kind <> 'initial'
            AND status IN ('accepted', 'held')
            AND read_date > req.d_after AND read_date <= req.d_through) cur
       LEFT JOIN LATERAL (
         SELECT read_date, value FROM meter_read
          WHERE register_id = req.register_id AND status = 'accepted'
            AND read_date <= req.d_through
          ORDER BY read_date DESC, id DESC LIMIT 1) prev ON true
       LEFT JOIN lineage ON lineage.n = req.n
       LEFT JOIN LATERAL (
         SELECT sum(${ownDelta}) AS delta, sum(usage_days) AS days FROM meter_read
          WHERE ${inLineage} AND status = 'accepted' AND source <> 'estimate'
            AND delta IS NOT NULL AND usage_days > 0
            AND read_date > prev.read_date - 365 AND read_date <= req.d_through - 365
         HAVING count(*) > 0) ly ON true
       LEFT JOIN LATERAL (
         SELECT sum(delta) AS delta, sum(usage_days) AS days FROM (
           SELECT ${ownDelta} AS delta, usage_days FROM meter_read
            WHERE ${inLineage} AND status = 'accepted' AND source <> 'estimate'
              AND delta IS NOT NULL AND usage_days > 0 AND read_date <= prev.read_date
            ORDER BY read_date DESC LIMIT 3) z
         HAVING count(*) > 0) rc ON true
       CROSS JOIN LATERAL (
         SELECT count(*)::int AS trailing FROM meter_read e
          WHERE e.register_id = req.register_id AND e.status = 'accepted'
            AND e.source = 'estimate' AND e.read_date <= req.d_through
            AND e.read_date > coalesce((
              SELECT max(a.read_date) FROM meter_read a
               WHERE a.register_id = req.register_id AND a.status = 'accepted'
                 AND a.source <> 'estimate' AND a.read_date <= req.d_through),
              '-infinity'::date)) est`,
    [
      reqs.map((x) => x.meterNumber),
      reqs.map((x) => x.register),
      reqs.map((x) => x.after),
      reqs.map((x) => x.through),
    ],
  );
  return r.rows;
}

async function writeEstimates(
  tx: Tx,
  planned: ReadonlyMap<string, Planned>,
  ctx: { actor: Actor; now: Date },
): Promise<Map<string, number>> {
  const list = [...planned.values()];
  if (list.length === 0) return new Map();
  const r = await tx.query<{ id: number; registerId: number; readDate: LocalDate }>(
    `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days, usage,
       source, kind, status, created_at)
     SELECT u.register_id, u.premise_id, u.read_date, u.value, u.delta, u.days,
            u.delta * u.multiplier, 'estimate', 'regular', 'accepted', $8
       FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::numeric[], $5::numeric[],
                   $6::int[], $7::numeric[])
            AS u(register_id, premise_id, read_date, value, delta, days, multiplier)
     RETURNING id, register_id AS "registerId", read_date AS "readDate"`,
    [
      list.map((p) => p.registerId),
      list.map((p) => p.premiseId),
      list.map((p) => p.readDate),
      list.map((p) => formatMilli(p.valueMilli)),
      list.map((p) => formatMilli(p.deltaMilli)),
      list.map((p) => p.days),
      list.map((p) => p.multiplier),
      ctx.now,
    ],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'meter_reads.estimated',
    entityType: 'meter_read',
    entityId: r.rows[0]!.id,
    after: { estimates: r.rows.length, readIds: r.rows.map((x) => x.id) },
  });
  return new Map(r.rows.map((x) => [`${x.registerId}|${x.readDate}`, x.id]));
}

async function requestVisits(
  tx: Tx,
  rows: readonly StateRow[],
  ctx: { actor: Actor; now: Date },
): Promise<void> {
  for (const row of rows) {
    const note = `${row.trailing} estimates in a row on meter ${row.meterNumber}; read it`;
    const r = await requestReRead(
      tx,
      { premiseId: row.premiseId, meterNumber: row.meterNumber, reason: 'estimate_limit', note },
      ctx,
    );
    if (!r.ok) throw new Error(`re-read order for ${row.meterNumber}: ${r.code}`);
  }
}
