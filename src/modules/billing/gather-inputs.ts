import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import {
  meterSizes,
  versionsCovering,
  type MeterSize,
  type RateScheduleVersion,
} from '../rates/index.ts';
import type { AgreementInput, BillInputs, UsageFact } from './types.ts';

/** One page of the cycle's accounts with active agreements, by id after `afterId`. */
export async function cycleAccountsPage(
  q: Queryable,
  cycle: number,
  afterId: number,
  limit: number,
): Promise<readonly number[]> {
  const r = await q.query<{ id: number }>(
    `SELECT DISTINCT sa.account_id AS id
       FROM service_agreement sa JOIN premise p ON p.id = sa.premise_id
      WHERE p.cycle = $1 AND sa.status = 'active' AND sa.account_id > $2
      ORDER BY sa.account_id LIMIT $3`,
    [cycle, afterId, limit],
  );
  return r.rows.map((row) => row.id);
}

type AgreementRow = {
  id: number;
  account_id: number;
  service: string;
  rate_schedule: string;
  meter_size: string | null;
  period_start: LocalDate;
  metered: boolean;
  accepted: number;
  held: number;
  usage: string;
};

/**
 * The active agreements of `accountIds` with each account's period start (the last issued
 * bill's `period_end`, else the earliest active agreement's start) and the usage of reads in
 * (period_start, asOf]. BOUNDARY: this reads metering's `meter`/`register`/`meter_read`
 * directly because metering exports no usage query yet (see README "Boundaries").
 */
async function agreementRows(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<readonly AgreementRow[]> {
  const r = await q.query<AgreementRow>(
    `WITH acct AS (
       SELECT a.id AS account_id,
              coalesce((SELECT max(b.period_end) FROM bill b
                         WHERE b.account_id = a.id AND b.status = 'issued'),
                       (SELECT min(s.start_date) FROM service_agreement s
                         WHERE s.account_id = a.id AND s.status = 'active')) AS period_start
         FROM unnest($1::bigint[]) AS a(id))
     SELECT sa.id, sa.account_id, sa.service, sa.rate_schedule, sa.meter_size,
            acct.period_start::text AS period_start,
            sa.service IN ('electric', 'gas', 'water', 'irrigation', 'hydrant') AS metered,
            coalesce(u.accepted, 0) AS accepted, coalesce(u.held, 0) AS held,
            coalesce(u.usage, 0)::text AS usage
       FROM service_agreement sa JOIN acct ON acct.account_id = sa.account_id
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE mr.status = 'accepted')::int AS accepted,
                count(*) FILTER (WHERE mr.status = 'held')::int AS held,
                round(sum(mr.usage) FILTER (WHERE mr.status = 'accepted'))::bigint AS usage
           FROM meter m
           JOIN register rg ON rg.meter_id = m.id AND rg.kind =
                CASE sa.service WHEN 'electric' THEN 'kwh' WHEN 'gas' THEN 'therm' ELSE 'gallon' END
           JOIN meter_read mr ON mr.register_id = rg.id AND mr.kind <> 'initial'
                AND mr.read_date > acct.period_start AND mr.read_date <= $2::date
          WHERE m.meter_number = sa.meter_number) u ON true
      WHERE sa.status = 'active'
      ORDER BY sa.account_id, sa.id`,
    [accountIds, asOf],
  );
  return r.rows;
}

function usageOf(row: AgreementRow): UsageFact {
  if (!row.metered) return { kind: 'flat' };
  if (row.accepted > 0) return { kind: 'metered', units: Number(row.usage) };
  return row.held > 0 ? { kind: 'held_read' } : { kind: 'no_read' };
}

function meterSizeOf(text: string | null): MeterSize | null {
  return meterSizes.find((s) => s === text) ?? null;
}

/** Rate versions by schedule and period, fetched once per run. */
export type VersionCache = Map<string, readonly RateScheduleVersion[]>;

async function versionsFor(
  q: Queryable,
  cache: VersionCache,
  code: string,
  from: LocalDate,
  to: LocalDate,
): Promise<readonly RateScheduleVersion[]> {
  const key = `${code}|${from}|${to}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const versions = from < to ? await versionsCovering(q, code, from, to) : [];
  cache.set(key, versions);
  return versions;
}

/** The `draftBill` inputs of a page of accounts, in account order. */
export async function gatherInputs(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
  cache: VersionCache,
): Promise<readonly BillInputs[]> {
  const rows = await agreementRows(q, accountIds, asOf);
  const byAccount = new Map<number, AgreementRow[]>();
  for (const row of rows)
    byAccount.set(row.account_id, [...(byAccount.get(row.account_id) ?? []), row]);
  const out: BillInputs[] = [];
  for (const [accountId, list] of byAccount) {
    const periodStart = list[0]!.period_start;
    const agreements: AgreementInput[] = [];
    for (const row of list) {
      agreements.push({
        agreementId: row.id,
        service: row.service,
        rateSchedule: row.rate_schedule,
        meterSize: meterSizeOf(row.meter_size),
        versions: await versionsFor(q, cache, row.rate_schedule, periodStart, asOf),
        usage: usageOf(row),
      });
    }
    const environmentalFee = await versionsFor(q, cache, 'ENV', periodStart, asOf);
    out.push({ accountId, periodStart, periodEnd: asOf, agreements, environmentalFee });
  }
  return out;
}
