import type { paths } from '../api/schema.d.ts';

/** Shapes derived from the generated API types (never hand-copied). */
export type Overview =
  paths['/api/accounts/{accountId}']['get']['responses'][200]['content']['application/json'];
export type TimelinePage =
  paths['/api/accounts/{accountId}/timeline']['get']['responses'][200]['content']['application/json'];
export type TimelineEvent = TimelinePage['events'][number];
export type SpecialStatus = Overview['specialStatuses'][number];
export type StatusDetails =
  paths['/api/accounts/{accountId}/statuses']['post']['requestBody']['content']['application/json']['details'];
export type StatusKind = StatusDetails['status'];
export type ContactsBody =
  paths['/api/accounts/{accountId}/contacts']['put']['requestBody']['content']['application/json'];
export type Relationship = NonNullable<ContactsBody['add']>[number]['relationship'];
export type IdentityBody =
  paths['/api/customers/{customerId}/identity-verifications']['post']['requestBody']['content']['application/json'];
export type NoteCategory = NonNullable<
  paths['/api/accounts/{accountId}/notes']['post']['requestBody']
>['content']['application/json']['category'];

/** What an action tells the page after a successful change. */
export type Changed = (message: string) => Promise<void>;

export const statusLabels: Readonly<Record<StatusKind, string>> = {
  cash_only: 'Cash only',
  medical_certificate: 'Medical certificate',
  bankruptcy: 'Bankruptcy',
  landlord_agreement: 'Landlord agreement',
  deceased: 'Deceased',
};

export const relationships: readonly Relationship[] = [
  'spouse',
  'property_manager',
  'authorized_user',
  'roommate',
  'relative',
  'attorney',
  'other',
];

export const noteCategories: readonly NonNullable<NoteCategory>[] = [
  'general',
  'billing',
  'collections',
  'service',
  'field',
  'complaint',
  'fraud',
];

/** Words for codes where title case reads wrong. */
const wordFixes: Readonly<Record<string, string>> = {
  drivers_license: "Driver's license",
  state_id: 'State ID',
  military_id: 'Military ID',
  tribal_id: 'Tribal ID',
  matricula: 'Matrícula consular',
  id_check_service: 'ID check service',
  in_person: 'In person',
};

/** A code as words, e.g. 'drivers_license' → "Driver's license". */
export function words(code: string): string {
  return wordFixes[code] ?? code.replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());
}
