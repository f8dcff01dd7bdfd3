import { addDays, type LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { parseReading, type ReadContext, type RegisterHistory } from './validate-read.ts';

/** A register with its meter, as the importer and the meter services need it. */
export type RegisterRow = {
  readonly registerId: number;
  readonly meterId: number;
  readonly premiseId: number;
  readonly meterNumber: string;
  readonly kind: string;
  readonly dials: number;
  readonly meterStatus: 'installed' | 'removed';
  readonly installedOn: LocalDate;
  readonly removedOn: LocalDate | null;
};

/** Every register of the given meters, in one query. */
export async function loadRegisters(
  q: Queryable,
  meterNumbers: readonly string[],
): Promise<RegisterRow[]> {
  const r = await q.query<RegisterRow>(
    `SELECT r.id AS "registerId", m.id AS "meterId", m.premise_id AS "premiseId",
            m.meter_number AS "meterNumber", r.kind, r.dials, m.status AS "meterStatus",
            m.installed_on AS "installedOn", m.removed_on AS "removedOn"
       FROM meter m JOIN register r ON r.meter_id = m.id
      WHERE m.meter_number = ANY($1::text[])`,
    [meterNumbers],
  );
  return r.rows;
}

/** Days of history the high/low check looks back over from the earliest read in a file. */
export const historyWindowDays = 400;

/**
 * The validation context of each register: its latest accepted read and its accepted
 * periods inside the history window — two set-based queries for any number of registers.
 */
export async function loadReadContexts(
  q: Queryable,
  registers: readonly RegisterRow[],
  earliest: LocalDate,
): Promise<Map<number, ReadContext>> {
  const ids = registers.map((r) => r.registerId);
  const latest = await q.query<{ registerId: number; readDate: LocalDate; value: string }>(
    `SELECT DISTINCT ON (register_id) register_id AS "registerId", read_date AS "readDate",
            value::text AS value
       FROM meter_read WHERE register_id = ANY($1::bigint[]) AND status = 'accepted'
      ORDER BY register_id, read_date DESC, id DESC`,
    [ids],
  );
  const hist = await q.query<{ registerId: number; delta: string; days: number; periods: number }>(
    `SELECT register_id AS "registerId", sum(delta)::numeric(16, 3)::text AS delta,
            sum(usage_days)::int AS days, count(*)::int AS periods
       FROM meter_read
      WHERE register_id = ANY($1::bigint[]) AND status = 'accepted' AND delta IS NOT NULL
        AND read_date >= $2::date
      GROUP BY register_id`,
    [ids, addDays(earliest, -historyWindowDays)],
  );
  const prevOf = new Map(latest.rows.map((r) => [r.registerId, r]));
  const histOf = new Map(hist.rows.map((h) => [h.registerId, h]));
  const out = new Map<number, ReadContext>();
  for (const reg of registers) {
    const p = prevOf.get(reg.registerId);
    const h = histOf.get(reg.registerId);
    const history: RegisterHistory = {
      deltaMilli: h ? (parseReading(h.delta) ?? 0) : 0,
      days: h?.days ?? 0,
      periods: h?.periods ?? 0,
    };
    out.set(reg.registerId, {
      dials: reg.dials,
      meterInstalled: reg.meterStatus === 'installed',
      previous: p ? { readDate: p.readDate, valueMilli: parseReading(p.value) ?? 0 } : undefined,
      history,
    });
  }
  return out;
}

/** A register as the import needs it: identity, install period, multiplier and context. */
export type ImportRegister = RegisterRow & {
  /** numeric(12, 4) as text: SQL multiplies, so usage is exact. */
  readonly multiplier: string;
  readonly context: ReadContext;
};

type StateRow = {
  registerId: number;
  meterId: number;
  premiseId: number;
  meterNumber: string;
  kind: string;
  dials: number;
  meterStatus: 'installed' | 'removed';
  installedOn: LocalDate;
  removedOn: LocalDate | null;
  multiplier: string;
  lastDate: LocalDate | null;
  lastValue: string | null;
  delta: string | null;
  days: number | null;
  periods: number | null;
};

/**
 * Every register of the given meters with its validation context (latest accepted read,
 * accepted periods since `earliest` − 400 days), set-based: one query joins the file's
 * meter numbers to the registers and aggregates their reads in the window; a second one,
 * only for registers without an accepted read in the window, finds an older latest read.
 */
export async function loadImportRegisters(
  q: Queryable,
  meterNumbers: readonly string[],
  earliest: LocalDate,
): Promise<ImportRegister[]> {
  const r = await q.query<StateRow>(
    `WITH regs AS MATERIALIZED (
       SELECT r.id, m.id AS meter_id, m.premise_id, m.meter_number, r.kind, r.dials,
              r.multiplier, m.status, m.installed_on, m.removed_on
         FROM unnest($1::text[]) AS x(meter_number)
         JOIN meter m ON m.meter_number = x.meter_number
         JOIN register r ON r.meter_id = m.id),
     w AS (
       SELECT mr.register_id, max(mr.read_date) AS last_date,
              (array_agg(mr.value ORDER BY mr.read_date DESC, mr.id DESC))[1] AS last_value,
              sum(mr.delta) AS delta, sum(mr.usage_days) FILTER (WHERE mr.delta IS NOT NULL) AS days,
              count(mr.delta) AS periods
         FROM regs JOIN meter_read mr ON mr.register_id = regs.id
        WHERE mr.status = 'accepted' AND mr.read_date >= $2::date
        GROUP BY mr.register_id)
     SELECT regs.id AS "registerId", regs.meter_id AS "meterId", regs.premise_id AS "premiseId",
            regs.meter_number AS "meterNumber", regs.kind, regs.dials, regs.status AS "meterStatus",
            regs.installed_on AS "installedOn", regs.removed_on AS "removedOn",
            regs.multiplier::text AS multiplier, w.last_date AS "lastDate",
            w.last_value::text AS "lastValue", w.delta::numeric(16, 3)::text AS delta,
            w.days::int AS days, w.periods::int AS periods
       FROM regs LEFT JOIN w ON w.register_id = regs.id`,
    [meterNumbers, addDays(earliest, -historyWindowDays)],
  );
  const older = await olderLatest(
    q,
    r.rows.filter((x) => x.lastDate === null).map((x) => x.registerId),
  );
  return r.rows.map((x) => {
    const last = x.lastDate !== null ? { d: x.lastDate, v: x.lastValue } : older.get(x.registerId);
    const context: ReadContext = {
      dials: x.dials,
      meterInstalled: x.meterStatus === 'installed',
      previous: last
        ? { readDate: last.d, valueMilli: parseReading(last.v ?? '0') ?? 0 }
        : undefined,
      history: {
        deltaMilli: x.delta === null ? 0 : (parseReading(x.delta) ?? 0),
        days: x.days ?? 0,
        periods: x.periods ?? 0,
      },
    };
    return { ...x, context };
  });
}

async function olderLatest(
  q: Queryable,
  ids: readonly number[],
): Promise<Map<number, { d: LocalDate; v: string }>> {
  if (ids.length === 0) return new Map();
  const r = await q.query<{ registerId: number; d: LocalDate; v: string }>(
    `SELECT x.id AS "registerId", l.read_date AS d, l.value::text AS v
       FROM unnest($1::bigint[]) AS x(id)
       CROSS JOIN LATERAL (
         SELECT read_date, value FROM meter_read
          WHERE register_id = x.id AND status = 'accepted'
          ORDER BY read_date DESC, id DESC LIMIT 1) l`,
    [ids],
  );
  return new Map(r.rows.map((x) => [x.registerId, x]));
}
