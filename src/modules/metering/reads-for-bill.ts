import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { RegisterKind } from './parse-reads-file.ts';

/** One register read as a bill prints it. */
export type BillRead = {
  readonly readDate: LocalDate;
  /** The dial reading (before the multiplier). */
  readonly value: number;
  /** True for an estimated read (`source = 'estimate'`). */
  readonly estimated: boolean;
};

/** The reads a bill shows for one meter register over `after < read_date ≤ through`. */
export type RegisterReadsForBill = {
  readonly meterNumber: string;
  readonly register: RegisterKind;
  readonly multiplier: number;
  /** The last accepted read on or before `after` (often the initial read): the "previous". */
  readonly previous: BillRead | null;
  /** The last accepted read in the period: the "current". */
  readonly current: BillRead | null;
  /** Σ usage of the period's accepted, non-initial reads (billed units, not rounded). */
  readonly usage: number;
};

export type BillReadsRequest = {
  readonly meterNumber: string;
  readonly register: RegisterKind;
  readonly after: LocalDate;
  readonly through: LocalDate;
};

type ReadRow = {
  readDate: LocalDate;
  value: string;
  source: string;
  kind: string;
  usage: string | null;
  multiplier: string;
};

/**
 * The meters `$1` (text[]) and the meters each replaced (meter exchanges,
 * `replaces_meter_id`), as a `lineage(root, id, depth)` CTE, `root` being the number asked
 * for and `depth` 0 for its meter, 1 for the meter it replaced, …: a service's usage history
 * runs across its exchanges.
 */
const lineageCte = `WITH RECURSIVE lineage AS (
       SELECT meter_number AS root, id, replaces_meter_id, 0 AS depth
         FROM meter WHERE meter_number = ANY($1::text[])
       UNION ALL
       SELECT l.root, m.id, m.replaces_meter_id, l.depth + 1
         FROM meter m JOIN lineage l ON m.id = l.replaces_meter_id
        WHERE l.depth < 50)`;

/**
 * The previous and current reads and the usage of one register for a bill period (for the
 * bill document). `null` when the meter or register does not exist. Reads only.
 */
export async function readsForBill(
  q: Queryable,
  req: BillReadsRequest,
): Promise<RegisterReadsForBill | null> {
  const r = await q.query<ReadRow>(
    `SELECT mr.read_date::text AS "readDate", mr.value::text AS value, mr.source, mr.kind,
            mr.usage::text AS usage, rg.multiplier::text AS multiplier
       FROM meter m JOIN register rg ON rg.meter_id = m.id AND rg.kind = $2
       LEFT JOIN meter_read mr ON mr.register_id = rg.id AND mr.status = 'accepted'
            AND mr.read_date <= $3::date
      WHERE m.meter_number = $1
      ORDER BY mr.read_date, mr.id`,
    [req.meterNumber, req.register, req.through],
  );
  if (r.rows.length === 0) return null;
  return registerReads(req, req.meterNumber, r.rows);
}

/**
 * The read rows of the meters the register's meter replaced (meter exchanges, following the
 * whole `replaces_meter_id` chain), oldest meter first, for those with an accepted,
 * non-initial read over `after < read_date ≤ through`: a period spanning an exchange shows
 * the old meter's previous read → final (removal) read and usage, next to `readsForBill`'s
 * row of the current meter, and the rows' usages add up to the period's usage
 * (`periodUsage`). Empty without an exchange in the period. Reads only.
 */
export async function replacedMeterReadsForBill(
  q: Queryable,
  req: BillReadsRequest,
): Promise<readonly RegisterReadsForBill[]> {
  const r = await q.query<ReadRow & { meterNumber: string }>(
    `${lineageCte}
     SELECT m.meter_number AS "meterNumber", mr.read_date::text AS "readDate",
            mr.value::text AS value, mr.source, mr.kind, mr.usage::text AS usage,
            rg.multiplier::text AS multiplier
       FROM lineage l JOIN meter m ON m.id = l.id
       JOIN register rg ON rg.meter_id = l.id AND rg.kind = $2
       JOIN meter_read mr ON mr.register_id = rg.id AND mr.status = 'accepted'
            AND mr.read_date <= $4::date
            AND (mr.read_date > $3::date
                 OR mr.id = (SELECT p.id FROM meter_read p
                              WHERE p.register_id = rg.id AND p.status = 'accepted'
                                AND p.read_date <= $3::date
                              ORDER BY p.read_date DESC, p.id DESC LIMIT 1))
      WHERE l.depth > 0
        AND EXISTS (SELECT 1 FROM meter_read f
                     WHERE f.register_id = rg.id AND f.status = 'accepted'
                       AND f.kind <> 'initial' AND f.read_date > $3::date
                       AND f.read_date <= $4::date)
      ORDER BY l.depth DESC, mr.read_date, mr.id`,
    [[req.meterNumber], req.register, req.after, req.through],
  );
  const byMeter = new Map<string, ReadRow[]>();
  for (const row of r.rows) {
    const rows = byMeter.get(row.meterNumber) ?? [];
    rows.push(row);
    byMeter.set(row.meterNumber, rows);
  }
  return [...byMeter].map(([meterNumber, rows]) => registerReads(req, meterNumber, rows));
}

