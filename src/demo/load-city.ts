import { formatAccountNumber } from '../core/ids.ts';
import type { Tx } from '../db/index.ts';
import { hashIdNumber, hashTaxId } from '../modules/customers/index.ts';
import { identitySequence, insertRows, reserveSequence, type Column } from './bulk-insert.ts';
import type {
  AccountPlan, AgreementPlan, CityPlan, ContactPlan, CustomerPlan, LandlordPremisePlan, NotePlan,
  PremisePlan, SpecialStatusPlan, VerificationPlan,
} from './plan-types.ts';

/** The name on history rows written by the loader (notes, statuses, verifications). */
export const conversionActorName = 'demo conversion';

export type LoadedIds = {
  readonly customerIds: number[];
  readonly premiseIds: number[];
  readonly accountIds: number[];
  readonly accountNos: string[];
};

/**
 * Writes a planned city into the customers tables like a conversion load: explicit ids
 * reserved from the identity sequences link the rows, so each table is written with a few
 * set-based statements whatever the city's size.
 */
export async function loadCity(tx: Tx, plan: CityPlan, now: Date, onRows: (n: number) => void): Promise<LoadedIds> {
  const nowIso = now.toISOString();
  const customerIds = await reserveSequence(tx, identitySequence('customer'), plan.customers.length);
  const premiseIds = await reserveSequence(tx, identitySequence('premise'), plan.premises.length);
  const accountIds = await reserveSequence(tx, identitySequence('account'), plan.accounts.length);
  const premiseNos = await reserveSequence(tx, `'premise_no_seq'`, plan.premises.length);
  const accountSeqs = await reserveSequence(tx, `'account_no_seq'`, plan.accounts.length);
  const accountNos = plan.accounts.map((a, i) => formatAccountNumber(premiseNos[a.premise] as number, accountSeqs[i] as number));
  const id = (ids: number[], ix: number): number => ids[ix] as number;
  const opts = { overridingIds: true, onChunk: onRows };

  await insertRows<CustomerPlan>(tx, 'customer', [
    ['id', 'int8', (_, i) => id(customerIds, i)], ['kind', 'text', (c) => c.kind],
    ['first_name', 'text', (c) => c.firstName], ['last_name', 'text', (c) => c.lastName],
    ['business_name', 'text', (c) => c.businessName], ['display_name', 'text', (c) => c.displayName],
    ['email', 'text', (c) => c.email], ['phone', 'text', (c) => c.phone],
    ['phone_alt', 'text', (c) => c.phoneAlt], ['language', 'text', (c) => c.language],
    ['tax_id_hash', 'text', (c) => (c.taxIdDigits === null ? null : hashTaxId(c.taxIdDigits))],
    ['tax_id_last4', 'text', (c) => c.taxIdDigits?.slice(-4) ?? null],
    ['birth_year', 'int2', (c) => c.birthYear],
    ['created_at', 'timestamptz', (c) => c.createdAt || nowIso],
    ['updated_at', 'timestamptz', (c) => c.createdAt || nowIso],
  ], plan.customers, opts);

  await insertRows<PremisePlan>(tx, 'premise', [
    ['id', 'int8', (_, i) => id(premiseIds, i)], ['premise_no', 'text', (_, i) => String(premiseNos[i])],
    ['address_line1', 'text', (p) => p.line1], ['unit', 'text', (p) => p.unit],
    ['city', 'text', () => 'Mesa'], ['state', 'text', () => 'AZ'], ['zip', 'text', (p) => p.zip],
    ['latitude', 'numeric', (p) => p.latitude.toFixed(6)], ['longitude', 'numeric', (p) => p.longitude.toFixed(6)],
    ['parcel', 'text', (p) => p.parcel], ['premise_type', 'text', (p) => p.premiseType],
    ['electric_territory', 'bool', (p) => p.electricTerritory], ['gas_territory', 'bool', (p) => p.gasTerritory],
    ['cycle', 'int2', (p) => p.cycle], ['created_at', 'timestamptz', (p) => p.createdAt],
  ], plan.premises, opts);

  await insertRows<AccountPlan>(tx, 'account', [
    ['id', 'int8', (_, i) => id(accountIds, i)], ['account_no', 'text', (_, i) => accountNos[i]],
    ['customer_id', 'int8', (a) => id(customerIds, a.customer)], ['account_class', 'text', (a) => a.accountClass],
    ['status', 'text', (a) => a.status], ['opened_on', 'date', (a) => a.openedOn],
    ['closed_on', 'date', (a) => a.closedOn], ['mail_line1', 'text', (a) => a.mail[0]],
    ['mail_line2', 'text', (a) => a.mail[1]], ['mail_city', 'text', (a) => a.mail[2]],
    ['mail_state', 'text', (a) => a.mail[3]], ['mail_zip', 'text', (a) => a.mail[4]],
    ['due_day', 'int2', (a) => a.dueDay], ['paperless', 'bool', (a) => a.paperless],
    ['created_at', 'timestamptz', (a) => a.createdAt], ['updated_at', 'timestamptz', (a) => a.createdAt],
  ], plan.accounts, opts);

  await loadAccountRows(tx, plan, { customerIds, premiseIds, accountIds, accountNos }, onRows);
  return { customerIds, premiseIds, accountIds, accountNos };
}

