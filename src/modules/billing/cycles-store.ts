import type { LocalDate } from '../../core/dates.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { scheduleYear, type CycleRead, type YearMonth } from './cycles-schedule.ts';

export type FilledSchedule = {
  readonly year: number;
  /** Rows written now. */
  readonly inserted: number;
  /** Rows that were already there (kept as they are: a schedule already published stands). */
  readonly existing: number;
};

/**
 * Fills `bill_cycle_schedule` for a calendar year (16 cycles × 12 months) from
 * `scheduleYear`. Idempotent: rows already present are kept, so a second call inserts
 * nothing. One set-based insert; an audit row when anything was written.
 */
export async function fillCycleSchedule(
  tx: Tx,
  input: { readonly year: number },
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<FilledSchedule, never>> {
  const rows = scheduleYear(input.year);
  const r = await tx.query(
    `INSERT INTO bill_cycle_schedule (cycle, period_month, read_date, bill_date, created_at)
     SELECT u.cycle, (u.month || '-01')::date, u.read_date, u.bill_date, $5
       FROM unnest($1::int2[], $2::text[], $3::date[], $4::date[])
            AS u(cycle, month, read_date, bill_date)
     ON CONFLICT (cycle, period_month) DO NOTHING`,
    [
      rows.map((x) => x.cycle),
      rows.map((x) => x.periodMonth),
      rows.map((x) => x.readDate),
      rows.map((x) => x.billDate),
      ctx.now,
    ],
  );
  const inserted = r.rowCount ?? 0;
  if (inserted > 0) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'bill_cycles.scheduled',
      entityType: 'bill_cycle_schedule',
      entityId: input.year,
      after: { year: input.year, inserted },
    });
  }
  return ok({ year: input.year, inserted, existing: rows.length - inserted });
}

type ScheduleRow = {
  cycle: number;
  periodMonth: YearMonth;
  readDate: LocalDate;
  billDate: LocalDate;
};

/** The stored schedule of a year, by month then cycle (empty when not filled yet). */
export async function listCycleSchedule(q: Queryable, year: number): Promise<CycleRead[]> {
  const r = await q.query<ScheduleRow>(
    `SELECT cycle, to_char(period_month, 'YYYY-MM') AS "periodMonth",
            read_date::text AS "readDate", bill_date::text AS "billDate"
       FROM bill_cycle_schedule
      WHERE period_month >= make_date($1::int, 1, 1) AND period_month < make_date($1::int + 1, 1, 1)
      ORDER BY period_month, cycle`,
    [year],
  );
  return r.rows;
}

/** Stored cycle reads with `after < read_date ≤ through`, in read-date then cycle order. */
export async function cycleReadsBetween(
  q: Queryable,
  after: LocalDate,
  through: LocalDate,
): Promise<CycleRead[]> {
  const r = await q.query<ScheduleRow>(
    `SELECT cycle, to_char(period_month, 'YYYY-MM') AS "periodMonth",
            read_date::text AS "readDate", bill_date::text AS "billDate"
       FROM bill_cycle_schedule WHERE read_date > $1::date AND read_date <= $2::date
      ORDER BY read_date, cycle`,
    [after, through],
  );
  return r.rows;
}

/** A scheduled cycle read that no completed bill run covers yet (the Bill runs page's list). */
export type CycleToBill = CycleRead & {
  /** `running`: a run of the cycle is under way; `failed`: the last run of it failed; else `ready`. */
  readonly state: 'ready' | 'running' | 'failed';
  /** The cycle's latest run as of this read date or later, if any. */
  readonly lastRunId: number | null;
};

/**
 * The cycle reads of the last `days` days (read date ≤ today) that no completed bill run of
 * their cycle covers (a run as of the read date or later), oldest first: what the billing
 * supervisor has left to bill. A run as of a later date covers the earlier reads too.
 */
export async function cyclesToBill(
  q: Queryable,
  today: LocalDate,
  days = 45,
): Promise<CycleToBill[]> {
  const r = await q.query<CycleToBill>(
    `SELECT s.cycle, to_char(s.period_month, 'YYYY-MM') AS "periodMonth",
            s.read_date::text AS "readDate", s.bill_date::text AS "billDate",
            CASE WHEN running.id IS NOT NULL THEN 'running'
                 WHEN last.status = 'failed' THEN 'failed' ELSE 'ready' END AS state,
            coalesce(running.id, last.id)::int AS "lastRunId"
       FROM bill_cycle_schedule s
       LEFT JOIN bill_run running ON running.cycle = s.cycle AND running.status = 'running'
       LEFT JOIN LATERAL (
         SELECT r.id, r.status FROM bill_run r
          WHERE r.cycle = s.cycle AND r.as_of >= s.read_date
          ORDER BY r.id DESC LIMIT 1) last ON true
      WHERE s.read_date <= $1::date AND s.read_date > $1::date - $2::int
        AND NOT EXISTS (SELECT 1 FROM bill_run c
                         WHERE c.cycle = s.cycle AND c.as_of >= s.read_date
                           AND c.status = 'completed')
      ORDER BY s.read_date, s.cycle`,
    [today, days],
  );
  return r.rows;
}
