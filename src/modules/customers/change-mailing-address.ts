import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { bumpAccountVersion, lockAccount } from './account-lock.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { MailingAddress, ServiceContext } from './types.ts';

/**
 * Changes where an account's bills and letters go (ACC-4). Audited with before/after.
 *
 * Codes: `account_not_found`; `stale_version` (someone changed the account since it was read).
 */
export async function changeMailingAddress(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly expectedVersion: number;
    readonly address: MailingAddress;
  },
  ctx: ServiceContext,
): Promise<Result<{ readonly version: number }, 'account_not_found' | 'stale_version'>> {
  const locked = await lockAccount(tx, input.accountId, input.expectedVersion);
  if (!locked.ok) return locked;
  const before = await tx.query<MailingAddress>(
    `SELECT mail_line1 AS line1, mail_line2 AS line2, mail_city AS city, mail_state AS state,
            mail_zip AS zip FROM account WHERE id = $1`,
    [input.accountId],
  );
  const a = input.address;
  await tx.query(
    `UPDATE account SET mail_line1 = $2, mail_line2 = $3, mail_city = $4, mail_state = $5,
            mail_zip = $6 WHERE id = $1`,
    [
      input.accountId,
      a.line1.trim(),
      a.line2?.trim() || null,
      a.city.trim(),
      a.state,
      a.zip.trim(),
    ],
  );
  const version = await bumpAccountVersion(tx, input.accountId, ctx.now);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.mailing_address_changed',
    entityType: 'account',
    entityId: input.accountId,
    accountId: input.accountId,
    before: before.rows[0],
    after: a,
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: input.accountId,
      kind: 'mailing_address_changed',
      summary: `Mailing address changed to ${a.line1}, ${a.city} ${a.zip}`,
    },
    ctx,
  );
  return ok({ version });
}
