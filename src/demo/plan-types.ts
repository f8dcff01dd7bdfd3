/**
 * The demo city as plain rows, before it has database ids. Rows refer to each other by
 * index into the plan's arrays; the loader reserves ids from the tables' identity sequences
 * and maps indexes to ids (one round trip per chunk, never per row).
 */
export type CustomerPlan = {
  readonly kind: 'person' | 'business';
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly businessName: string | null;
  readonly displayName: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly phoneAlt: string | null;
  readonly language: 'en' | 'es';
  /** Fake taxpayer digits (9xx: never a real SSN); hashed by the loader. */
  readonly taxIdDigits: string | null;
  readonly birthYear: number | null;
  /** When the customer's first account opened (set by the planner as accounts are added). */
  createdAt: string;
};

export type PremiseType = 'single_family' | 'multi_unit' | 'commercial' | 'irrigation' | 'hydrant';

export type PremisePlan = {
  readonly line1: string;
  readonly unit: string | null;
  readonly zip: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly parcel: string;
  readonly premiseType: PremiseType;
  readonly electricTerritory: boolean;
  readonly gasTerritory: boolean;
  readonly cycle: number;
  readonly createdAt: string;
};

export type AccountStatus = 'active' | 'final' | 'closed' | 'written_off';

export type AccountPlan = {
  readonly customer: number;
  /** The premise that numbers the account ("<premise no>-…"). */
  readonly premise: number;
  readonly accountClass: 'residential' | 'commercial';
  readonly status: AccountStatus;
  readonly openedOn: string;
  readonly closedOn: string | null;
  readonly mail: readonly [
    line1: string,
    line2: string | null,
    city: string,
    state: string,
    zip: string,
  ];
  readonly dueDay: number | null;
  readonly paperless: boolean;
  readonly createdAt: string;
};

export type Service =
  'electric' | 'gas' | 'water' | 'wastewater' | 'solid_waste' | 'irrigation' | 'hydrant';

export type AgreementPlan = {
  readonly account: number;
  readonly premise: number;
  readonly service: Service;
  readonly rateSchedule: string;
  readonly status: 'active' | 'pending_final' | 'closed';
  readonly startDate: string;
  readonly stopDate: string | null;
  readonly meterNumber: string | null;
  readonly meterSize: string | null;
};

export type ContactPlan = {
  readonly account: number;
  readonly name: string;
  readonly relationship: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly mayDiscuss: boolean;
};

export type VerificationPlan = {
  readonly customer: number;
  readonly idType: string;
  readonly idNumber: string;
  readonly issuer: string;
  readonly method: 'in_person' | 'id_check_service' | 'document';
  readonly leaseChecked: boolean;
  readonly verifiedAt: string;
};

export type NotePlan = {
  readonly account: number;
  readonly category: string;
  readonly body: string;
  readonly createdAt: string;
};

export type SpecialStatusPlan = {
  readonly account: number;
  readonly status:
    'bankruptcy' | 'medical_certificate' | 'cash_only' | 'deceased' | 'landlord_agreement';
  readonly startsOn: string;
  readonly endsOn: string | null;
  readonly reason: string;
  readonly reference: string | null;
};

export type LandlordPremisePlan = {
  readonly account: number;
  readonly premise: number;
  readonly startsOn: string;
};

export type CityPlan = {
  readonly customers: CustomerPlan[];
  readonly premises: PremisePlan[];
  readonly accounts: AccountPlan[];
  readonly agreements: AgreementPlan[];
  readonly contacts: ContactPlan[];
  readonly verifications: VerificationPlan[];
  readonly notes: NotePlan[];
  readonly statuses: SpecialStatusPlan[];
  readonly landlordPremises: LandlordPremisePlan[];
};
