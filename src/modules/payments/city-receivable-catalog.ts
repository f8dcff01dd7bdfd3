import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { Fund } from '../ledger/index.ts';

/** An item of the other-city-receivables catalog (PAY-3), as data (migration 0095). */
export type CityReceivableItem = {
  readonly code: string;
  readonly name: string;
  readonly fund: Fund;
  readonly glRevenue: string;
  /** Fixed price, or null when the cashier enters the amount (a fine). */
  readonly priceCents: Cents | null;
  /** What the cashier notes (citation number, permit number), or null. */
  readonly referenceLabel: string | null;
};

/** The active catalog, by name. */
export async function listCityReceivables(q: Queryable): Promise<CityReceivableItem[]> {
  const r = await q.query<Omit<CityReceivableItem, 'priceCents'> & { priceCents: string | null }>(
    `SELECT code, name, fund, gl_revenue AS "glRevenue", price_cents AS "priceCents",
            reference_label AS "referenceLabel"
       FROM city_receivable_item WHERE active ORDER BY name`,
  );
  return r.rows.map((x) => ({
    ...x,
    priceCents: x.priceCents === null ? null : cents(Number(x.priceCents)),
  }));
}
