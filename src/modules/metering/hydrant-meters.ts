import { daysBetween, type LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { meterLinks, openHydrantAgreement, stopHydrantAgreement } from '../customers/index.ts';
import { closeServiceOrder, createServiceOrder } from '../field/index.ts';
import { postEntry } from '../ledger/index.ts';
import { feeAsOf } from '../rates/index.ts';
import { installMeter, removeMeter, type MeterChangeCode } from './meter-changes.ts';
import { insertSingleRead, lockRegister, type SingleReadCode } from './single-read.ts';
import { loadReadContexts, type RegisterRow } from './register-state.ts';
import { dialRangeMilli } from './validate-read.ts';

/**
 * Hydrant (construction) meters issued to contractors (BIL-3 HYD, demo-city-rates.md): the
 * meter is installed at the hydrant premise with an initial read, the contractor's account
 * gets an HYD agreement and is charged the 1,500.00 deposit; on return the final read (or an
 * estimate plus the 50.00 missing-read fee) closes the meter and the agreement, and the
 * deposit is applied to the account's balance (docs/accounting.md "Hydrant meters").
 */

type Ctx = { readonly actor: Actor; readonly now: Date };

export const hydrantDepositFee = 'deposit_hydrant';
export const hydrantMissingReadFee = 'hydrant_missing_read';

export type HydrantCode =
  | MeterChangeCode
  | SingleReadCode
  | 'account_not_found'
  | 'account_closed'
  | 'service_already_active'
  | 'agreement_not_found'
  | 'premise_not_found'
  | 'fee_not_found'
  | 'not_a_hydrant_meter'
  | 'fee_posting_failed';

export type IssueHydrantMeter = {
  readonly accountId: number;
  /** The hydrant premise the meter is set on. */
  readonly premiseId: number;
  readonly meterNumber: string;
  /** '3' (3-inch) unless said otherwise. */
  readonly size?: string | undefined;
  readonly issuedOn: LocalDate;
  /** The reading on the meter when it leaves the yard, in thousandths of a gallon. */
  readonly initialMilli: number;
  readonly dials?: number | undefined;
};

/** Issues a hydrant meter to a contractor's account (audited). */
export async function issueHydrantMeter(
  tx: Tx,
  h: IssueHydrantMeter,
  ctx: Ctx,
): Promise<Result<{ meterId: number; agreementId: number; depositEntryId: number }, HydrantCode>> {
  const size = h.size ?? '3';
  const meter = await installMeter(
    tx,
    {
      premiseId: h.premiseId,
      meterNumber: h.meterNumber,
      service: 'hydrant',
      size,
      installedOn: h.issuedOn,
      registers: [{ kind: 'gallon', dials: h.dials ?? 8, initialMilli: h.initialMilli }],
    },
    ctx,
  );
  if (!meter.ok) return meter;
  const agreement = await openHydrantAgreement(
    tx,
    { ...h, meterSize: size, startDate: h.issuedOn },
    ctx,
  );
  if (!agreement.ok) return agreement;
  const fee = await feeAsOf(tx, hydrantDepositFee, h.issuedOn);
  if (!fee.ok) return fee;
  const amount = cents(fee.value.amountCents);
  const entry = await postEntry(
    tx,
    {
      kind: 'deposit',
      sourceRef: `hydrant_deposit:${meter.value.meterId}`,
      effectiveDate: h.issuedOn,
      memo: `Hydrant meter ${h.meterNumber} deposit`,
      lines: [
        { glAccount: 'receivable:water', debitCents: amount, accountId: h.accountId },
        { glAccount: fee.value.glRevenue, creditCents: amount, accountId: h.accountId },
      ],
    },
    ctx,
  );
  if (!entry.ok) return err('fee_posting_failed', `${entry.code} ${entry.detail ?? ''}`);
  await fieldRecord(tx, 'hydrant_issue', h.premiseId, h.accountId, h.meterNumber, ctx);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'hydrant_meter.issued',
    entityType: 'meter',
    entityId: meter.value.meterId,
    accountId: h.accountId,
    after: { ...h, depositCents: amount, depositEntryId: entry.value.entryId },
  });
  return ok({
    meterId: meter.value.meterId,
    agreementId: agreement.value.agreementId,
    depositEntryId: entry.value.entryId,
  });
}