/**
 * One meter's read row from its accepted reads up to `through`, in date order (a row with
 * a null date: a register without reads). The previous read is the last on or before
 * `after`, else the period's first baseline: its initial read (a meter installed in the
 * period) or the first read of a meter installed without one (no usage, `usage` null).
 */
function registerReads(
  req: BillReadsRequest,
  meterNumber: string,
  rows: readonly ReadRow[],
): RegisterReadsForBill {
  const multiplier = Number(rows[0]!.multiplier);
  const reads = rows.filter((row) => row.readDate !== null);
  const before = reads.filter((row) => row.readDate <= req.after);
  const during = reads.filter((row) => row.readDate > req.after);
  const asRead = (row: ReadRow | undefined): BillRead | null =>
    row === undefined
      ? null
      : { readDate: row.readDate, value: Number(row.value), estimated: row.source === 'estimate' };
  return {
    meterNumber,
    register: req.register,
    multiplier,
    previous: asRead(
      before.at(-1) ?? during.find((row) => row.kind === 'initial' || row.usage === null),
    ),
    current: asRead(during.filter((row) => row.kind !== 'initial').at(-1)),
    usage: during
      .filter((row) => row.kind !== 'initial')
      .reduce((s, row) => s + Number(row.usage ?? 0), 0),
  };
}

/** Usage of one calendar month (`YYYY-MM`) of a register. */
export type MonthlyUsage = { readonly month: string; readonly usage: number };

/**
 * Σ usage of the accepted, non-initial reads of a meter register — and of the meters it
 * replaced — per calendar month of the read date, for months `fromMonth` … `throughMonth`
 * (`YYYY-MM`); months without reads are left out. Reads only.
 */
export async function monthlyUsage(
  q: Queryable,
  req: {
    readonly meterNumber: string;
    readonly register: RegisterKind;
    readonly fromMonth: string;
    readonly throughMonth: string;
  },
): Promise<readonly MonthlyUsage[]> {
  const r = await q.query<{ month: string; usage: string }>(
    `${lineageCte}
     SELECT to_char(mr.read_date, 'YYYY-MM') AS month, sum(mr.usage)::text AS usage
       FROM lineage m JOIN register rg ON rg.meter_id = m.id AND rg.kind = $2
       JOIN meter_read mr ON mr.register_id = rg.id AND mr.status = 'accepted'
            AND mr.kind <> 'initial'
            AND mr.read_date >= ($3 || '-01')::date
            AND mr.read_date < (($4 || '-01')::date + interval '1 month')
      GROUP BY 1 ORDER BY 1`,
    [[req.meterNumber], req.register, req.fromMonth, req.throughMonth],
  );
  return r.rows.map((row) => ({ month: row.month, usage: Number(row.usage) }));
}

/**
 * Σ usage of the accepted, non-initial reads over `after < read_date ≤ through` of a meter
 * register and of the meters it replaced: a period that spans a meter exchange counts the old
 * meter up to its final read and the new one after its initial read, as the bill run does.
 */
export async function periodUsage(q: Queryable, req: BillReadsRequest): Promise<number> {
  const r = await q.query<{ usage: string | null }>(
    `${lineageCte}
     SELECT sum(mr.usage)::text AS usage
       FROM lineage m JOIN register rg ON rg.meter_id = m.id AND rg.kind = $2
       JOIN meter_read mr ON mr.register_id = rg.id AND mr.status = 'accepted'
            AND mr.kind <> 'initial' AND mr.read_date > $3::date AND mr.read_date <= $4::date`,
    [[req.meterNumber], req.register, req.after, req.through],
  );
  return Number(r.rows[0]?.usage ?? 0);
}

/**
 * Accepted estimated reads (`source = 'estimate'`) over `after < read_date ≤ through` per
 * meter number asked for, counting the meters each replaced. Meters without any are left out.
 */
export async function estimatedReadCounts(
  q: Queryable,
  meterNumbers: readonly string[],
  after: LocalDate,
  through: LocalDate,
): Promise<ReadonlyMap<string, number>> {
  if (meterNumbers.length === 0) return new Map();
  const r = await q.query<{ root: string; n: number }>(
    `${lineageCte}
     SELECT l.root, count(*)::int AS n
       FROM lineage l JOIN register rg ON rg.meter_id = l.id
       JOIN meter_read mr ON mr.register_id = rg.id
      WHERE mr.source = 'estimate' AND mr.status = 'accepted'
        AND mr.read_date > $2::date AND mr.read_date <= $3::date
      GROUP BY l.root`,
    [meterNumbers, after, through],
  );
  return new Map(r.rows.map((row) => [row.root, row.n]));
}