async function loadAccountRows(tx: Tx, plan: CityPlan, ids: LoadedIds, onRows: (n: number) => void) {
  const acc = (ix: number): number => ids.accountIds[ix] as number;
  const opts = { onChunk: onRows };
  await insertRows<AgreementPlan>(tx, 'service_agreement', [
    ['account_id', 'int8', (g) => acc(g.account)], ['premise_id', 'int8', (g) => ids.premiseIds[g.premise]],
    ['service', 'text', (g) => g.service], ['rate_schedule', 'text', (g) => g.rateSchedule],
    ['status', 'text', (g) => g.status], ['start_date', 'date', (g) => g.startDate],
    ['stop_date', 'date', (g) => g.stopDate], ['meter_number', 'text', (g) => g.meterNumber],
    ['meter_size', 'text', (g) => g.meterSize], ['created_at', 'timestamptz', (g) => `${g.startDate}T17:00:00.000Z`],
  ], plan.agreements, opts);
  await insertRows<AccountPlan>(tx, 'account_event', [
    ['account_id', 'int8', (_, i) => acc(i)], ['at', 'timestamptz', (a) => a.createdAt],
    ['kind', 'text', () => 'account_opened'], ['summary', 'text', (_, i) => `Account ${ids.accountNos[i]} opened`],
    ['actor_name', 'text', () => conversionActorName], ['ref_type', 'text', () => 'account'],
    ['ref_id', 'text', (_, i) => String(acc(i))],
  ], plan.accounts, opts);
  await insertRows<ContactPlan>(tx, 'account_contact', [
    ['account_id', 'int8', (c) => acc(c.account)], ['name', 'text', (c) => c.name],
    ['relationship', 'text', (c) => c.relationship], ['phone', 'text', (c) => c.phone],
    ['email', 'text', (c) => c.email], ['may_discuss', 'bool', (c) => c.mayDiscuss],
  ], plan.contacts, opts);
  await insertRows<VerificationPlan>(tx, 'identity_verification', [
    ['customer_id', 'int8', (v) => ids.customerIds[v.customer]], ['id_type', 'text', (v) => v.idType],
    ['id_number_hash', 'text', (v) => hashIdNumber(v.idNumber)], ['id_last4', 'text', (v) => v.idNumber.slice(-4)],
    ['issuer', 'text', (v) => v.issuer], ['method', 'text', (v) => v.method],
    ['lease_checked', 'bool', (v) => v.leaseChecked], ['verified_by_name', 'text', () => conversionActorName],
    ['verified_at', 'timestamptz', (v) => v.verifiedAt],
  ], plan.verifications, opts);
  await insertRows<NotePlan>(tx, 'account_note', [
    ['account_id', 'int8', (n) => acc(n.account)], ['category', 'text', (n) => n.category],
    ['body', 'text', (n) => n.body], ['created_by_name', 'text', () => conversionActorName],
    ['created_at', 'timestamptz', (n) => n.createdAt],
  ], plan.notes, opts);
  await insertRows<SpecialStatusPlan>(tx, 'account_special_status', [
    ['account_id', 'int8', (s) => acc(s.account)], ['status', 'text', (s) => s.status],
    ['starts_on', 'date', (s) => s.startsOn], ['ends_on', 'date', (s) => s.endsOn],
    ['reason', 'text', (s) => s.reason], ['reference', 'text', (s) => s.reference],
    ['set_by_name', 'text', () => conversionActorName], ['set_at', 'timestamptz', (s) => `${s.startsOn}T17:00:00.000Z`],
  ], plan.statuses, opts);
  await insertRows<LandlordPremisePlan>(tx, 'landlord_premise', [
    ['account_id', 'int8', (l) => acc(l.account)], ['premise_id', 'int8', (l) => ids.premiseIds[l.premise]],
    ['starts_on', 'date', (l) => l.startsOn],
  ], plan.landlordPremises, opts);
}

/** Rows the loader writes, for progress reporting. */
export function rowsToLoad(plan: CityPlan): number {
  return plan.customers.length + plan.premises.length + 2 * plan.accounts.length +
    plan.agreements.length + plan.contacts.length + plan.verifications.length +
    plan.notes.length + plan.statuses.length + plan.landlordPremises.length;
}
