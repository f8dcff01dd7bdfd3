import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { DenominationCount } from './drawer-count.ts';
import type {
  DrawerReceipts,
  DrawerStatus,
  DrawerTender,
  DrawerView,
  TenderTotals,
} from './drawer-types.ts';

type Row = {
  drawerId: string;
  cashierId: string;
  cashierName: string;
  businessDate: LocalDate;
  status: DrawerStatus;
  floatCount: DenominationCount;
  floatCents: string;
  openedAt: string;
  closedAt: string | null;
  closeCount: DenominationCount | null;
  expected: TenderTotals | null;
  counted: TenderTotals | null;
  overShortCents: string | null;
  overShortEntryId: string | null;
  verifiedAt: string | null;
  verifiedBy: string | null;
  depositId: string | null;
};

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const columns = `id AS "drawerId", cashier_id AS "cashierId", cashier_name AS "cashierName",
  business_date::text AS "businessDate", status, float_count AS "floatCount",
  float_cents AS "floatCents", ${iso('opened_at')} AS "openedAt", ${iso('closed_at')} AS "closedAt",
  close_count AS "closeCount", expected, counted, over_short_cents AS "overShortCents",
  over_short_entry_id AS "overShortEntryId", ${iso('verified_at')} AS "verifiedAt",
  verified_by AS "verifiedBy", deposit_id AS "depositId"`;

const num = (v: string | null) => (v === null ? null : Number(v));

/** Receipts into drawers by tender: posted payments (amount + fee) and city receivable sales
 * (a voided transaction's are left out: its payments are `reversed`, its sales skipped). */
export async function drawerReceipts(
  q: Queryable,
  drawerIds: readonly number[],
): Promise<Map<number, DrawerReceipts>> {
  const r = await q.query<{ drawerId: string; tender: DrawerTender; n: string; total: string }>(
    `SELECT drawer_id AS "drawerId", tender, sum(n) AS n, sum(total) AS total FROM (
       SELECT drawer_id, tender, count(*) AS n, sum(amount_cents + fee_cents) AS total
         FROM payment WHERE drawer_id = ANY($1::bigint[]) AND status = 'posted'
        GROUP BY drawer_id, tender
       UNION ALL
       SELECT drawer_id, tender, count(*), sum(amount_cents)
         FROM city_receivable_sale WHERE drawer_id = ANY($1::bigint[])
          AND NOT EXISTS (SELECT 1 FROM window_transaction w
                           WHERE w.id = transaction_id AND w.voided_at IS NOT NULL)
        GROUP BY drawer_id, tender) t
      GROUP BY drawer_id, tender`,
    [drawerIds],
  );
  const out = new Map<number, DrawerReceipts>();
  const zero = () => ({ count: 0, cents: cents(0) });
  for (const id of drawerIds) out.set(id, { cash: zero(), check: zero(), card: zero() });
  for (const row of r.rows) {
    const m = out.get(Number(row.drawerId)) as Record<
      DrawerTender,
      { count: number; cents: Cents }
    >;
    m[row.tender] = { count: Number(row.n), cents: cents(Number(row.total)) };
  }
  return out;
}

async function dropsOf(q: Queryable, drawerIds: readonly number[]): Promise<Map<number, Cents>> {
  const r = await q.query<{ drawerId: string; total: string }>(
    `SELECT drawer_id AS "drawerId", sum(amount_cents) AS total FROM cash_drawer_drop
      WHERE drawer_id = ANY($1::bigint[]) GROUP BY drawer_id`,
    [drawerIds],
  );
  return new Map(r.rows.map((x) => [Number(x.drawerId), cents(Number(x.total))]));
}

async function views(q: Queryable, rows: readonly Row[]): Promise<DrawerView[]> {
  const ids = rows.map((r) => Number(r.drawerId));
  const receipts = await drawerReceipts(q, ids);
  const drops = await dropsOf(q, ids);
  return rows.map((r) => {
    const id = Number(r.drawerId);
    return {
      ...r,
      drawerId: id,
      cashierId: Number(r.cashierId),
      floatCents: cents(Number(r.floatCents)),
      overShortCents: r.overShortCents === null ? null : cents(Number(r.overShortCents)),
      overShortEntryId: num(r.overShortEntryId),
      depositId: num(r.depositId),
      receipts: receipts.get(id)!,
      dropsCents: drops.get(id) ?? cents(0),
    };
  });
}

export async function readDrawer(
  q: Queryable,
  drawerId: number,
  forUpdate = false,
): Promise<DrawerView | null> {
  const r = await q.query<Row>(
    `SELECT ${columns} FROM cash_drawer WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [drawerId],
  );
  return r.rows[0] ? (await views(q, r.rows))[0]! : null;
}

export type DrawerFilter = {
  readonly cashierId?: number;
  readonly businessDate?: LocalDate;
  readonly status?: DrawerStatus;
};

/** Drawers, newest first, filtered by cashier, business date and status. */
export async function readDrawers(q: Queryable, f: DrawerFilter): Promise<DrawerView[]> {
  const r = await q.query<Row>(
    `SELECT ${columns} FROM cash_drawer
      WHERE ($1::bigint IS NULL OR cashier_id = $1) AND ($2::date IS NULL OR business_date = $2)
        AND ($3::text IS NULL OR status = $3)
      ORDER BY id DESC LIMIT 200`,
    [f.cashierId ?? null, f.businessDate ?? null, f.status ?? null],
  );
  return views(q, r.rows);
}
