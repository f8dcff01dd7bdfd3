import { hashIdNumber, hashTaxId } from '../modules/customers/index.ts';
import type { Column } from './bulk-insert.ts';
import type {
  AccountPlan,
  AgreementPlan,
  ContactPlan,
  CustomerPlan,
  LandlordPremisePlan,
  NotePlan,
  PremisePlan,
  SpecialStatusPlan,
  VerificationPlan,
} from './plan-types.ts';

/** The name on history rows written by the loader (notes, statuses, verifications). */
export const conversionActorName = 'demo conversion';

/** Database ids and numbers reserved for the plan's rows, by plan index. */
export type LoadedIds = {
  readonly customerIds: readonly number[];
  readonly premiseIds: readonly number[];
  readonly premiseNos: readonly number[];
  readonly accountIds: readonly number[];
  readonly accountNos: readonly string[];
};

const at = (date: string): string => `${date}T17:00:00.000Z`;

export function customerColumns(ids: LoadedIds, nowIso: string): Column<CustomerPlan>[] {
  return [
    ['id', 'int8', (_, i) => ids.customerIds[i]],
    ['kind', 'text', (c) => c.kind],
    ['first_name', 'text', (c) => c.firstName],
    ['last_name', 'text', (c) => c.lastName],
    ['business_name', 'text', (c) => c.businessName],
    ['display_name', 'text', (c) => c.displayName],
    ['email', 'text', (c) => c.email],
    ['phone', 'text', (c) => c.phone],
    ['phone_alt', 'text', (c) => c.phoneAlt],
    ['language', 'text', (c) => c.language],
    ['tax_id_hash', 'text', (c) => (c.taxIdDigits === null ? null : hashTaxId(c.taxIdDigits))],
    ['tax_id_last4', 'text', (c) => c.taxIdDigits?.slice(-4) ?? null],
    ['birth_year', 'int2', (c) => c.birthYear],
    ['created_at', 'timestamptz', (c) => c.createdAt || nowIso],
    ['updated_at', 'timestamptz', (c) => c.createdAt || nowIso],
  ];
}

export function premiseColumns(ids: LoadedIds): Column<PremisePlan>[] {
  return [
    ['id', 'int8', (_, i) => ids.premiseIds[i]],
    ['premise_no', 'text', (_, i) => String(ids.premiseNos[i])],
    ['address_line1', 'text', (p) => p.line1],
    ['unit', 'text', (p) => p.unit],
    ['city', 'text', () => 'Mesa'],
    ['state', 'text', () => 'AZ'],
    ['zip', 'text', (p) => p.zip],
    ['latitude', 'numeric', (p) => p.latitude.toFixed(6)],
    ['longitude', 'numeric', (p) => p.longitude.toFixed(6)],
    ['parcel', 'text', (p) => p.parcel],
    ['premise_type', 'text', (p) => p.premiseType],
    ['electric_territory', 'bool', (p) => p.electricTerritory],
    ['gas_territory', 'bool', (p) => p.gasTerritory],
    ['cycle', 'int2', (p) => p.cycle],
    ['created_at', 'timestamptz', (p) => p.createdAt],
  ];
}

export function accountColumns(ids: LoadedIds): Column<AccountPlan>[] {
  return [
    ['id', 'int8', (_, i) => ids.accountIds[i]],
    ['account_no', 'text', (_, i) => ids.accountNos[i]],
    ['customer_id', 'int8', (a) => ids.customerIds[a.customer]],
    ['account_class', 'text', (a) => a.accountClass],
    ['status', 'text', (a) => a.status],
    ['opened_on', 'date', (a) => a.openedOn],
    ['closed_on', 'date', (a) => a.closedOn],
    ['mail_line1', 'text', (a) => a.mail[0]],
    ['mail_line2', 'text', (a) => a.mail[1]],
    ['mail_city', 'text', (a) => a.mail[2]],
    ['mail_state', 'text', (a) => a.mail[3]],
    ['mail_zip', 'text', (a) => a.mail[4]],
    ['due_day', 'int2', (a) => a.dueDay],
    ['paperless', 'bool', (a) => a.paperless],
    ['created_at', 'timestamptz', (a) => a.createdAt],
    ['updated_at', 'timestamptz', (a) => a.createdAt],
  ];
}

