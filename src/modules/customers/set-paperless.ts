import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { bumpAccountVersion, lockAccount } from './account-lock.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { ServiceContext } from './types.ts';

/**
 * Turns paperless billing on or off (ACC-4). Setting the current value again changes
 * nothing and records nothing.
 *
 * Codes: `account_not_found`, `stale_version`.
 */
export async function setPaperless(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly expectedVersion: number;
    readonly paperless: boolean;
  },
  ctx: ServiceContext,
): Promise<Result<{ readonly version: number }, 'account_not_found' | 'stale_version'>> {
  const locked = await lockAccount(tx, input.accountId, input.expectedVersion);
  if (!locked.ok) return locked;
  if (locked.value.paperless === input.paperless) return ok({ version: locked.value.version });
  await tx.query('UPDATE account SET paperless = $2 WHERE id = $1', [
    input.accountId,
    input.paperless,
  ]);
  const version = await bumpAccountVersion(tx, input.accountId, ctx.now);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.paperless_changed',
    entityType: 'account',
    entityId: input.accountId,
    accountId: input.accountId,
    before: { paperless: locked.value.paperless },
    after: { paperless: input.paperless },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: input.accountId,
      kind: 'paperless_changed',
      summary: input.paperless ? 'Paperless billing on' : 'Paperless billing off',
    },
    ctx,
  );
  return ok({ version });
}
