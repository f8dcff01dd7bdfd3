import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { placeLinks, premiseIdsInCycle } from '../customers/index.ts';
import type { ServiceOrderKind } from './service-orders.ts';

export type QueueFilter = {
  readonly kind?: ServiceOrderKind | undefined;
  readonly cycle?: number | undefined;
  /** Only orders due on or before this day (overdue and today's work). */
  readonly dueBy?: LocalDate | undefined;
  /** The page after this order id (the previous page's `next`). */
  readonly afterId?: number | undefined;
  readonly limit?: number | undefined;
};

export type QueuedOrder = {
  readonly id: number;
  readonly kind: ServiceOrderKind;
  readonly premiseId: number;
  readonly address: string;
  readonly cycle: number;
  readonly accountId: number | null;
  readonly accountNo: string | null;
  readonly meterNumber: string | null;
  readonly reason: string;
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly dueOn: LocalDate | null;
};

type Row = Pick<
  QueuedOrder,
  'id' | 'kind' | 'premiseId' | 'accountId' | 'meterNumber' | 'reason' | 'note' | 'createdBy'
> & { createdAt: Date; dueOn: LocalDate | null };

/**
 * The dispatcher's work list (FLD): open service orders, oldest first, a page at a time, with
 * the premise's address and cycle and the account (the order's, else that of the meter's
 * agreement). Filters: kind, cycle, due by a day. Three queries a page, whatever its size.
 */
export async function openOrderQueue(
  q: Queryable,
  f: QueueFilter,
): Promise<{ orders: QueuedOrder[]; total: number; next: number | null }> {
  const limit = Math.min(Math.max(f.limit ?? 100, 1), 500);
  const premiseIds = f.cycle === undefined ? null : await premiseIdsInCycle(q, f.cycle);
  const where = `status = 'open' AND ($1::text IS NULL OR kind = $1)
        AND ($2::bigint[] IS NULL OR premise_id = ANY($2::bigint[]))
        AND ($3::date IS NULL OR due_on <= $3)`;
  const params = [f.kind ?? null, premiseIds, f.dueBy ?? null];
  const page = await q.query<Row>(
    `SELECT id::int AS id, kind, premise_id::int AS "premiseId", account_id::int AS "accountId",
            meter_number AS "meterNumber", reason, note, created_by AS "createdBy",
            created_at AS "createdAt", due_on AS "dueOn"
       FROM service_order
      WHERE ${where} AND id > $4
      ORDER BY id LIMIT $5`,
    [...params, f.afterId ?? 0, limit + 1],
  );
  const count = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM service_order WHERE ${where}`,
    params,
  );
  const rows = page.rows.slice(0, limit);
  const links = await placeLinks(q, rows);
  return {
    orders: rows.map((row, i) => {
      const link = links[i]!;
      return {
        ...row,
        address: link.address,
        cycle: link.cycle,
        accountId: link.accountId,
        accountNo: link.accountNo,
      };
    }),
    total: count.rows[0]!.n,
    next: page.rows.length > limit ? rows.at(-1)!.id : null,
  };
}
