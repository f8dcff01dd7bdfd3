import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import type { NewCustomer } from './create-customer.ts';
import { decideFraud, fraudSignals, type FraudDecision } from './fraud-signals.ts';
import { gatherFraudFacts } from './fraud-facts.ts';
import { hashIdNumber, hashTaxId, digitsOnly, normaliseIdNumber } from './pii.ts';
import { defaultRateSchedule } from './rate-schedule-defaults.ts';
import type { IdentityInput } from './record-identity-verification.ts';
import { planDeposits, planStartFees, type PlannedDeposit, type PlannedFee } from './start-fees.ts';
import { loadStartTargets, type StartTargets } from './start-targets.ts';
import { binsRefusal, type SolidWasteDetails } from './solid-waste-service.ts';
import type { AccountClass, MailingAddress, Service } from './types.ts';

export type ServiceRequest = {
  readonly service: Service;
  readonly rateSchedule?: string;
  readonly meterNumber?: string | null;
  readonly meterSize?: string | null;
  /** Solid waste (SW-COMM): the bins, stored with the agreement (solid-waste-service.ts). */
  readonly bins?: SolidWasteDetails;
};

export type StartServiceInput = {
  /** Exactly one of customerId, newCustomer or accountId identifies who. */
  readonly customerId?: number;
  readonly newCustomer?: NewCustomer;
  /** Start on this existing account; without it a new account is opened. */
  readonly accountId?: number;
  /** For a new account; defaults from the premise type (commercial, irrigation, hydrant →
   * commercial, else residential). */
  readonly accountClass?: AccountClass;
  readonly mailingAddress?: MailingAddress;
  readonly premiseId: number;
  readonly services: readonly ServiceRequest[];
  readonly startDate: LocalDate;
  /** Same-day or after-hours turn-on: adds the same_day fee. */
  readonly sameDay?: boolean;
  /** An identity document verified at this start; recorded with the customer. */
  readonly identity?: IdentityInput;
  readonly fraudOverride?: { readonly reason: string };
  /** The caller holds permission fraud.override (the shell says so; services know no HTTP). */
  readonly canOverrideFraud: boolean;
  /** The customer accepted the deposit(s) the start requires. */
  readonly acceptDeposit?: boolean;
};

export type PlannedAgreement = ServiceRequest & { readonly rateSchedule: string };

/** Everything a start would do, computed without writing (the preview shows it). */
export type StartPlan = StartTargets & {
  readonly accountClass: AccountClass;
  readonly agreements: readonly PlannedAgreement[];
  /** Agreements of a landlord's account at this premise that the start ends (stop dates). */
  readonly supersede: readonly {
    readonly agreementId: number;
    readonly service: Service;
    readonly stopDate: LocalDate;
  }[];
  readonly fees: readonly PlannedFee[];
  readonly totalFeesCents: number;
  readonly fraud: FraudDecision;
  readonly deposits: readonly PlannedDeposit[];
};

export type PlanStartCode =
  | 'invalid'
  | 'customer_not_found'
  | 'account_not_found'
  | 'premise_not_found'
  | 'account_closed'
  | 'account_deceased'
  | 'account_customer_mismatch'
  | 'service_not_available'
  | 'service_already_active'
  | 'fraud_override_not_permitted'
  | 'fee_not_found';

/**
 * Plans a start of service (reads only): who and where, rate schedules, the landlord
 * agreements it supersedes, fees, fraud signals under policy, deposits. Used by previewStart
 * and by startService, so that what the agent saw is what happens.
 */
export async function planStart(
  q: Queryable,
  input: StartServiceInput,
): Promise<Result<StartPlan, PlanStartCode>> {
  if (input.fraudOverride && !input.canOverrideFraud) return err('fraud_override_not_permitted');
  const kinds = input.services.map((s) => s.service);
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) {
    return err('invalid', 'one or more services, each at most once', { services: 'each once' });
  }
  const badBins = input.services.map(binsRefusal).find((why) => why !== null);
  if (badBins) return err('invalid', badBins, { services: badBins });
  const targets = await loadStartTargets(q, input);
  if (!targets.ok) return targets;
  const t = targets.value;
  const accountClass =
    t.account?.accountClass ?? input.accountClass ?? classForPremise(t.premise.premiseType);
  const territory = checkTerritory(t, input.services);
  if (territory) return err('service_not_available', territory);
  const conflict = checkActive(t, input.services);
  if (conflict) return err('service_already_active', conflict);
  const supersede = t.active
    .filter((a) => a.landlordHeld && input.services.some((s) => s.service === a.service))
    .map((a) => ({
      agreementId: a.agreementId,
      service: a.service,
      stopDate: maxDate(a.startDate, addDays(input.startDate, -1)),
    }));
  const agreements = input.services.map((s) => ({
    ...s,
    rateSchedule: s.rateSchedule ?? defaultRateSchedule(s.service, accountClass),
  }));
  const fees = await planStartFees(q, {
    newAccount: t.account === null,
    services: input.services.map((s) => s.service),
    sameDay: input.sameDay ?? false,
    date: input.startDate,
  });
  if (!fees.ok) return fees;
  const facts = await gatherFraudFacts(q, {
    customerId: t.customerId,
    accountId: t.account?.accountId ?? null,
    taxIdHash: input.newCustomer?.taxId ? hashTaxId(digitsOnly(input.newCustomer.taxId)) : null,
    idNumberHashes: input.identity
      ? [hashIdNumber(normaliseIdNumber(input.identity.idNumber))]
      : [],
  });
  const fraud = decideFraud(fraudSignals(facts), input.fraudOverride !== undefined);
  const deposits = await planDeposits(q, {
    services: input.services.map((s) => s.service),
    fraudDeposit: fraud.depositRequired,
    date: input.startDate,
  });
  if (!deposits.ok) return deposits;
  return ok({
    ...t,
    accountClass,
    agreements,
    supersede,
    fees: fees.value,
    totalFeesCents: fees.value.reduce((n, f) => n + f.amountCents, 0),
    fraud,
    deposits: deposits.value,
  });
}

function classForPremise(type: StartTargets['premise']['premiseType']): AccountClass {
  return type === 'commercial' || type === 'irrigation' || type === 'hydrant'
    ? 'commercial'
    : 'residential';
}

function checkTerritory(t: StartTargets, services: readonly ServiceRequest[]): string | null {
  if (services.some((s) => s.service === 'electric') && !t.premise.electricTerritory) {
    return 'the premise is outside the city electric area';
  }
  if (services.some((s) => s.service === 'gas') && !t.premise.gasTerritory) {
    return 'the premise is outside the city gas area';
  }
  return null;
}

function checkActive(t: StartTargets, services: readonly ServiceRequest[]): string | null {
  const hit = t.active.find(
    (a) => !a.landlordHeld && services.some((s) => s.service === a.service),
  );
  return hit ? `${hit.service} is active at the premise on account ${hit.accountNo}` : null;
}

function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}
