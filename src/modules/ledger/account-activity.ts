import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { EntryKind } from './types.ts';

/** One journal entry as it touched one customer account: for the account's timeline. */
export type AccountActivity = {
  readonly entryId: number;
  readonly kind: EntryKind;
  readonly memo: string;
  /** ISO-8601 UTC instant, to the millisecond. */
  readonly postedAt: string;
  readonly effectiveDate: string;
  readonly actorName: string;
  /** Net of the account's receivable lines (debits − credits): + charged, − credited. */
  readonly receivableCents: Cents;
  /** Net of its `deposit.held:*` lines (credits − debits): + held, − released or applied. */
  readonly depositCents: Cents;
  readonly reversesEntryId: number | null;
};

/**
 * The journal entries with lines on `accountId`, newest first (posted_at to the millisecond,
 * then id), at most `limit`, older than `before` when given: posted before `before.at`, or at
 * that millisecond with an id below `before.id` (0 = none at that millisecond). Entries in
 * `exclude` are left out (the caller shows them another way). Uses the `(account_id,
 * entry_id)` index; the grouping is per entry of the one account.
 */
export async function accountActivity(
  q: Queryable,
  accountId: number,
  options: {
    readonly limit: number;
    readonly before?: { readonly at: string; readonly id: number } | undefined;
    readonly exclude?: readonly number[];
  },
): Promise<AccountActivity[]> {
  const r = await q.query<
    Omit<AccountActivity, 'receivableCents' | 'depositCents'> & {
      receivable: string;
      deposit: string;
    }
  >(
    `WITH mine AS (
       SELECT l.entry_id,
              sum(l.debit_cents - l.credit_cents) FILTER (WHERE g.is_receivable) AS receivable,
              sum(l.credit_cents - l.debit_cents)
                FILTER (WHERE g.code LIKE 'deposit.held:%') AS deposit
         FROM journal_line l JOIN gl_account g ON g.code = l.gl_account
        WHERE l.account_id = $1 AND NOT (l.entry_id = ANY($4::int8[]))
        GROUP BY l.entry_id)
     SELECT e.id::int AS "entryId", e.kind, e.memo,
            to_char(date_trunc('milliseconds', e.posted_at) AT TIME ZONE 'UTC',
                    'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "postedAt",
            e.effective_date::text AS "effectiveDate", e.actor_name AS "actorName",
            e.reverses_entry_id::int AS "reversesEntryId",
            coalesce(m.receivable, 0)::text AS receivable, coalesce(m.deposit, 0)::text AS deposit
       FROM mine m JOIN journal_entry e ON e.id = m.entry_id
      WHERE $2::timestamptz IS NULL
         OR (date_trunc('milliseconds', e.posted_at), e.id) < ($2::timestamptz, $3::int8)
      ORDER BY date_trunc('milliseconds', e.posted_at) DESC, e.id DESC
      LIMIT $5`,
    [
      accountId,
      options.before?.at ?? null,
      options.before?.id ?? 0,
      options.exclude ?? [],
      options.limit,
    ],
  );
  return r.rows.map(({ receivable, deposit, ...row }) => ({
    ...row,
    receivableCents: cents(Number(receivable)),
    depositCents: cents(Number(deposit)),
  }));
}
