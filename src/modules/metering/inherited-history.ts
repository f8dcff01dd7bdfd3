import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { minHistoryPeriods, parseReading, type RegisterHistory } from './validate-read.ts';

/**
 * The usage history a register inherits from the meters its meter replaced (meter
 * exchanges, `meter.replaces_meter_id`, followed back at most 50 meters): the accepted
 * periods read on or after `since` by the same kind of register of those meters, as
 * `RegisterHistory` in THIS register's dial units — each period's billed usage
 * (delta × the old register's multiplier) divided by this register's multiplier, so a new
 * meter with another multiplier compares like for like. Registers whose meter replaced none,
 * or whose predecessors have no such periods, are absent. One query. Reads only.
 */
export async function inheritedHistory(
  q: Queryable,
  registerIds: readonly number[],
  since: LocalDate,
): Promise<Map<number, RegisterHistory>> {
  const out = new Map<number, RegisterHistory>();
  if (registerIds.length === 0) return out;
  const r = await q.query<{ registerId: number; delta: string; days: number; periods: number }>(
    `WITH RECURSIVE own AS (
       SELECT r.id AS register_id, r.kind, r.multiplier, m.replaces_meter_id
         FROM register r JOIN meter m ON m.id = r.meter_id
        WHERE r.id = ANY($1::bigint[]) AND m.replaces_meter_id IS NOT NULL),
     chain AS (
       SELECT own.register_id, own.replaces_meter_id AS meter_id, 1 AS depth FROM own
       UNION ALL
       SELECT c.register_id, m.replaces_meter_id, c.depth + 1
         FROM chain c JOIN meter m ON m.id = c.meter_id
        WHERE m.replaces_meter_id IS NOT NULL AND c.depth < 50)
     SELECT own.register_id AS "registerId",
            (sum(coalesce(mr.usage, mr.delta * pr.multiplier)) / own.multiplier)
              ::numeric(16, 3)::text AS delta,
            sum(mr.usage_days)::int AS days, count(*)::int AS periods
       FROM own JOIN chain c ON c.register_id = own.register_id
       JOIN register pr ON pr.meter_id = c.meter_id AND pr.kind = own.kind
       JOIN meter_read mr ON mr.register_id = pr.id AND mr.status = 'accepted'
            AND mr.delta IS NOT NULL AND mr.read_date >= $2::date
      GROUP BY own.register_id, own.multiplier`,
    [registerIds, since],
  );
  for (const row of r.rows) {
    out.set(Number(row.registerId), {
      deltaMilli: parseReading(row.delta) ?? 0,
      days: row.days,
      periods: row.periods,
    });
  }
  return out;
}

/**
 * The history the high/low check uses: the register's own, plus — while it has fewer than
 * `minHistoryPeriods` periods of its own (a meter just exchanged) — the inherited one.
 */
export function withInherited(own: RegisterHistory, inherited?: RegisterHistory): RegisterHistory {
  if (inherited === undefined || own.periods >= minHistoryPeriods) return own;
  return {
    deltaMilli: own.deltaMilli + inherited.deltaMilli,
    days: own.days + inherited.days,
    periods: own.periods + inherited.periods,
  };
}
