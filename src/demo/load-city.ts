import { formatAccountNumber } from '../core/ids.ts';
import type { Tx } from '../db/index.ts';
import { identitySequence, insertRows, reserveSequence } from './bulk-insert.ts';
import * as columns from './load-columns.ts';
import type { LoadedIds } from './load-columns.ts';
import type { CityPlan } from './plan-types.ts';

/**
 * Writes a planned city into the customers tables like a conversion load: explicit ids
 * reserved from the identity sequences link the rows, so each table is written with a few
 * set-based statements whatever the city's size.
 */
export async function loadCity(
  tx: Tx,
  plan: CityPlan,
  now: Date,
  onRows: (n: number) => void,
): Promise<LoadedIds> {
  const ids = await reserveIds(tx, plan);
  const withIds = { overridingIds: true, onChunk: onRows };
  const plain = { onChunk: onRows };
  const nowIso = now.toISOString();
  await insertRows(tx, 'customer', columns.customerColumns(ids, nowIso), plan.customers, withIds);
  await insertRows(tx, 'premise', columns.premiseColumns(ids), plan.premises, withIds);
  await insertRows(tx, 'account', columns.accountColumns(ids), plan.accounts, withIds);
  await insertRows(tx, 'service_agreement', columns.agreementColumns(ids), plan.agreements, plain);
  await insertRows(tx, 'account_event', columns.eventColumns(ids), plan.accounts, plain);
  await insertRows(tx, 'account_contact', columns.contactColumns(ids), plan.contacts, plain);
  await insertRows(
    tx,
    'identity_verification',
    columns.verificationColumns(ids),
    plan.verifications,
    plain,
  );
  await insertRows(tx, 'account_note', columns.noteColumns(ids), plan.notes, plain);
  await insertRows(tx, 'account_special_status', columns.statusColumns(ids), plan.statuses, plain);
  await insertRows(
    tx,
    'landlord_premise',
    columns.landlordColumns(ids),
    plan.landlordPremises,
    plain,
  );
  return ids;
}

/** Ids from the identity sequences; premise and account numbers from their sequences. */
async function reserveIds(tx: Tx, plan: CityPlan): Promise<LoadedIds> {
  const reserve = (sequence: string, n: number) => reserveSequence(tx, sequence, n);
  const customerIds = await reserve(identitySequence('customer'), plan.customers.length);
  const premiseIds = await reserve(identitySequence('premise'), plan.premises.length);
  const accountIds = await reserve(identitySequence('account'), plan.accounts.length);
  const premiseNos = await reserve(`'premise_no_seq'`, plan.premises.length);
  const accountSeqs = await reserve(`'account_no_seq'`, plan.accounts.length);
  const accountNos = plan.accounts.map((a, i) =>
    formatAccountNumber(premiseNos[a.premise] as number, accountSeqs[i] as number),
  );
  return { customerIds, premiseIds, premiseNos, accountIds, accountNos };
}

/** Rows the loader writes, for progress reporting. */
export function rowsToLoad(plan: CityPlan): number {
  return (
    plan.customers.length +
    plan.premises.length +
    2 * plan.accounts.length +
    plan.agreements.length +
    plan.contacts.length +
    plan.verifications.length +
    plan.notes.length +
    plan.statuses.length +
    plan.landlordPremises.length
  );
}
