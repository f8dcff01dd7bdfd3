import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';

/** The funds a fee can belong to (the ledger's funds). */
export type Fund = 'electric' | 'gas' | 'water' | 'wastewater' | 'solid_waste' | 'general';

/** One fee as it applies on a date. `glRevenue` is the ledger GL code to credit. */
export type Fee = {
  readonly code: string;
  readonly description: string;
  readonly amountCents: Cents;
  readonly glRevenue: string;
  readonly fund: Fund;
  readonly per: 'account' | 'service' | 'order' | 'meter';
};

/**
 * The version of fee `code` in effect on `date` (effective_from ≤ date ≤ effective_to).
 * Fees are data (demo-city-rates.md "Fees and policies"); the utility edits them with dates.
 *
 * Codes: `fee_not_found` — no version of the fee covers the date.
 */
export async function feeAsOf(
  q: Queryable,
  code: string,
  date: LocalDate,
): Promise<Result<Fee, 'fee_not_found'>> {
  const r = await q.query<{
    code: string;
    description: string;
    amount_cents: number;
    gl_revenue: string;
    fund: Fund;
    per: Fee['per'];
  }>(
    `SELECT code, description, amount_cents, gl_revenue, fund, per FROM fee_schedule
      WHERE code = $1 AND effective_from <= $2::date
        AND (effective_to IS NULL OR effective_to >= $2::date)`,
    [code, date],
  );
  const row = r.rows[0];
  if (!row) return err('fee_not_found', `no fee ${code} in effect on ${date}`);
  return ok({
    code: row.code,
    description: row.description,
    amountCents: cents(row.amount_cents),
    glRevenue: row.gl_revenue,
    fund: row.fund,
    per: row.per,
  });
}
