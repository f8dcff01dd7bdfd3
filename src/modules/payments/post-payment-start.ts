import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { accountFactsJsonSql, accountFactsOfJson, type AccountFacts } from '../customers/index.ts';
import type { ApplicationRules } from './application.ts';
import { paymentColumns, toView, type PaymentRow, type StoredPayment } from './payment-store.ts';
import type { Tender } from './types.ts';

export type PaymentStart = {
  /** Null: no policy in effect on the date (the caller throws, after its account check). */
  readonly rules: ApplicationRules | null;
  readonly fee: { readonly rateMicros: number; readonly glRevenue: string } | null;
  /** The payment already posted with this idempotency key (a replay), or null. */
  readonly seen: StoredPayment | null;
  /** Customers' `accountFacts` on `date` when asked (`withFacts`); null: no such account. */
  readonly account?: AccountFacts | null;
};

/** The statement, without and with the account's facts (two fixed texts: both prepare). */
const startWithoutFacts = `SELECT pg_advisory_xact_lock(90, $1::int)::text AS locked,
          (SELECT json_build_object('buckets', buckets, 'fundOrder', fund_order,
                                    'overpaymentFund', overpayment_fund)
             FROM payment_application_policy
            WHERE effective_from <= $3::date
              AND (effective_to IS NULL OR effective_to >= $3::date)
            ORDER BY effective_from DESC LIMIT 1) AS rules,
          (SELECT json_build_object('rateMicros', rate_micros, 'glRevenue', gl_revenue)
             FROM payment_tender_fee
            WHERE tender = $2 AND effective_from <= $3::date
              AND (effective_to IS NULL OR effective_to >= $3::date)) AS fee,
          (SELECT row_to_json(p) FROM (SELECT ${paymentColumns} FROM payment
                                        WHERE idempotency_key = $4) p) AS seen`;
const startWithFacts = `${startWithoutFacts},
          ${accountFactsJsonSql('$1::int8', '$3::date')} AS facts`;

/**
 * The start of one payment in ONE statement (the hot path of issue 5): takes the account's
 * payment lock (`pg_advisory_xact_lock(90, account)`: payments of one account apply in turn,
 * each to what the one before left), and reads the application policy and the tender's fee
 * in effect on `date` and the payment already holding `idempotencyKey`.
 *
 * The statement's snapshot is taken before the lock is granted: fine for the policy rows
 * (configuration); a racing request with the same key that commits while this one waits is
 * caught by the payment INSERT's `ON CONFLICT (idempotency_key)`, which answers as a replay.
 * Balances must be read by a LATER statement (a new snapshot, after the lock).
 *
 * `withFacts`: the same statement also reads customers' account facts (`accountFactsJsonSql`,
 * what `accountFacts` reads), so a payment needs no statement of its own for them; like
 * before, they are read before the lock is granted.
 */
export async function lockedPaymentStart(
  tx: Tx,
  p: {
    readonly accountId: number;
    readonly tender: Tender;
    readonly date: LocalDate;
    readonly idempotencyKey: string;
    readonly withFacts?: boolean;
  },
): Promise<PaymentStart> {
  const r = await tx.query<{
    rules: ApplicationRules | null;
    fee: { rateMicros: number; glRevenue: string } | null;
    seen: PaymentRow | null;
    facts?: unknown;
  }>(p.withFacts ? startWithFacts : startWithoutFacts, [
    p.accountId,
    p.tender,
    p.date,
    p.idempotencyKey,
  ]);
  const row = r.rows[0]!;
  return {
    rules: row.rules,
    fee: row.fee && { rateMicros: Number(row.fee.rateMicros), glRevenue: row.fee.glRevenue },
    seen: row.seen && toView(row.seen, true),
    ...(p.withFacts ? { account: accountFactsOfJson(row.facts) } : {}),
  };
}
