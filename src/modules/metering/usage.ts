import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { RegisterKind } from './parse-reads-file.ts';

/** Which register's reads to sum, over which dates: `after < read_date ≤ through`. */
export type UsageRequest = {
  /** `null` (an agreement without a meter) matches no reads. */
  readonly meterNumber: string | null;
  readonly register: RegisterKind;
  readonly after: LocalDate;
  readonly through: LocalDate;
};

/**
 * Reads found for one request (`initial` reads are never counted). A reviewed held read
 * (read_review) is no longer held: a released or replaced one has its own accepted read,
 * a rejected one is gone.
 */
export type RegisterUsage = {
  /** Accepted reads in the period. */
  readonly accepted: number;
  /** Held reads in the period still waiting for review. */
  readonly held: number;
  /** Σ usage of the accepted reads, rounded to whole billed units (0 when none). */
  readonly usage: number;
};

type UsageRow = { n: number; accepted: number; held: number; usage: string };

const none: RegisterUsage = { accepted: 0, held: 0, usage: 0 };

/**
 * The read usage of each request, in request order (one result per request). One query for
 * the whole batch. Reads only. A meter that replaced another (an exchange) counts the old
 * one's reads too: in a period spanning the exchange, the old meter's up to its final read
 * and the new one's after its initial read — two meters back, so two exchanges inside one
 * period bill all three meters (a meter replaced earlier has no reads in the period). Each
 * request's registers are found by meter number and kind (index probes; the old meters by
 * id; `LIMIT 3` changes nothing but keeps the lookup per-row probes): as plain
 * joins the planner hashed every meter, or every register, of the city for each batch — a
 * bill-run page's cost growing with the city (143 ms a page at 100,000 accounts).
 */
export async function usageForAgreements(
  q: Queryable,
  requests: readonly UsageRequest[],
): Promise<readonly RegisterUsage[]> {
  const asked = requests.flatMap((req, i) => (req.meterNumber === null ? [] : [{ req, i }]));
  const out: RegisterUsage[] = requests.map(() => none);
  if (asked.length === 0) return out;
  const r = await q.query<UsageRow>(
    `SELECT x.n::int AS n,
            count(*) FILTER (WHERE mr.status = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE mr.status = 'held' AND rv.id IS NULL)::int AS held,
            coalesce(round(sum(mr.usage) FILTER (WHERE mr.status = 'accepted')), 0)::text
              AS usage
       FROM unnest($1::text[], $2::text[], $3::date[], $4::date[])
              WITH ORDINALITY AS x(meter_number, kind, d_after, d_through, n)
       CROSS JOIN LATERAL (SELECT rg.id FROM meter m
                             LEFT JOIN meter p ON p.id = m.replaces_meter_id
                             JOIN register rg
                               ON rg.meter_id = ANY (ARRAY[m.id, m.replaces_meter_id, p.replaces_meter_id])
                                             AND rg.kind = x.kind
                            WHERE m.meter_number = x.meter_number LIMIT 3) rg
       JOIN meter_read mr ON mr.register_id = rg.id AND mr.kind <> 'initial'
            AND mr.read_date > x.d_after AND mr.read_date <= x.d_through
       LEFT JOIN read_review rv ON rv.read_id = mr.id AND mr.status = 'held'
      GROUP BY x.n`,
    [
      asked.map((a) => a.req.meterNumber),
      asked.map((a) => a.req.register),
      asked.map((a) => a.req.after),
      asked.map((a) => a.req.through),
    ],
  );
  for (const row of r.rows) {
    const i = asked[row.n - 1]!.i;
    out[i] = { accepted: row.accepted, held: row.held, usage: Number(row.usage) };
  }
  return out;
}
