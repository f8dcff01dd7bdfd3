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
  /** Position in the loaded list (the importer groups reads by it). */
  readonly index: number;
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
  // One text value, a tab-separated line per register: ~5× less client work than 100,000
  // row objects. The meter number comes back as its position in $1 (no free text).
  const r = await q.query<{ lines: string | null }>(
    `WITH regs AS MATERIALIZED (
       SELECT x.n, r.id, m.id AS meter_id, m.premise_id, r.kind, r.dials, r.multiplier,
              m.status, m.installed_on, m.removed_on
         FROM unnest($1::text[]) WITH ORDINALITY AS x(meter_number, n)
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
     SELECT string_agg(concat_ws(E'\t', regs.n, regs.id, regs.meter_id, regs.premise_id,
              regs.kind, regs.dials, regs.status, regs.installed_on,
              coalesce(regs.removed_on::text, ''), regs.multiplier::text,
              coalesce(w.last_date::text, ''), coalesce(w.last_value::text, ''),
              coalesce(w.delta::numeric(16, 3)::text, ''), coalesce(w.days::text, ''),
              coalesce(w.periods::text, '')), E'\n') AS lines
       FROM regs LEFT JOIN w ON w.register_id = regs.id`,
    [textArrayLiteral(meterNumbers), addDays(earliest, -historyWindowDays)],
  );
  const rows = (r.rows[0]?.lines ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => stateRow(l, meterNumbers));
  const older = await olderLatest(
    q,
    rows.filter((x) => x.lastDate === null).map((x) => x.registerId),
  );
  return rows.map((x, index) => {
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
    // An explicit literal, not a spread: one fixed object shape keeps the per-read
    // property reads in the importer fast.
    return {
      registerId: x.registerId,
      meterId: x.meterId,
      premiseId: x.premiseId,
      meterNumber: x.meterNumber,
      kind: x.kind,
      dials: x.dials,
      meterStatus: x.meterStatus,
      installedOn: x.installedOn,
      removedOn: x.removedOn,
      multiplier: x.multiplier,
      index,
      context,
    };
  });
}

/** One tab-separated line of loadImportRegisters' result. */
function stateRow(line: string, meterNumbers: readonly string[]): StateRow {
  const f = line.split('\t');
  return {
    meterNumber: meterNumbers[Number(f[0]) - 1]!,
    registerId: Number(f[1]),
    meterId: Number(f[2]),
    premiseId: Number(f[3]),
    kind: f[4]!,
    dials: Number(f[5]),
    meterStatus: f[6] as 'installed' | 'removed',
    installedOn: f[7] as LocalDate,
    removedOn: (f[8] || null) as LocalDate | null,
    multiplier: f[9]!,
    lastDate: (f[10] || null) as LocalDate | null,
    lastValue: f[11] || null,
    delta: f[12] || null,
    days: f[13] ? Number(f[13]) : null,
    periods: f[14] ? Number(f[14]) : null,
  };
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

/** A text[] literal built in one pass (node-postgres escapes element by element). */
function textArrayLiteral(xs: readonly string[]): string {
  return `{${xs.map(quoteElement).join(',')}}`;
}

function quoteElement(x: string): string {
  return `"${x.replace(/["\\]/g, '\\$&')}"`;
}
