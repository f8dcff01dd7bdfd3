import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { normalisePhone } from './pii.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { ServiceContext } from './types.ts';
import { refreshSearchDocuments } from './search-documents.ts';

export type CustomerContactChange = {
  readonly customerId: number;
  readonly expectedVersion: number;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly phoneAlt?: string | null;
  readonly language?: 'en' | 'es';
};

type ContactRow = {
  email: string | null;
  phone: string | null;
  phone_alt: string | null;
  language: 'en' | 'es';
  version: number;
};

/**
 * Changes a customer's e-mail, phones or language (ACC-4). Fields left out stay as they are;
 * `null` clears one. Audited with before/after, and noted on the timeline of each of the
 * customer's accounts.
 *
 * Codes: `customer_not_found`; `stale_version` — someone changed the customer since
 * `expectedVersion` was read.
 */
export async function updateCustomer(
  tx: Tx,
  input: CustomerContactChange,
  ctx: ServiceContext,
): Promise<Result<{ readonly version: number }, 'customer_not_found' | 'stale_version'>> {
  const cur = await tx.query<ContactRow>(
    `SELECT email, phone, phone_alt, language, version FROM customer WHERE id = $1 FOR UPDATE`,
    [input.customerId],
  );
  const before = cur.rows[0];
  if (!before) return err('customer_not_found');
  if (before.version !== input.expectedVersion) {
    return err('stale_version', `customer is at version ${before.version}`);
  }
  const after: ContactRow = {
    email: input.email === undefined ? before.email : input.email?.trim().toLowerCase() || null,
    phone:
      input.phone === undefined ? before.phone : input.phone ? normalisePhone(input.phone) : null,
    phone_alt:
      input.phoneAlt === undefined
        ? before.phone_alt
        : input.phoneAlt
          ? normalisePhone(input.phoneAlt)
          : null,
    language: input.language ?? before.language,
    version: before.version + 1,
  };
  await tx.query(
    `UPDATE customer SET email = $2, phone = $3, phone_alt = $4, language = $5, version = $6,
            updated_at = $7 WHERE id = $1`,
    [
      input.customerId,
      after.email,
      after.phone,
      after.phone_alt,
      after.language,
      after.version,
      ctx.now,
    ],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'customer.contacts_changed',
    entityType: 'customer',
    entityId: input.customerId,
    before,
    after,
  });
  const accounts = await tx.query<{ id: number }>('SELECT id FROM account WHERE customer_id = $1', [
    input.customerId,
  ]);
  for (const a of accounts.rows) {
    await recordTimelineEvent(
      tx,
      { accountId: a.id, kind: 'contact_changed', summary: 'Customer phone/e-mail changed' },
      ctx,
    );
  }
  await refreshSearchDocuments(
    tx,
    accounts.rows.map((a) => a.id),
  );
  return ok({ version: after.version });
}
