import { assert } from '../../core/assert.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import type { PostEntryInput } from '../ledger/index.ts';

/** The fund a service's money belongs to (the same mapping as bill-entry.ts). */
export const fundOfService: Readonly<Record<string, string>> = {
  electric: 'electric',
  gas: 'gas',
  water: 'water',
  irrigation: 'water',
  hydrant: 'water',
  wastewater: 'wastewater',
  solid_waste: 'solid_waste',
  account: 'general',
};

/** The services an adjustment may name ('account' = account-level charges, General Fund). */
export const adjustableServices = Object.keys(fundOfService);

const taxAccount: Readonly<Record<string, string>> = {
  'TAX-STATE': 'tax.payable.state:general',
  'TAX-COUNTY': 'tax.payable.county:general',
  'TAX-CITY': 'tax.payable.city:general',
};

export function fundOf(service: string): string {
  const fund = fundOfService[service];
  assert(fund !== undefined, `no fund for service ${service}`);
  return fund;
}

/** The tax payable GL account of a tax code, or undefined for a non-tax code. */
export function taxGlAccount(code: string): string | undefined {
  return taxAccount[code];
}

/**
 * The GL account an adjustment moves against the receivable: the bill line's own credit
 * account (its tax payable account for a tax line, else the service's revenue account, as
 * bill-entry.ts posts it). Pure.
 */
export function adjustmentGlAccount(service: string, lineCode: string | null): string {
  const tax = lineCode === null ? undefined : taxAccount[lineCode];
  if (tax !== undefined) return tax;
  if (service === 'account') return 'revenue.misc:general';
  if (service === 'irrigation') return 'revenue.service.irrigation:water';
  if (service === 'hydrant') return 'revenue.service.hydrant:water';
  return `revenue.service:${fundOf(service)}`;
}

export type AdjustmentPosting = {
  readonly adjustmentId: number;
  readonly accountId: number;
  readonly service: string;
  readonly lineCode: string | null;
  readonly direction: 'credit' | 'debit';
  readonly amountCents: Cents;
  readonly effectiveDate: LocalDate;
  readonly memo: string;
};

/** The source reference of an adjustment's journal entry. */
export function adjustmentSourceRef(adjustmentId: number): string {
  return `adjustment:${adjustmentId}`;
}

/**
 * One balanced entry, kind `adjustment` (pure). A credit lowers what the customer owes:
 * debit the revenue (or tax payable) account, credit `receivable:<fund>`. A debit is the
 * mirror.
 */
export function adjustmentEntry(a: AdjustmentPosting): PostEntryInput {
  const receivable = {
    glAccount: `receivable:${fundOf(a.service)}`,
    accountId: a.accountId,
  };
  const other = { glAccount: adjustmentGlAccount(a.service, a.lineCode) };
  const [debit, credit] = a.direction === 'credit' ? [other, receivable] : [receivable, other];
  return {
    kind: 'adjustment',
    sourceRef: adjustmentSourceRef(a.adjustmentId),
    effectiveDate: a.effectiveDate,
    memo: a.memo,
    lines: [
      { ...debit, debitCents: a.amountCents },
      { ...credit, creditCents: a.amountCents },
    ],
  };
}
