import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { accountBalances } from '../ledger/index.ts';
import { bumpAccountVersion, lockAccount } from './account-lock.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { AccountClass, ServiceContext } from './types.ts';

/**
 * Select Due Date policy (demo-city-facts §9.2, mesaaz.gov "Select Due Date"): residential
 * only; the balance must be paid in full to enrol; a day of the month 1–28 so that it exists
 * in every month. Policy values are data here; a utility changes them in one place.
 */
export const selectDueDatePolicy = {
  accountClasses: ['residential'] as readonly AccountClass[],
  dayMin: 1,
  dayMax: 28,
  /** Refuse while the account owes anything (Mesa: "balance paid in full to enrol"). */
  requirePaidInFull: true,
} as const;

export type DueDayFacts = {
  readonly accountClass: AccountClass;
  readonly dueDay: number | null;
  readonly balanceCents: number;
};

/** Why the policy refuses a due-day choice, or null when it is allowed. Pure. */
export function dueDayRefusal(
  policy: typeof selectDueDatePolicy,
  facts: DueDayFacts,
): string | null {
  if (facts.dueDay === null) return null; // back to the cycle's default is always allowed
  if (!policy.accountClasses.includes(facts.accountClass)) {
    return `Select Due Date is for ${policy.accountClasses.join(', ')} accounts only`;
  }
  if (facts.dueDay < policy.dayMin || facts.dueDay > policy.dayMax) {
    return `the due day must be between ${policy.dayMin} and ${policy.dayMax}`;
  }
  if (policy.requirePaidInFull && facts.balanceCents > 0) {
    return 'the balance must be paid in full first';
  }
  return null;
}

export type ChangeDueDayCode =
  'account_not_found' | 'stale_version' | 'account_closed' | 'due_day_not_allowed';

/**
 * Sets the account's preferred due day (Select Due Date) or, with `dueDay: null`, returns
 * it to the cycle default.
 *
 * Codes: `account_not_found`, `stale_version`, `account_closed` (not active),
 * `due_day_not_allowed` (the policy refuses; `detail` says why).
 */
export async function changeDueDay(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly expectedVersion: number;
    readonly dueDay: number | null;
  },
  ctx: ServiceContext,
): Promise<Result<{ readonly version: number }, ChangeDueDayCode>> {
  const locked = await lockAccount(tx, input.accountId, input.expectedVersion);
  if (!locked.ok) return locked;
  const account = locked.value;
  if (account.status !== 'active') return err('account_closed');
  const balances = await accountBalances(tx, input.accountId);
  const refusal = dueDayRefusal(selectDueDatePolicy, {
    accountClass: account.accountClass,
    dueDay: input.dueDay,
    balanceCents: balances.totalCents,
  });
  if (refusal !== null) return err('due_day_not_allowed', refusal);
  await tx.query('UPDATE account SET due_day = $2 WHERE id = $1', [input.accountId, input.dueDay]);
  const version = await bumpAccountVersion(tx, input.accountId, ctx.now);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.due_day_changed',
    entityType: 'account',
    entityId: input.accountId,
    accountId: input.accountId,
    before: { dueDay: account.dueDay },
    after: { dueDay: input.dueDay },
  });
  const summary =
    input.dueDay === null
      ? 'Due date back to the cycle default'
      : `Due date set to day ${input.dueDay}`;
  await recordTimelineEvent(
    tx,
    { accountId: input.accountId, kind: 'due_day_changed', summary },
    ctx,
  );
  return ok({ version });
}
