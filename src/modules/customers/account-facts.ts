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
  const r = await q.query<Row>(`${factsSelect('$2::date')} WHERE a.id = ANY($1::int8[])`, [
    [...new Set(accountIds)],
    asOf,
  ]);
  for (const row of r.rows) {
    const f = factsOfRow(row);
    facts.set(f.accountId, f);
  }
  return facts;
}

/** The facts' SELECT … FROM … (no WHERE) on `asOfSql`, an SQL date expression. */
function factsSelect(asOfSql: string): string {
  return `SELECT a.id AS "accountId", a.account_no AS "accountNo", a.status,
            a.account_class AS "accountClass", a.customer_id AS "customerId",
            -- a scalar subquery (one primary-key probe per account): a join let the planner
            -- hash the whole customer table for a page of accounts (76 ms per bill-run page
            -- at 100,000 accounts on PGlite)
            (SELECT c.language FROM customer c WHERE c.id = a.customer_id) AS language,
            a.due_day AS "dueDay",
            coalesce((SELECT array_agg(DISTINCT s.status ORDER BY s.status)
                        FROM account_special_status s
                       WHERE s.account_id = a.id AND s.cleared_at IS NULL
                         AND s.starts_on <= ${asOfSql}
                         AND (s.ends_on IS NULL OR s.ends_on >= ${asOfSql})),
                     '{}'::text[]) AS "specialStatuses",
            coalesce(d.required, 0)::int8 AS "depositRequiredCents",
            d.fee_code AS "depositFeeCode"
       FROM account a
       LEFT JOIN LATERAL (
         SELECT sum(r.amount_cents) AS required, (array_agg(r.fee_code ORDER BY r.id))[1] AS fee_code
           FROM account_deposit_requirement r
          WHERE r.account_id = a.id AND r.status = 'required') d ON true`;
}

function factsOfRow(row: Row): AccountFacts {
  return {
    ...row,
    accountId: Number(row.accountId),
    customerId: Number(row.customerId),
    dueDay: row.dueDay === null ? null : Number(row.dueDay),
    cashOnly: row.specialStatuses.includes('cash_only'),
    depositRequiredCents: cents(Number(row.depositRequiredCents)),
  };
}

/**
 * For hot paths that read one account's facts inside a statement of their own (the single
 * payment, issue 5: one round trip instead of two), like audit's `auditInsertSql`: a scalar
 * subquery, the account's facts as JSON or NULL when there is no such account, over SQL
 * expressions for the account id (int8) and the date (date). Read it with `accountFactsOfJson`.
 */
export function accountFactsJsonSql(accountIdSql: string, asOfSql: string): string {
  return `(SELECT row_to_json(f) FROM (${factsSelect(asOfSql)} WHERE a.id = ${accountIdSql}) f)`;
}

/** The facts from `accountFactsJsonSql`'s JSON (null: no such account). */
export function accountFactsOfJson(json: unknown): AccountFacts | null {
  return json === null || json === undefined ? null : factsOfRow(json as Row);
}
