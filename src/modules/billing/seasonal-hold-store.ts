import { addDays, type LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { DayRange, SeasonalHoldPolicy } from './seasonal-hold-days.ts';

/** Services whose charges stop while they are off (water's fixed charges continue). */
export const offBilledServices: ReadonlySet<string> = new Set(['electric', 'gas']);

export type AccountOffDays = ReadonlyMap<string, readonly DayRange[]>;

/**
 * The placed seasonal holds of the accounts that start before `asOf`, as off days by
 * service (`[hold_from, hold_through + 1)`), one query per page of the bill run.
 */
export async function offDaysOf(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<ReadonlyMap<number, AccountOffDays>> {
  if (accountIds.length === 0) return new Map();
  const r = await q.query<{ account_id: number; f: LocalDate; t: LocalDate; services: string[] }>(
    `SELECT account_id::int AS account_id, hold_from::text AS f, hold_through::text AS t, services
       FROM seasonal_hold
      WHERE account_id = ANY($1::bigint[]) AND status = 'placed' AND hold_from < $2::date`,
    [accountIds, asOf],
  );
  const out = new Map<number, Map<string, DayRange[]>>();
  for (const row of r.rows) {
    let byService = out.get(row.account_id);
    if (byService === undefined) out.set(row.account_id, (byService = new Map()));
    for (const service of row.services) {
      const range = { from: row.f, to: addDays(row.t, 1) };
      const list = byService.get(service);
      if (list === undefined) byService.set(service, [range]);
      else list.push(range);
    }
  }
  return out;
}

/** The `offDays` input of an agreement of `service` (none for water and unheld services). */
export function offDaysFor(
  holds: AccountOffDays | undefined,
  service: string,
): { offDays?: readonly DayRange[] } {
  if (holds === undefined || !offBilledServices.has(service)) return {};
  const days = holds.get(service);
  return days === undefined ? {} : { offDays: days };
}

export async function seasonalHoldPolicy(q: Queryable): Promise<SeasonalHoldPolicy> {
  const r = await q.query<SeasonalHoldPolicy>(
    `SELECT months_min AS "monthsMin", months_max AS "monthsMax", lead_days_max AS "leadDaysMax"
       FROM seasonal_hold_policy WHERE id = 1`,
  );
  return r.rows[0]!;
}

export type SeasonalHoldView = {
  readonly holdId: number;
  readonly accountId: number;
  readonly status: 'placed' | 'cancelled';
  readonly from: LocalDate;
  readonly through: LocalDate;
  readonly services: readonly string[];
  readonly meterNumbers: readonly string[];
  readonly offOrderIds: readonly number[];
  readonly onOrderIds: readonly number[];
  readonly feeEntryId: number | null;
  readonly reason: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly cancelledBy: string | null;
  readonly cancelledAt: string | null;
};

const viewColumns = `id::int AS "holdId", account_id::int AS "accountId", status,
  hold_from::text AS "from", hold_through::text AS "through", services,
  meter_numbers AS "meterNumbers", off_order_ids::int[] AS "offOrderIds",
  on_order_ids::int[] AS "onOrderIds", fee_entry_id::int AS "feeEntryId", reason,
  created_by AS "createdBy", created_at AS "createdAt", cancelled_by AS "cancelledBy",
  cancelled_at AS "cancelledAt"`;

type ViewRow = Omit<SeasonalHoldView, 'createdAt' | 'cancelledAt'> & {
  createdAt: Date;
  cancelledAt: Date | null;
};

function view(r: ViewRow): SeasonalHoldView {
  return {
    ...r,
    createdAt: r.createdAt.toISOString(),
    cancelledAt: r.cancelledAt === null ? null : r.cancelledAt.toISOString(),
  };
}

/** The account's holds, newest first. */
export async function seasonalHoldsOf(
  q: Queryable,
  accountId: number,
): Promise<SeasonalHoldView[]> {
  const r = await q.query<ViewRow>(
    `SELECT ${viewColumns} FROM seasonal_hold WHERE account_id = $1
      ORDER BY hold_from DESC, id DESC`,
    [accountId],
  );
  return r.rows.map(view);
}

export async function seasonalHoldForUpdate(
  q: Queryable,
  holdId: number,
): Promise<SeasonalHoldView | null> {
  const r = await q.query<ViewRow>(
    `SELECT ${viewColumns} FROM seasonal_hold WHERE id = $1 FOR UPDATE`,
    [holdId],
  );
  return r.rows[0] ? view(r.rows[0]) : null;
}

/** A placed hold overlapping a bill period, as the bill shows it. */
export type BillHold = {
  readonly from: LocalDate;
  readonly through: LocalDate;
  readonly services: readonly string[];
};

/** The account's placed holds with days in `[periodStart, periodEnd)`, oldest first. */
export async function holdsDuring(
  q: Queryable,
  accountId: number,
  periodStart: LocalDate,
  periodEnd: LocalDate,
): Promise<BillHold[]> {
  const r = await q.query<BillHold>(
    `SELECT hold_from::text AS "from", hold_through::text AS through, services
       FROM seasonal_hold
      WHERE account_id = $1 AND status = 'placed' AND hold_from < $3::date
        AND hold_through >= $2::date
      ORDER BY hold_from`,
    [accountId, periodStart, periodEnd],
  );
  return r.rows;
}
