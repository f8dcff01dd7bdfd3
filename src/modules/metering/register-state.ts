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
