import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { bumpAccountVersion, lockAccount } from './account-lock.ts';
import { normalisePhone } from './pii.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { ServiceContext } from './types.ts';
import { refreshSearchDocuments } from './search-documents.ts';

export type AccountContactInput = {
  readonly name: string;
  readonly relationship: string;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly mayDiscuss?: boolean;
};

export type ChangeContactsInput = {
  readonly accountId: number;
  readonly expectedVersion: number;
  readonly add?: readonly AccountContactInput[];
  readonly update?: readonly (AccountContactInput & { readonly contactId: number })[];
  readonly remove?: readonly number[];
};

export type ChangeContactsCode = 'account_not_found' | 'stale_version' | 'contact_not_found';

/**
 * Adds, updates and removes the extra people on an account (spouse, property manager…)
 * in one change (ACC-4). Removed contacts keep their row with `removed_at` (history).
 *
 * Codes: `account_not_found`, `stale_version`, `contact_not_found` (an update or removal
 * names a contact that is not a current contact of this account).
 */
export async function changeContacts(
  tx: Tx,
  input: ChangeContactsInput,
  ctx: ServiceContext,
): Promise<
  Result<{ readonly version: number; readonly addedIds: readonly number[] }, ChangeContactsCode>
> {
  const locked = await lockAccount(tx, input.accountId, input.expectedVersion);
  if (!locked.ok) return locked;
  const current = await tx.query<{ id: number }>(
    'SELECT id FROM account_contact WHERE account_id = $1 AND removed_at IS NULL',
    [input.accountId],
  );
  const ids = new Set(current.rows.map((r) => r.id));
  const touched = [...(input.update ?? []).map((u) => u.contactId), ...(input.remove ?? [])];
  const missing = touched.find((id) => !ids.has(id));
  if (missing !== undefined) return err('contact_not_found', `contact ${missing}`);
  for (const u of input.update ?? []) {
    await tx.query(
      `UPDATE account_contact SET name = $2, relationship = $3, phone = $4, email = $5,
              may_discuss = $6 WHERE id = $1`,
      [u.contactId, ...contactValues(u)],
    );
  }
  if ((input.remove ?? []).length > 0) {
    await tx.query('UPDATE account_contact SET removed_at = $2 WHERE id = ANY($1::bigint[])', [
      input.remove,
      ctx.now,
    ]);
  }
  const addedIds: number[] = [];
  for (const a of input.add ?? []) {
    const r = await tx.query<{ id: number }>(
      `INSERT INTO account_contact (account_id, name, relationship, phone, email, may_discuss)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.accountId, ...contactValues(a)],
    );
    addedIds.push((r.rows[0] as { id: number }).id);
  }
  const version = await bumpAccountVersion(tx, input.accountId, ctx.now);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.contacts_changed',
    entityType: 'account',
    entityId: input.accountId,
    accountId: input.accountId,
    after: {
      added: addedIds,
      updated: (input.update ?? []).map((u) => u.contactId),
      removed: input.remove ?? [],
    },
  });
  const summary = `Contacts changed: ${addedIds.length} added, ${(input.update ?? []).length} updated, ${(input.remove ?? []).length} removed`;
  await recordTimelineEvent(
    tx,
    { accountId: input.accountId, kind: 'contacts_changed', summary },
    ctx,
  );
  await refreshSearchDocuments(tx, [input.accountId]);
  return ok({ version, addedIds });
}

function contactValues(c: AccountContactInput): unknown[] {
  return [
    c.name.trim(),
    c.relationship,
    c.phone ? normalisePhone(c.phone) : null,
    c.email?.trim().toLowerCase() || null,
    c.mayDiscuss ?? false,
  ];
}