export function agreementColumns(ids: LoadedIds): Column<AgreementPlan>[] {
  return [
    ['account_id', 'int8', (g) => ids.accountIds[g.account]],
    ['premise_id', 'int8', (g) => ids.premiseIds[g.premise]],
    ['service', 'text', (g) => g.service],
    ['rate_schedule', 'text', (g) => g.rateSchedule],
    ['status', 'text', (g) => g.status],
    ['start_date', 'date', (g) => g.startDate],
    ['stop_date', 'date', (g) => g.stopDate],
    ['meter_number', 'text', (g) => g.meterNumber],
    ['meter_size', 'text', (g) => g.meterSize],
    ['created_at', 'timestamptz', (g) => at(g.startDate)],
  ];
}

/** One "account opened" timeline event per account. */
export function eventColumns(ids: LoadedIds): Column<AccountPlan>[] {
  return [
    ['account_id', 'int8', (_, i) => ids.accountIds[i]],
    ['at', 'timestamptz', (a) => a.createdAt],
    ['kind', 'text', () => 'account_opened'],
    ['summary', 'text', (_, i) => `Account ${ids.accountNos[i]} opened`],
    ['actor_name', 'text', () => conversionActorName],
    ['ref_type', 'text', () => 'account'],
    ['ref_id', 'text', (_, i) => String(ids.accountIds[i])],
  ];
}

export function contactColumns(ids: LoadedIds): Column<ContactPlan>[] {
  return [
    ['account_id', 'int8', (c) => ids.accountIds[c.account]],
    ['name', 'text', (c) => c.name],
    ['relationship', 'text', (c) => c.relationship],
    ['phone', 'text', (c) => c.phone],
    ['email', 'text', (c) => c.email],
    ['may_discuss', 'bool', (c) => c.mayDiscuss],
  ];
}

export function verificationColumns(ids: LoadedIds): Column<VerificationPlan>[] {
  return [
    ['customer_id', 'int8', (v) => ids.customerIds[v.customer]],
    ['id_type', 'text', (v) => v.idType],
    ['id_number_hash', 'text', (v) => hashIdNumber(v.idNumber)],
    ['id_last4', 'text', (v) => v.idNumber.slice(-4)],
    ['issuer', 'text', (v) => v.issuer],
    ['method', 'text', (v) => v.method],
    ['lease_checked', 'bool', (v) => v.leaseChecked],
    ['verified_by_name', 'text', () => conversionActorName],
    ['verified_at', 'timestamptz', (v) => v.verifiedAt],
  ];
}

export function noteColumns(ids: LoadedIds): Column<NotePlan>[] {
  return [
    ['account_id', 'int8', (n) => ids.accountIds[n.account]],
    ['category', 'text', (n) => n.category],
    ['body', 'text', (n) => n.body],
    ['created_by_name', 'text', () => conversionActorName],
    ['created_at', 'timestamptz', (n) => n.createdAt],
  ];
}

export function statusColumns(ids: LoadedIds): Column<SpecialStatusPlan>[] {
  return [
    ['account_id', 'int8', (s) => ids.accountIds[s.account]],
    ['status', 'text', (s) => s.status],
    ['starts_on', 'date', (s) => s.startsOn],
    ['ends_on', 'date', (s) => s.endsOn],
    ['reason', 'text', (s) => s.reason],
    ['reference', 'text', (s) => s.reference],
    ['set_by_name', 'text', () => conversionActorName],
    ['set_at', 'timestamptz', (s) => at(s.startsOn)],
  ];
}

export function landlordColumns(ids: LoadedIds): Column<LandlordPremisePlan>[] {
  return [
    ['account_id', 'int8', (l) => ids.accountIds[l.account]],
    ['premise_id', 'int8', (l) => ids.premiseIds[l.premise]],
    ['starts_on', 'date', (l) => l.startsOn],
  ];
}
