import { localDate, type LocalDate } from '../../core/dates.ts';
import { expectOk, type Result } from '../../core/result.ts';
import { inTransaction, type Database, type Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { createCustomer, type NewCustomer } from './create-customer.ts';
import { createPremise, type NewPremise } from './create-premise.ts';
import type { StartServiceInput } from './start-service-plan.ts';
import { startService } from './start-service.ts';
import type { ServiceContext } from './types.ts';

/** Shared set-up for the customers tests (not a test file itself). */
export const csr: Actor = { kind: 'staff', id: 7, name: 'Casey CSR' };
export const at = (iso: string): ServiceContext => ({ actor: csr, now: new Date(iso) });
export const ctx = at('2026-03-02T16:00:00Z');
export const d = (s: string): LocalDate => localDate(s);

let streetNo = 100;

export function premiseInput(over: Partial<NewPremise> = {}): NewPremise {
  streetNo += 2;
  return {
    addressLine1: `${streetNo} E Main St`,
    city: 'Mesa',
    zip: '85201',
    latitude: 33.415,
    longitude: -111.831,
    premiseType: 'single_family',
    cycle: 3,
    electricTerritory: true,
    gasTerritory: true,
    ...over,
  };
}

export function person(over: Partial<NewCustomer> = {}): NewCustomer {
  return {
    kind: 'person',
    firstName: 'Maria',
    lastName: 'Garcia',
    phone: '(480) 555-0101',
    email: 'Maria@Example.com',
    ...over,
  };
}

export function tx<T, C extends string>(db: Database, work: (t: Tx) => Promise<Result<T, C>>) {
  return inTransaction(db, work);
}

export async function newPremise(db: Database, over: Partial<NewPremise> = {}): Promise<number> {
  return expectOk(await tx(db, (t) => createPremise(t, premiseInput(over), ctx))).premiseId;
}

export async function newCustomer(db: Database, over: Partial<NewCustomer> = {}): Promise<number> {
  return expectOk(await tx(db, (t) => createCustomer(t, person(over), ctx))).customerId;
}

/** Starts water + wastewater + solid waste for a new customer at a new premise. */
export async function startedAccount(
  db: Database,
  over: Partial<StartServiceInput> = {},
): Promise<{ accountId: number; customerId: number; premiseId: number }> {
  const premiseId = over.premiseId ?? (await newPremise(db));
  const r = expectOk(
    await tx(db, (t) =>
      startService(
        t,
        {
          newCustomer: person(),
          premiseId,
          services: [{ service: 'water' }, { service: 'wastewater' }, { service: 'solid_waste' }],
          startDate: d('2026-03-03'),
          canOverrideFraud: false,
          identity: {
            idType: 'drivers_license',
            idNumber: `D${premiseId}0042`,
            method: 'in_person',
            leaseChecked: true,
          },
          ...over,
        },
        ctx,
      ),
    ),
  );
  return { accountId: r.accountId, customerId: r.customerId, premiseId };
}

/** Row counts of the customers tables and the journal: proof that a refusal wrote nothing. */
export async function counts(db: Database): Promise<Record<string, number>> {
  const tables = [
    'customer',
    'premise',
    'account',
    'account_contact',
    'service_agreement',
    'identity_verification',
    'account_note',
    'account_special_status',
    'account_event',
    'landlord_premise',
    'fraud_override',
    'account_deposit_requirement',
    'account_fraud_signal',
    'audit_log',
    'journal_entry',
    'journal_line',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
    out[t] = r.rows[0]?.n ?? 0;
  }
  return out;
}
