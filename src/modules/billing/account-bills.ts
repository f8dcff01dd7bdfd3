import { addDays, localDate, monthOf, yearOf, type LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { activeAgreementsOf } from '../customers/index.ts';
import { usageForAgreements, type RegisterKind } from '../metering/index.ts';

/** One of an account's bills, as the account page lists it. */
export type AccountBill = {
  readonly billId: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly billDate: string;
  readonly dueDate: string;
  readonly totalCents: number;
  readonly status: string;
};

/** An account's bills, newest first. */
export async function accountBills(
  q: Queryable,
  accountId: number,
  limit: number,
): Promise<readonly AccountBill[]> {
  const r = await q.query<AccountBill & { totalCents: string | number }>(
    `SELECT id AS "billId", period_start::text AS "periodStart", period_end::text AS "periodEnd",
            bill_date::text AS "billDate", due_date::text AS "dueDate",
            total_cents AS "totalCents", status
       FROM bill WHERE account_id = $1 ORDER BY bill_date DESC, id DESC LIMIT $2`,
    [accountId, limit],
  );
  return r.rows.map((b) => ({ ...b, totalCents: Number(b.totalCents) }));
}

/** The usage series of one metered service: a value per calendar month, oldest first. */
export type UsageSeries = {
  readonly service: string;
  readonly unit: RegisterKind;
  readonly months: readonly { readonly month: string; readonly usage: number }[];
};

export const usageMonths = 13;

const registerOf: Readonly<Record<string, RegisterKind>> = {
  electric: 'kwh',
  gas: 'therm',
  water: 'gallon',
  irrigation: 'gallon',
  hydrant: 'gallon',
};

/** The first day of the month `back` months before the month of `d`. */
function monthStart(d: LocalDate, back: number): LocalDate {
  const index = yearOf(d) * 12 + (monthOf(d) - 1) - back;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return localDate(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`);
}

/**
 * The last `usageMonths` calendar months up to the month of `today`, per metered service of
 * the account's active agreements: Σ usage of accepted reads dated in each month (metering),
 * agreements of one service added together. Months without reads are 0.
 */
export async function accountUsage(
  q: Queryable,
  accountId: number,
  today: LocalDate,
): Promise<readonly UsageSeries[]> {
  const agreements = (await activeAgreementsOf(q, [accountId])).filter(
    (a) => registerOf[a.service] !== undefined && a.meterNumber !== null,
  );
  const months = Array.from({ length: usageMonths }, (_, i) => {
    const start = monthStart(today, usageMonths - 1 - i);
    return {
      month: start.slice(0, 7),
      after: addDays(start, -1),
      through: addDays(monthStart(start, -1), -1),
    };
  });
  const requests = agreements.flatMap((a) =>
    months.map((m) => ({
      meterNumber: a.meterNumber,
      register: registerOf[a.service]!,
      after: m.after,
      through: m.through,
    })),
  );
  const usage = await usageForAgreements(q, requests);
  const byService = new Map<string, number[]>();
  agreements.forEach((a, ai) => {
    const sums = byService.get(a.service) ?? months.map(() => 0);
    months.forEach((_, mi) => {
      sums[mi]! += usage[ai * months.length + mi]!.usage;
    });
    byService.set(a.service, sums);
  });
  return [...byService].map(([service, sums]) => ({
    service,
    unit: registerOf[service]!,
    months: months.map((m, i) => ({ month: m.month, usage: sums[i]! })),
  }));
}
