import type { Identity, NewCustomer } from './service-api.ts';

/** The new-customer and identity inputs as typed, their client checks (mirroring the
 * server's zod schemas) and the request parts built from them. */
export type CustomerDraft = {
  readonly kind: 'person' | 'business';
  readonly firstName: string;
  readonly lastName: string;
  readonly businessName: string;
  readonly phone: string;
  readonly email: string;
  readonly language: 'en' | 'es';
  readonly taxId: string;
};
export const emptyCustomer: CustomerDraft = {
  kind: 'person',
  firstName: '',
  lastName: '',
  businessName: '',
  phone: '',
  email: '',
  language: 'en',
  taxId: '',
};

export type IdentityDraft = {
  readonly idType: Identity['idType'];
  readonly idNumber: string;
  readonly issuer: string;
  readonly method: Identity['method'];
};
export const emptyIdentity: IdentityDraft = {
  idType: 'drivers_license',
  idNumber: '',
  issuer: '',
  method: 'in_person',
};

export type Errors = Readonly<Record<string, string | undefined>>;

const phoneRe = /^\+?1?[\s.\-()]*(\d[\s.\-()]*){10}$/;
const emailRe = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const taxIdRe = /^\d{3}-?\d{2}-?\d{4}$|^\d{2}-?\d{7}$/;
const idNumberRe = /^[A-Za-z0-9 -]+$/;

/** Problems with the typed values; `complete` also reports required fields left empty. */
export function customerErrors(d: CustomerDraft, complete: boolean): Errors {
  const e: Record<string, string> = {};
  if (d.kind === 'person' && complete && !d.lastName.trim()) e.lastName = 'Enter the last name.';
  if (d.kind === 'business' && complete && !d.businessName.trim())
    e.businessName = 'Enter the business name.';
  if (d.phone.trim() && !phoneRe.test(d.phone)) e.phone = 'A 10-digit US phone number.';
  if (d.email.trim() && (!emailRe.test(d.email.trim()) || d.email.length > 254))
    e.email = 'An e-mail address like name@example.com.';
  if (d.taxId.trim() && !taxIdRe.test(d.taxId.trim())) e.taxId = 'An SSN, ITIN or EIN: 9 digits.';
  return e;
}

export function identityErrors(d: IdentityDraft): Errors {
  const e: Record<string, string> = {};
  const n = d.idNumber.trim();
  if (!n) return e;
  if (n.length < 4 || n.length > 40) e.idNumber = '4 to 40 characters.';
  else if (!idNumberRe.test(n)) e.idNumber = 'Letters, digits, spaces and dashes only.';
  const issuer = d.issuer.trim();
  if (issuer && issuer.length < 2) e.issuer = 'At least 2 characters, e.g. AZ.';
  return e;
}

/** The newCustomer request part; null when a required name is missing. Invalid optional
 * fields are left out (the preview still runs; the submit is stopped by the checks). */
export function toNewCustomer(d: CustomerDraft): NewCustomer | null {
  const e = customerErrors(d, true);
  if (e.lastName || e.businessName) return null;
  const opt = (k: 'phone' | 'email' | 'taxId') => {
    const v = d[k].trim();
    return v && !e[k] ? { [k]: v } : {};
  };
  const names =
    d.kind === 'person'
      ? {
          lastName: d.lastName.trim(),
          ...(d.firstName.trim() ? { firstName: d.firstName.trim() } : {}),
        }
      : { businessName: d.businessName.trim() };
  return {
    kind: d.kind,
    ...names,
    language: d.language,
    ...opt('phone'),
    ...opt('email'),
    ...opt('taxId'),
  };
}

export function toIdentity(d: IdentityDraft): Identity | undefined {
  if (!d.idNumber.trim() || Object.keys(identityErrors(d)).length > 0) return undefined;
  return {
    idType: d.idType,
    idNumber: d.idNumber.trim(),
    method: d.method,
    leaseChecked: false,
    ...(d.issuer.trim() ? { issuer: d.issuer.trim() } : {}),
  };
}
