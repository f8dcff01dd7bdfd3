import type { LocalDate } from '../../core/dates.ts';
import { divRoundHalfEven, cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { Fund } from '../ledger/index.ts';
import type { ApplicationRules } from './application.ts';
import type { Bucket, Tender } from './types.ts';

/** The application policy in effect on `date` (payment_application_policy). */
export async function applicationRulesAsOf(
  q: Queryable,
  date: LocalDate,
): Promise<ApplicationRules> {
  const r = await q.query<{ buckets: Bucket[]; fundOrder: Fund[]; overpaymentFund: Fund }>(
    `SELECT buckets, fund_order AS "fundOrder", overpayment_fund AS "overpaymentFund"
       FROM payment_application_policy
      WHERE effective_from <= $1::date AND (effective_to IS NULL OR effective_to >= $1::date)
      ORDER BY effective_from DESC LIMIT 1`,
    [date],
  );
  const row = r.rows[0];
  if (!row) throw new Error(`no payment application policy in effect on ${date}`);
  return row;
}

/** A tender's percentage fee in effect on `date`, or null (payment_tender_fee). */
export async function tenderFeeAsOf(
  q: Queryable,
  tender: Tender,
  date: LocalDate,
): Promise<{ readonly rateMicros: number; readonly glRevenue: string } | null> {
  const r = await q.query<{ rateMicros: number; glRevenue: string }>(
    `SELECT rate_micros AS "rateMicros", gl_revenue AS "glRevenue" FROM payment_tender_fee
      WHERE tender = $1 AND effective_from <= $2::date
        AND (effective_to IS NULL OR effective_to >= $2::date)`,
    [tender, date],
  );
  const row = r.rows[0];
  return row ? { rateMicros: Number(row.rateMicros), glRevenue: row.glRevenue } : null;
}

/** amount × rate (micros of 1), rounded half-even to the cent once: 5000 × 2.37 % = 118.5 → 118. */
export function feeFor(amountCents: Cents, rateMicros: number): Cents {
  return cents(Number(divRoundHalfEven(BigInt(amountCents) * BigInt(rateMicros), 1_000_000n)));
}
