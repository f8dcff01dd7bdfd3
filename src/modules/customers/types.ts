import type { Actor } from '../audit/index.ts';

/** What every service function receives from its shell (style.md §14: time is an input). */
export type ServiceContext = { readonly actor: Actor; readonly now: Date };

export const services = [
  'electric',
  'gas',
  'water',
  'wastewater',
  'solid_waste',
  'irrigation',
  'hydrant',
] as const;
export type Service = (typeof services)[number];

export const premiseTypes = [
  'single_family',
  'multi_unit',
  'commercial',
  'irrigation',
  'hydrant',
] as const;
export type PremiseType = (typeof premiseTypes)[number];

export const accountClasses = ['residential', 'commercial'] as const;
export type AccountClass = (typeof accountClasses)[number];

export type AccountStatus = 'active' | 'final' | 'closed' | 'written_off';
export type AgreementStatus = 'active' | 'pending_final' | 'closed';

export const specialStatusKinds = [
  'bankruptcy',
  'medical_certificate',
  'cash_only',
  'deceased',
  'landlord_agreement',
] as const;
export type SpecialStatusKind = (typeof specialStatusKinds)[number];

export type MailingAddress = {
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
};

/** The name an actor leaves in history rows (`set_by_name`, `actor_name`). */
export function actorName(actor: Actor): string {
  return actor.name;
}

/** The staff user id for `*_by` columns, null for customers and system jobs. */
export function actorStaffId(actor: Actor): number | null {
  return actor.kind === 'staff' ? actor.id : null;
}

/** SQL for a timestamptz column as an ISO-8601 UTC string (JSON-friendly, like the ledger). */
export function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
