import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { AccountClass, AccountStatus } from './types.ts';

export type LockedAccount = {
  readonly id: number;
  readonly accountNo: string;
  readonly customerId: number;
  readonly accountClass: AccountClass;
  readonly status: AccountStatus;
  readonly version: number;
  readonly dueDay: number | null;
  readonly paperless: boolean;
};

/**
 * Locks an account row for a change (optimistic concurrency on top: the caller read
 * `expectedVersion`; a different current version is `stale_version`). Leave
 * `expectedVersion` undefined for internal changes that do not come from a form.
 */
export async function lockAccount(
  tx: Tx,
  accountId: number,
  expectedVersion?: number,
): Promise<Result<LockedAccount, 'account_not_found' | 'stale_version'>> {
  const r = await tx.query<LockedAccount>(
    `SELECT id, account_no AS "accountNo", customer_id AS "customerId",
            account_class AS "accountClass", status, version, due_day AS "dueDay", paperless
       FROM account WHERE id = $1 FOR UPDATE`,
    [accountId],
  );
  const row = r.rows[0];
  if (!row) return err('account_not_found');
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    return err('stale_version', `account is at version ${row.version}`);
  }
  return ok(row);
}

/** Bumps the account's version and updated_at; returns the new version. */
export async function bumpAccountVersion(tx: Tx, accountId: number, now: Date): Promise<number> {
  const r = await tx.query<{ version: number }>(
    'UPDATE account SET version = version + 1, updated_at = $2 WHERE id = $1 RETURNING version',
    [accountId, now],
  );
  return (r.rows[0] as { version: number }).version;
}
