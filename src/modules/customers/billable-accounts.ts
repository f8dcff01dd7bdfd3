import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';

/** One page of a billing cycle: accounts with an active agreement at a premise of `cycle`. */
export type BillableAccountsPage = {
  readonly cycle: number;
  /** Only accounts with a larger id (keyset paging; 0 for the first page). */
  readonly afterAccountId: number;
  readonly limit: number;
};

/** An active service agreement as billing reads it. */
export type ActiveAgreement = {
  readonly agreementId: number;
  readonly accountId: number;
  readonly service: string;
  readonly rateSchedule: string;
  readonly meterNumber: string | null;
  /** Free text as stored ('3/4', '1', …); the caller interprets it. */
  readonly meterSize: string | null;
  readonly startDate: LocalDate;
};

/**
 * Ids of the accounts with an active or stopped-but-not-final-billed (`pending_final`)
 * agreement at a premise of the cycle, ascending, after `afterAccountId`, at most `limit`.
 * Reads only.
 */
export async function billableAccountIds(
  q: Queryable,
  page: BillableAccountsPage,
): Promise<readonly number[]> {
  const r = await q.query<{ id: number }>(
    `SELECT DISTINCT sa.account_id AS id
       FROM service_agreement sa JOIN premise p ON p.id = sa.premise_id
      WHERE p.cycle = $1 AND sa.status IN ('active', 'pending_final') AND sa.account_id > $2
      ORDER BY sa.account_id LIMIT $3`,
    [page.cycle, page.afterAccountId, page.limit],
  );
  return r.rows.map((row) => row.id);
}

type AgreementRow = {
  id: number;
  status: string;
  account_id: number;
  service: string;
  rate_schedule: string;
  meter_number: string | null;
  meter_size: string | null;
  start_date: LocalDate;
  stop_date: LocalDate | null;
};

/** The agreements of `accountIds`, all or only the active ones, by account then agreement. */
async function agreementsOf(
  q: Queryable,
  accountIds: readonly number[],
  activeOnly: boolean,
): Promise<readonly BillableAgreement[]> {
  if (accountIds.length === 0) return [];
  const r = await q.query<AgreementRow>(
    `SELECT sa.id, sa.status, sa.account_id, sa.service, sa.rate_schedule, sa.meter_number,
            sa.meter_size, sa.start_date::text AS start_date, sa.stop_date::text AS stop_date
       FROM service_agreement sa
      WHERE sa.account_id = ANY($1::bigint[]) AND (NOT $2::bool OR sa.status = 'active')
      ORDER BY sa.account_id, sa.id`,
    [accountIds, activeOnly],
  );
  return r.rows.map((row) => ({
    agreementId: row.id,
    accountId: row.account_id,
    service: row.service,
    rateSchedule: row.rate_schedule,
    meterNumber: row.meter_number,
    meterSize: row.meter_size,
    startDate: row.start_date,
    stopDate: row.status === 'active' ? null : row.stop_date,
  }));
}

/**
 * All active agreements of `accountIds` (at any premise), ordered by account id then
 * agreement id. Accounts without an active agreement yield nothing. Reads only.
 */
export async function activeAgreementsOf(
  q: Queryable,
  accountIds: readonly number[],
): Promise<readonly ActiveAgreement[]> {
  return agreementsOf(q, accountIds, true);
}

/** An agreement the bill run may bill: its last day of service when it was stopped. */
export type BillableAgreement = ActiveAgreement & {
  /** The last day of service (`pending_final` or `closed`); null while active. */
  readonly stopDate: LocalDate | null;
};

/**
 * The agreements of `accountIds` the bill run considers: active ones, stopped ones waiting
 * for their final bill (`pending_final`), and closed ones (a rebill of a final period needs
 * them; the caller keeps only those whose last day falls in the period). Ordered by account
 * id then agreement id. Reads only.
 */
export async function billableAgreementsOf(
  q: Queryable,
  accountIds: readonly number[],
): Promise<readonly BillableAgreement[]> {
  return agreementsOf(q, accountIds, false);
}