/** A completed field order recording the hand-over (issue) or the return of the meter. */
async function fieldRecord(
  tx: Tx,
  kind: 'hydrant_issue' | 'hydrant_return',
  premiseId: number,
  accountId: number,
  meterNumber: string,
  ctx: Ctx,
): Promise<void> {
  const order = await createServiceOrder(
    tx,
    { kind, premiseId, accountId, meterNumber, reason: kind },
    ctx,
  );
  if (order.ok)
    await closeServiceOrder(tx, { orderId: order.value.orderId, status: 'completed' }, ctx);
}

/** The hydrant meter's register (locked) and the contractor's account. */
async function hydrantRegister(
  tx: Tx,
  meterNumber: string,
): Promise<Result<{ reg: RegisterRow; accountId: number }, HydrantCode>> {
  const s = await tx.query<{ service: string }>(
    'SELECT service FROM meter WHERE meter_number = $1',
    [meterNumber],
  );
  if (!s.rows[0]) return err('meter_not_found', meterNumber);
  if (s.rows[0].service !== 'hydrant') return err('not_a_hydrant_meter', meterNumber);
  const reg = await lockRegister(tx, meterNumber, 'gallon');
  if (!reg.ok) return reg;
  const [link] = await meterLinks(tx, [{ meterNumber, premiseId: reg.value.premiseId }]);
  if (!link || link.accountId === null) return err('agreement_not_found', meterNumber);
  return ok({ reg: reg.value, accountId: link.accountId });
}

/**
 * The estimated reading on `readDate`: the latest accepted reading plus the meter's own
 * average daily use (Σ delta ÷ Σ days of its accepted periods) times the days since, wrapped
 * at the dials; no history → no use.
 */
async function estimateReading(tx: Tx, reg: RegisterRow, readDate: LocalDate): Promise<number> {
  const c = (await loadReadContexts(tx, [reg], readDate)).get(reg.registerId)!;
  const prev = c.previous;
  if (!prev) return 0;
  const days = Math.max(0, daysBetween(prev.readDate, readDate));
  const use = c.history.days > 0 ? Math.round((c.history.deltaMilli * days) / c.history.days) : 0;
  return (prev.valueMilli + use) % dialRangeMilli(reg.dials);
}

/** Posts the 50.00 missing-read fee to the contractor's account. */
async function chargeMissingRead(
  tx: Tx,
  meterNumber: string,
  accountId: number,
  readDate: LocalDate,
  ctx: Ctx,
): Promise<Result<{ feeEntryId: number }, HydrantCode>> {
  const fee = await feeAsOf(tx, hydrantMissingReadFee, readDate);
  if (!fee.ok) return fee;
  const amount = cents(fee.value.amountCents);
  const entry = await postEntry(
    tx,
    {
      kind: 'fee',
      sourceRef: `hydrant_missing_read:${meterNumber}:${readDate}`,
      effectiveDate: readDate,
      memo: `Hydrant meter ${meterNumber}: read not reported, estimated`,
      lines: [
        { glAccount: 'receivable:water', debitCents: amount, accountId },
        { glAccount: fee.value.glRevenue, creditCents: amount },
      ],
    },
    ctx,
  );
  if (!entry.ok) return err('fee_posting_failed', `${entry.code} ${entry.detail ?? ''}`);
  return ok({ feeEntryId: entry.value.entryId });
}

/**
 * The contractor did not report the read due on `readDate`: an estimated read goes in
 * (source `estimate`) and the 50.00 fee is charged (audited).
 */
export async function recordMissingHydrantRead(
  tx: Tx,
  input: { readonly meterNumber: string; readonly readDate: LocalDate },
  ctx: Ctx,
): Promise<Result<{ readId: number; estimateMilli: number; feeEntryId: number }, HydrantCode>> {
  const h = await hydrantRegister(tx, input.meterNumber);
  if (!h.ok) return h;
  const { reg, accountId } = h.value;
  const estimateMilli = await estimateReading(tx, reg, input.readDate);
  const c = (await loadReadContexts(tx, [reg], input.readDate)).get(reg.registerId)!;
  if (c.previous && c.previous.readDate >= input.readDate) return err('read_out_of_order');
  const delta = c.previous ? estimateMilli - c.previous.valueMilli : null;
  const readId = await insertSingleRead(
    tx,
    {
      registerId: reg.registerId,
      readDate: input.readDate,
      valueMilli: estimateMilli,
      deltaMilli: delta !== null && delta < 0 ? delta + dialRangeMilli(reg.dials) : delta,
      days: c.previous ? daysBetween(c.previous.readDate, input.readDate) : null,
      status: 'accepted',
      holdReason: null,
    },
    { source: 'estimate', kind: 'regular', now: ctx.now },
  );
  const fee = await chargeMissingRead(tx, input.meterNumber, accountId, input.readDate, ctx);
  if (!fee.ok) return fee;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'hydrant_meter.read_estimated',
    entityType: 'meter_read',
    entityId: readId,
    accountId,
    after: { ...input, estimateMilli, feeEntryId: fee.value.feeEntryId },
  });
  return ok({ readId, estimateMilli, feeEntryId: fee.value.feeEntryId });
}

