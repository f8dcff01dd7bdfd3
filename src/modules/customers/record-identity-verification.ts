import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hashIdNumber, lastFour, normaliseIdNumber } from './pii.ts';
import { recordTimelineEvent } from './timeline.ts';
import { actorName, actorStaffId, type ServiceContext } from './types.ts';

export const idTypes = [
  'drivers_license',
  'state_id',
  'passport',
  'military_id',
  'matricula',
  'tribal_id',
  'business_license',
  'other',
] as const;
export type IdType = (typeof idTypes)[number];

export const verificationMethods = ['in_person', 'id_check_service', 'document'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export type IdentityInput = {
  readonly idType: IdType;
  /** The document number as printed; stored only as an HMAC plus its last four. */
  readonly idNumber: string;
  readonly issuer?: string | null;
  readonly method: VerificationMethod;
  /** A signed lease showing tenant and landlord was checked (renters, §9.1). */
  readonly leaseChecked: boolean;
};

/**
 * Records that staff verified a customer's identity document (ACC-3): who and when come from
 * `ctx`. The number is never stored in clear. Noted on the timeline of the customer's
 * accounts.
 *
 * Codes: `customer_not_found`; `invalid` — a number with fewer than 4 letters or digits.
 */
export async function recordIdentityVerification(
  tx: Tx,
  input: IdentityInput & { readonly customerId: number },
  ctx: ServiceContext,
): Promise<
  Result<
    { readonly verificationId: number; readonly idLast4: string },
    'customer_not_found' | 'invalid'
  >
> {
  const number = normaliseIdNumber(input.idNumber);
  if (number.length < 4)
    return err('invalid', 'ID number too short', { idNumber: 'at least 4 letters or digits' });
  const c = await tx.query('SELECT 1 FROM customer WHERE id = $1', [input.customerId]);
  if (c.rowCount === 0) return err('customer_not_found');
  const idLast4 = lastFour(number);
  const r = await tx.query<{ id: number }>(
    `INSERT INTO identity_verification (customer_id, id_type, id_number_hash, id_last4, issuer,
       method, lease_checked, verified_by, verified_by_name, verified_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [
      input.customerId,
      input.idType,
      hashIdNumber(number),
      idLast4,
      input.issuer?.trim() || null,
      input.method,
      input.leaseChecked,
      actorStaffId(ctx.actor),
      actorName(ctx.actor),
      ctx.now,
    ],
  );
  const verificationId = (r.rows[0] as { id: number }).id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'customer.identity_verified',
    entityType: 'identity_verification',
    entityId: verificationId,
    after: {
      customerId: input.customerId,
      idType: input.idType,
      idLast4,
      method: input.method,
      leaseChecked: input.leaseChecked,
    },
  });
  const accounts = await tx.query<{ id: number }>('SELECT id FROM account WHERE customer_id = $1', [
    input.customerId,
  ]);
  await resolveIdentityWarnings(tx, input.customerId, ctx.now);
  for (const a of accounts.rows) {
    await recordTimelineEvent(
      tx,
      {
        accountId: a.id,
        kind: 'identity_verified',
        summary: `Identity verified: ${input.idType} ****${idLast4}`,
        refType: 'identity_verification',
        refId: verificationId,
      },
      ctx,
    );
  }
  return ok({ verificationId, idLast4 });
}

/** A verified identity answers the "identity not verified" warning on every account. */
async function resolveIdentityWarnings(tx: Tx, customerId: number, now: Date): Promise<void> {
  await tx.query(
    `UPDATE account_fraud_signal SET resolved_at = $2
      WHERE signal = 'identity_not_verified' AND resolved_at IS NULL
        AND account_id IN (SELECT id FROM account WHERE customer_id = $1)`,
    [customerId, now],
  );
}
