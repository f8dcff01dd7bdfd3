import type { LocalDate } from '../../core/dates.ts';
import { err, expectOk, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { insertAgreement, stopAgreement } from './agreement-writes.ts';
import { createCustomer } from './create-customer.ts';
import type { FraudSignal } from './fraud-signals.ts';
import { openAccount } from './open-account.ts';
import { recordIdentityVerification } from './record-identity-verification.ts';
import type { PlannedDeposit, PlannedFee } from './start-fees.ts';
import {
  planStart,
  type PlanStartCode,
  type StartPlan,
  type StartServiceInput,
} from './start-service-plan.ts';
import { postStartFees, recordDeposits, recordFraudOutcome } from './start-service-steps.ts';
import type { ServiceContext, Service } from './types.ts';
import { refreshSearchDocuments } from './search-documents.ts';
import { setSolidWasteService } from './solid-waste-service.ts';

export type StartServiceResult = {
  readonly customerId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly accountOpened: boolean;
  readonly agreements: readonly {
    readonly agreementId: number;
    readonly service: Service;
    readonly rateSchedule: string;
    readonly premiseId: number;
    readonly meterNumber: string | null;
    readonly startDate: LocalDate;
    /** The service was already on under a landlord's agreement the start ended. */
    readonly continued: boolean;
  }[];
  readonly fees: readonly PlannedFee[];
  readonly totalFeesCents: number;
  /** The fee journal entry, null when the start had no fee. */
  readonly journalEntryId: number | null;
  readonly fraudSignals: readonly FraudSignal[];
  readonly depositRequirements: readonly PlannedDeposit[];
};

export type StartServiceCode =
  PlanStartCode | 'invalid' | 'fraud_signal_blocks' | 'deposit_not_accepted' | 'fee_posting_failed';

/**
 * Starts service (ACC-2): opens the account if needed (creating the customer from
 * `newCustomer`), one agreement per service, ends a landlord's continuous service at the
 * premise the day before, posts the set-up / connection / same-day fees as one journal
 * entry, records the fraud outcome and any deposit requirement. All in the caller's
 * transaction: any refusal leaves nothing written (the shell rolls back on err).
 *
 * Codes: those of planStart (`customer_not_found`, `account_not_found`, `premise_not_found`,
 * `account_closed`, `account_deceased`, `account_customer_mismatch`,
 * `service_not_available`, `service_already_active`, `fraud_override_not_permitted`,
 * `fee_not_found`), and `invalid` (bad new customer or identity),
 * `fraud_signal_blocks` (a blocking signal without an authorized override),
 * `deposit_not_accepted` (a deposit is required and `acceptDeposit` is not true),
 * `fee_posting_failed` (the ledger refused the fee entry: configuration error).
 */
export async function startService(
  tx: Tx,
  input: StartServiceInput,
  ctx: ServiceContext,
): Promise<Result<StartServiceResult, StartServiceCode>> {
  await tx.query('SELECT 1 FROM premise WHERE id = $1 FOR UPDATE', [input.premiseId]);
  const planned = await planStart(tx, input);
  if (!planned.ok) return planned;
  const plan = planned.value;
  if (plan.fraud.blocking.length > 0) {
    return err('fraud_signal_blocks', plan.fraud.blocking.map(describeSignal).join('; '));
  }
  if (plan.deposits.length > 0 && input.acceptDeposit !== true) {
    return err(
      'deposit_not_accepted',
      plan.deposits.map((d) => `${d.feeCode} ${d.amountCents}`).join(', '),
    );
  }
  const who = await ensureCustomerAndAccount(tx, input, plan, ctx);
  if (!who.ok) return who;
  const { customerId, accountId, accountNo } = who.value;
  const agreements = await writeAgreements(tx, input, plan, accountId, ctx);
  const first = agreements[0];
  const posted = first
    ? await postStartFees(
        tx,
        {
          accountId,
          accountNo,
          firstAgreementId: first.agreementId,
          fees: plan.fees,
          date: input.startDate,
        },
        ctx,
      )
    : ok(null);
  if (!posted.ok) return posted;
  await recordFraudOutcome(
    tx,
    { accountId, customerId, decision: plan.fraud, reason: input.fraudOverride?.reason ?? null },
    ctx,
  );
  await recordDeposits(tx, { accountId, deposits: plan.deposits, date: input.startDate }, ctx);
  // Search must find the new customer and service address at once (ACC-6).
  const owners = await tx.query<{ accountId: number }>(
    'SELECT account_id AS "accountId" FROM service_agreement WHERE id = ANY($1::int8[])',
    [plan.supersede.map((x) => x.agreementId)],
  );
  await refreshSearchDocuments(tx, [accountId, ...owners.rows.map((r) => r.accountId)]);
  return ok({
    customerId,
    accountId,
    accountNo,
    accountOpened: plan.account === null,
    agreements,
    fees: plan.fees,
    totalFeesCents: plan.totalFeesCents,
    journalEntryId: posted.value,
    fraudSignals: plan.fraud.signals,
    depositRequirements: plan.deposits,
  });
}

/** Ends superseded landlord agreements, then inserts one agreement per planned service. */
async function writeAgreements(
  tx: Tx,
  input: StartServiceInput,
  plan: StartPlan,
  accountId: number,
  ctx: ServiceContext,
): Promise<StartServiceResult['agreements'][number][]> {
  for (const s of plan.supersede) {
    const stop = { agreementId: s.agreementId, stopDate: s.stopDate, reason: 'tenant moved in' };
    await stopAgreement(tx, stop, ctx);
  }
  const agreements = [];
  for (const a of plan.agreements) {
    const agreementId = await insertAgreement(
      tx,
      {
        accountId,
        premiseId: input.premiseId,
        service: a.service,
        rateSchedule: a.rateSchedule,
        startDate: input.startDate,
        meterNumber: a.meterNumber ?? null,
        meterSize: a.meterSize ?? null,
      },
      ctx,
      ` at ${plan.premise.address}`,
    );
    // Planned bins were checked by planStart (binsRefusal): a refusal here is a bug.
    if (a.bins) expectOk(await setSolidWasteService(tx, { agreementId, ...a.bins }, ctx));
    agreements.push({
      agreementId,
      service: a.service,
      rateSchedule: a.rateSchedule,
      premiseId: input.premiseId,
      meterNumber: a.meterNumber ?? null,
      startDate: input.startDate,
      continued: plan.supersede.some((s) => s.service === a.service),
    });
  }
  return agreements;
}

async function ensureCustomerAndAccount(
  tx: Tx,
  input: StartServiceInput,
  plan: StartPlan,
  ctx: ServiceContext,
): Promise<
  Result<
    { customerId: number; accountId: number; accountNo: string },
    'invalid' | 'customer_not_found' | 'premise_not_found'
  >
> {
  let customerId = plan.customerId;
  if (customerId === null) {
    if (!input.newCustomer)
      return err('invalid', 'customerId, newCustomer or accountId is required');
    const created = await createCustomer(tx, input.newCustomer, ctx);
    if (!created.ok) return created;
    customerId = created.value.customerId;
  }
  if (input.identity) {
    const v = await recordIdentityVerification(tx, { ...input.identity, customerId }, ctx);
    if (!v.ok) return v;
  }
  if (plan.account)
    return ok({ customerId, accountId: plan.account.accountId, accountNo: plan.account.accountNo });
  const opened = await openAccount(
    tx,
    {
      customerId,
      accountClass: plan.accountClass,
      premiseId: input.premiseId,
      openedOn: input.startDate,
      ...(input.mailingAddress ? { mailingAddress: input.mailingAddress } : {}),
    },
    ctx,
  );
  if (!opened.ok) return opened;
  return ok({ customerId, ...opened.value });
}

export function describeSignal(s: FraudSignal): string {
  switch (s.kind) {
    case 'owes_prior_balance':
      return `owes ${s.amountCents} cents on ${s.accountNos.join(', ')}`;
    case 'duplicate_identity':
      return `same identity holds active account ${s.accountNos.join(', ')}`;
    case 'identity_not_verified':
      return 'identity not verified';
  }
}
