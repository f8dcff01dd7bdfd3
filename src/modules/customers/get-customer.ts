import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { maskTaxId } from './pii.ts';
import type { AccountClass, AccountStatus } from './types.ts';

export type CustomerView = {
  readonly customerId: number;
  readonly kind: 'person' | 'business';
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly businessName: string | null;
  readonly displayName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly phoneAlt: string | null;
  readonly language: 'en' | 'es';
  /** `***-**-1234`, or null when no taxpayer number is on file. Never the number itself. */
  readonly taxIdMasked: string | null;
  readonly birthYear: number | null;
  readonly version: number;
  readonly accounts: readonly {
    readonly accountId: number;
    readonly accountNo: string;
    readonly accountClass: AccountClass;
    readonly status: AccountStatus;
  }[];
};

/** One customer with masked identifiers and their accounts. Codes: `customer_not_found`. */
export async function getCustomer(
  q: Queryable,
  customerId: number,
): Promise<Result<CustomerView, 'customer_not_found'>> {
  const r = await q.query<
    Omit<CustomerView, 'taxIdMasked' | 'accounts'> & { last4: string | null }
  >(
    `SELECT id AS "customerId", kind, first_name AS "firstName", last_name AS "lastName",
            business_name AS "businessName", display_name AS "displayName", email, phone,
            phone_alt AS "phoneAlt", language, tax_id_last4 AS last4,
            birth_year AS "birthYear", version
       FROM customer WHERE id = $1`,
    [customerId],
  );
  const row = r.rows[0];
  if (!row) return err('customer_not_found');
  const accounts = await q.query<CustomerView['accounts'][number]>(
    `SELECT id AS "accountId", account_no AS "accountNo", account_class AS "accountClass", status
       FROM account WHERE customer_id = $1 ORDER BY id`,
    [customerId],
  );
  const { last4, ...rest } = row;
  return ok({ ...rest, taxIdMasked: maskTaxId(last4), accounts: accounts.rows });
}
