import type { LocalDate } from '../../core/dates.ts';
import { cents, formatCents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';

/** The largest amount an actor may post alone; null = unlimited. */
export type ApprovalLimit = { readonly limitCents: Cents | null };

/**
 * The actor's approval limit on `date`: the largest limit of their roles in
 * `adjustment_approval_limit` (effective-dated data, migration 0085). A role without a row
 * contributes 0; any role with a null limit makes it unlimited.
 */
export async function approvalLimitOf(
  q: Queryable,
  roles: readonly string[],
  date: LocalDate,
): Promise<ApprovalLimit> {
  if (roles.length === 0) return { limitCents: cents(0) };
  const r = await q.query<{ limit_cents: number | null }>(
    `SELECT limit_cents FROM adjustment_approval_limit
      WHERE role = ANY($1::text[]) AND effective_from <= $2::date
        AND (effective_to IS NULL OR effective_to >= $2::date)`,
    [roles, date],
  );
  if (r.rows.some((row) => row.limit_cents === null)) return { limitCents: null };
  return { limitCents: cents(Math.max(0, ...r.rows.map((row) => Number(row.limit_cents)))) };
}

/** True when `amount` is within the limit. Pure. */
export function withinLimit(limit: ApprovalLimit, amount: Cents): boolean {
  return limit.limitCents === null || amount <= limit.limitCents;
}

/** "$50.00" or "unlimited", for refusal details. */
export function describeLimit(limit: ApprovalLimit): string {
  return limit.limitCents === null ? 'unlimited' : formatCents(limit.limitCents);
}

/** The active adjustment reason codes (migration 0085), for the picker. */
export async function adjustmentReasons(
  q: Queryable,
): Promise<readonly { readonly code: string; readonly description: string }[]> {
  const r = await q.query<{ code: string; description: string }>(
    'SELECT code, description FROM adjustment_reason WHERE active ORDER BY code',
  );
  return r.rows;
}