export type ReturnHydrantMeter = {
  readonly meterNumber: string;
  readonly returnedOn: LocalDate;
  /** The contractor's final reading; absent when it was not reported (estimate + fee). */
  readonly finalMilli?: number | undefined;
};

/**
 * Takes a hydrant meter back: the final read (reported, or estimated with the missing-read
 * fee), the meter removed, the HYD agreement stopped (final bill pending), and the deposit
 * applied to the account's balance — debit `deposit.held:water`, credit `receivable:water`;
 * what the final bill does not use is a credit balance, refunded by payments (audited).
 */
export async function returnHydrantMeter(
  tx: Tx,
  r: ReturnHydrantMeter,
  ctx: Ctx,
): Promise<
  Result<
    { meterId: number; finalMilli: number; estimated: boolean; depositAppliedEntryId: number },
    HydrantCode
  >
> {
  const h = await hydrantRegister(tx, r.meterNumber);
  if (!h.ok) return h;
  const { reg, accountId } = h.value;
  const estimated = r.finalMilli === undefined;
  const finalMilli = r.finalMilli ?? (await estimateReading(tx, reg, r.returnedOn));
  const removed = await removeMeter(
    tx,
    {
      meterNumber: r.meterNumber,
      removedOn: r.returnedOn,
      finalMilli: { gallon: finalMilli },
      source: estimated ? 'estimate' : 'field',
    },
    ctx,
  );
  if (!removed.ok) return removed;
  if (estimated) {
    const fee = await chargeMissingRead(tx, r.meterNumber, accountId, r.returnedOn, ctx);
    if (!fee.ok) return fee;
  }
  const stopped = await stopHydrantAgreement(
    tx,
    { meterNumber: r.meterNumber, stopDate: r.returnedOn },
    ctx,
  );
  if (!stopped.ok) return stopped;
  const entry = await applyDeposit(tx, reg, removed.value.meterId, accountId, r, ctx);
  if (!entry.ok) return entry;
  await fieldRecord(tx, 'hydrant_return', reg.premiseId, accountId, r.meterNumber, ctx);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'hydrant_meter.returned',
    entityType: 'meter',
    entityId: removed.value.meterId,
    accountId,
    after: { ...r, finalMilli, estimated, depositAppliedEntryId: entry.value.entryId },
  });
  return ok({
    meterId: removed.value.meterId,
    finalMilli,
    estimated,
    depositAppliedEntryId: entry.value.entryId,
  });
}

/** The deposit taken at issue (the fee in effect then) moved onto the account's balance. */
async function applyDeposit(
  tx: Tx,
  reg: RegisterRow,
  meterId: number,
  accountId: number,
  r: ReturnHydrantMeter,
  ctx: Ctx,
): Promise<Result<{ entryId: number }, HydrantCode>> {
  const deposit = await feeAsOf(tx, hydrantDepositFee, reg.installedOn);
  if (!deposit.ok) return deposit;
  const amount = cents(deposit.value.amountCents);
  const entry = await postEntry(
    tx,
    {
      kind: 'deposit_transfer',
      sourceRef: `hydrant_deposit_applied:${meterId}`,
      effectiveDate: r.returnedOn,
      memo: `Hydrant meter ${r.meterNumber} returned: deposit applied to the balance`,
      lines: [
        { glAccount: deposit.value.glRevenue, debitCents: amount, accountId },
        { glAccount: 'receivable:water', creditCents: amount, accountId },
      ],
    },
    ctx,
  );
  if (!entry.ok) return err('fee_posting_failed', `${entry.code} ${entry.detail ?? ''}`);
  return ok({ entryId: entry.value.entryId });
}
