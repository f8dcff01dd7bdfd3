import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { digitsOnly, hashTaxId, lastFour, normalisePhone } from './pii.ts';
import type { ServiceContext } from './types.ts';

export type NewCustomer = {
  readonly kind: 'person' | 'business';
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly businessName?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly phoneAlt?: string | null;
  readonly language?: 'en' | 'es';
  /** SSN, ITIN or EIN in any layout; only its HMAC and last four are stored. */
  readonly taxId?: string | null;
  readonly birthYear?: number | null;
};

export type CreateCustomerCode = 'invalid';

/** "Garcia, Maria" for a person, the business name for a business. */
export function displayNameOf(c: NewCustomer): string {
  if (c.kind === 'business') return (c.businessName ?? '').trim();
  const first = (c.firstName ?? '').trim();
  const last = (c.lastName ?? '').trim();
  return first ? `${last}, ${first}` : last;
}

/**
 * Creates a person or business customer. Phones are stored as digits, e-mail lower-cased,
 * the taxpayer number as an HMAC plus last four (never in clear).
 *
 * Codes: `invalid` — a person without a last name, a business without a name, or a
 * taxpayer number that is not 9 digits (the HTTP schema catches these first).
 */
export async function createCustomer(
  tx: Tx,
  input: NewCustomer,
  ctx: ServiceContext,
): Promise<Result<{ readonly customerId: number }, CreateCustomerCode>> {
  if (input.kind === 'person' && !input.lastName?.trim()) {
    return err('invalid', 'a person needs a last name', { lastName: 'required for a person' });
  }
  if (input.kind === 'business' && !input.businessName?.trim()) {
    return err('invalid', 'a business needs a name', { businessName: 'required for a business' });
  }
  const taxDigits = input.taxId ? digitsOnly(input.taxId) : null;
  if (taxDigits !== null && taxDigits.length !== 9) {
    return err('invalid', 'a taxpayer number has 9 digits', { taxId: 'must have 9 digits' });
  }
  const r = await tx.query<{ id: number }>(
    `INSERT INTO customer (kind, first_name, last_name, business_name, display_name, email,
       phone, phone_alt, language, tax_id_hash, tax_id_last4, birth_year, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
    [
      input.kind,
      input.firstName?.trim() || null,
      input.lastName?.trim() || null,
      input.businessName?.trim() || null,
      displayNameOf(input),
      input.email?.trim().toLowerCase() || null,
      input.phone ? normalisePhone(input.phone) : null,
      input.phoneAlt ? normalisePhone(input.phoneAlt) : null,
      input.language ?? 'en',
      taxDigits === null ? null : hashTaxId(taxDigits),
      taxDigits === null ? null : lastFour(taxDigits),
      input.birthYear ?? null,
      ctx.now,
    ],
  );
  const customerId = (r.rows[0] as { id: number }).id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'customer.created',
    entityType: 'customer',
    entityId: customerId,
    after: {
      kind: input.kind,
      displayName: displayNameOf(input),
      taxIdLast4: taxDigits?.slice(-4),
    },
  });
  return ok({ customerId });
}
