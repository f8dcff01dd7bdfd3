import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';

/** Whose demand, over which dates: the meter's `kw` register, `after < read_date ≤ through`. */
export type DemandRequest = {
  /** `null` (an agreement without a meter) finds no demand. */
  readonly meterNumber: string | null;
  readonly after: LocalDate;
  readonly through: LocalDate;
};

/**
 * The billed demand of each request, in request order: the highest accepted `kw` register
 * read in the period × the register's multiplier, rounded to whole kW (half away from
 * zero), or null when the meter has no `kw` register or no accepted demand read in the
 * period. A demand register's read is the period's peak (reset at each read), not a dial that
 * accumulates, so the maximum is taken, never a sum — over the old meter too when the
 * meter replaced one or two inside the period (exchanges). One query for the whole batch. Reads only.
 * Registers are probed by meter number, not hashed whole (see `usageForAgreements`).
 */
export async function demandForAgreements(
  q: Queryable,
  requests: readonly DemandRequest[],
): Promise<readonly (number | null)[]> {
  const asked = requests.flatMap((req, i) => (req.meterNumber === null ? [] : [{ req, i }]));
  const out: (number | null)[] = requests.map(() => null);
  if (asked.length === 0) return out;
  const r = await q.query<{ n: number; kw: string }>(
    `SELECT x.n::int AS n, round(max(mr.value * rg.multiplier))::text AS kw
       FROM unnest($1::text[], $2::date[], $3::date[])
              WITH ORDINALITY AS x(meter_number, d_after, d_through, n)
       CROSS JOIN LATERAL (SELECT rg.id, rg.multiplier FROM meter m
                             LEFT JOIN meter p ON p.id = m.replaces_meter_id
                             JOIN register rg
                               ON rg.meter_id = ANY (ARRAY[m.id, m.replaces_meter_id, p.replaces_meter_id])
                                             AND rg.kind = 'kw'
                            WHERE m.meter_number = x.meter_number LIMIT 3) rg
       JOIN meter_read mr ON mr.register_id = rg.id AND mr.status = 'accepted' AND mr.kind <> 'initial'
            AND mr.read_date > x.d_after AND mr.read_date <= x.d_through
      GROUP BY x.n`,
    [
      asked.map((a) => a.req.meterNumber),
      asked.map((a) => a.req.after),
      asked.map((a) => a.req.through),
    ],
  );
  for (const row of r.rows) out[asked[row.n - 1]!.i] = Number(row.kw);
  return out;
}
