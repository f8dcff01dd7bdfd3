import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { AccountClass, AccountStatus, SpecialStatusKind } from './types.ts';

/** The few facts hot paths (payments, late fees, notices) need about an account. */
export type AccountFacts = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly status: AccountStatus;
  readonly accountClass: AccountClass;
  readonly customerId: number;
  readonly language: 'en' | 'es';
  /** Select Due Date (ACC-4); null = the cycle's default. */
  readonly dueDay: number | null;
  /** Special statuses open on `asOf` (not cleared, starts_on ≤ asOf ≤ ends_on), sorted. */
  readonly specialStatuses: readonly SpecialStatusKind[];
  /** An open `cash_only` status covers `asOf` (no check, no ACH). */
  readonly cashOnly: boolean;
  /**
   * Deposits required and not yet billed or waived (account_deposit_requirement). What is
   * still due is this minus the deposits held, which live in the ledger (accountBalances).
   */
  readonly depositRequiredCents: Cents;
  /** The fee code of the first open requirement (its fund), or null when none. */
  readonly depositFeeCode: string | null;
};

type Row = Omit<AccountFacts, 'cashOnly' | 'depositRequiredCents'> & {
  depositRequiredCents: number;
};

/**
 * The facts of many accounts in ONE query, keyed by account id; unknown ids are absent.
 * Hot paths use this instead of `getAccountOverview` (ten queries, PII, notes, premises):
 * a payment checks that the account exists, its cash-only status and its deposits; the
 * late-fee job its exempt statuses.
 */
export async function accountFacts(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<Map<number, AccountFacts>> {
  const facts = new Map<number, AccountFacts>();
  if (accountIds.length === 0) return facts;
  const r = await q.query<Row>(
    `SELECT a.id AS "accountId", a.account_no AS "accountNo", a.status,
            a.account_class AS "accountClass", a.customer_id AS "customerId", c.language,
            a.due_day AS "dueDay",
            coalesce((SELECT array_agg(DISTINCT s.status ORDER BY s.status)
                        FROM account_special_status s
                       WHERE s.account_id = a.id AND s.cleared_at IS NULL
                         AND s.starts_on <= $2::date
                         AND (s.ends_on IS NULL OR s.ends_on >= $2::date)),
                     '{}'::text[]) AS "specialStatuses",
            coalesce(d.required, 0)::int8 AS "depositRequiredCents",
            d.fee_code AS "depositFeeCode"
       FROM account a
       JOIN customer c ON c.id = a.customer_id
       LEFT JOIN LATERAL (
         SELECT sum(r.amount_cents) AS required, (array_agg(r.fee_code ORDER BY r.id))[1] AS fee_code
           FROM account_deposit_requirement r
          WHERE r.account_id = a.id AND r.status = 'required') d ON true
      WHERE a.id = ANY($1::int8[])`,
    [[...new Set(accountIds)], asOf],
  );
  for (const row of r.rows) {
    const accountId = Number(row.accountId);
    facts.set(accountId, {
      ...row,
      accountId,
      customerId: Number(row.customerId),
      dueDay: row.dueDay === null ? null : Number(row.dueDay),
      cashOnly: row.specialStatuses.includes('cash_only'),
      depositRequiredCents: cents(Number(row.depositRequiredCents)),
    });
  }
  return facts;
}
