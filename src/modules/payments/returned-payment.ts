import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { setSpecialStatus } from '../customers/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { feeAsOf } from '../rates/index.ts';
import { stopAutopay } from './autopay-enrol.ts';
import { correctDepositedDrawer } from './returned-deposited.ts';
import { stopsAutopay } from './nacha-codes.ts';
import { readPayment } from './payment-store.ts';
import { reversePayment, type ReversePaymentCode } from './reverse-payment.ts';
import type { PaymentContext } from './types.ts';

/** demo-city-rates.md: 2 returned payments in 12 months → cash-only for 12 months. */
export const cashOnlyPolicy = { returns: 2, withinMonths: 12, forMonths: 12 } as const;

export type ReturnedPaymentInput = {
  readonly paymentId: number;
  readonly source: 'ach' | 'check';
  /** An ACH return reason code (R01 …) or the bank's reason for a check (NSF, …). */
  readonly returnCode: string;
  readonly reason: string;
  readonly returnedOn: LocalDate;
};

export type ReturnedPayment = {
  readonly paymentId: number;
  readonly accountId: number;
  readonly returnCode: string;
  readonly reversalEntryId: number;
  readonly feeCents: number;
  readonly feeEntryId: number | null;
  /** Returns of this account in the last 12 months, this one included. */
  readonly returnsIn12Months: number;
  readonly cashOnlyFrom: LocalDate | null;
  readonly autopayStopped: boolean;
};

export type ReturnedPaymentCode =
  ReversePaymentCode | PostEntryCode | 'already_returned' | 'not_a_returnable_payment';

/**
 * A payment the bank sent back (PAY-6): an ACH return or a returned check. The payment is
 * reversed (`reversePayment`: the debt it paid is owed again), the returned-payment fee is
 * charged (`fee_schedule` `returned_payment`, receivable:general → revenue), the return is
 * counted (2 in 12 months set `cash_only` for 12 months and stop autopay), and autopay stops
 * when the ACH code requires it (`stopsAutopay`). Once per payment. Audited.
 *
 * Codes: `payment_not_found`, `already_returned`, `not_a_returnable_payment` (cash or card),
 * reversal and ledger codes.
 */
export async function recordReturnedPayment(
  tx: Tx,
  input: ReturnedPaymentInput,
  ctx: PaymentContext,
): Promise<Result<ReturnedPayment, ReturnedPaymentCode>> {
  const p = await readPayment(tx, input.paymentId);
  if (!p) return err('payment_not_found', `payment ${input.paymentId}`);
  if (p.tender.kind !== input.source) {
    return err('not_a_returnable_payment', `payment ${p.paymentId} was paid by ${p.tender.kind}`);
  }
  const seen = await tx.query('SELECT 1 FROM payment_return WHERE payment_id = $1', [p.paymentId]);
  if (seen.rowCount) return err('already_returned', `payment ${p.paymentId}`);
  const reversed = await reversePayment(
    tx,
    {
      paymentId: p.paymentId,
      reason: `returned ${input.returnCode}: ${input.reason}`.slice(0, 500),
      effectiveDate: input.returnedOn,
    },
    ctx,
  );
  if (!reversed.ok) return reversed;
  const moved = await correctDepositedDrawer(tx, p, input.returnedOn, ctx);
  if (!moved.ok) return moved;
  const fee = await chargeFee(tx, p.accountId, p.paymentId, input.returnedOn, ctx);
  if (!fee.ok) return fee;
  await tx.query(
    `INSERT INTO payment_return (payment_id, account_id, source, return_code, returned_on,
       fee_entry_id, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      p.paymentId,
      p.accountId,
      input.source,
      input.returnCode,
      input.returnedOn,
      fee.value.entryId,
      ctx.actor.name,
      ctx.now,
    ],
  );
  const count = await returnsWithin(tx, p.accountId, input.returnedOn);
  const cashOnly = count >= cashOnlyPolicy.returns;
  if (cashOnly) await makeCashOnly(tx, p.accountId, input.returnedOn, count, ctx);
  const stopped = await stopIfRequired(tx, p.accountId, input, cashOnly, ctx);
  const out: ReturnedPayment = {
    paymentId: p.paymentId,
    accountId: p.accountId,
    returnCode: input.returnCode,
    reversalEntryId: reversed.value.reversalEntryId!,
    feeCents: fee.value.cents,
    feeEntryId: fee.value.entryId,
    returnsIn12Months: count,
    cashOnlyFrom: cashOnly ? input.returnedOn : null,
    autopayStopped: stopped,
  };
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'payment.returned',
    entityType: 'payment',
    entityId: p.paymentId,
    accountId: p.accountId,
    after: out,
  });
  return ok(out);
}

/** Autopay stops on cash-only, and on an ACH return whose code requires it. */
async function stopIfRequired(
  tx: Tx,
  accountId: number,
  input: ReturnedPaymentInput,
  cashOnly: boolean,
  ctx: PaymentContext,
): Promise<boolean> {
  const byCode = input.source === 'ach' && stopsAutopay.has(input.returnCode);
  if (!cashOnly && !byCode) return false;
  const reason = cashOnly ? 'cash-only after returned payments' : `ACH return ${input.returnCode}`;
  const s = await stopAutopay(tx, { accountId, reason, stoppedOn: input.returnedOn }, ctx);
  return s.ok;
}

async function chargeFee(
  tx: Tx,
  accountId: number,
  paymentId: number,
  date: LocalDate,
  ctx: PaymentContext,
): Promise<Result<{ cents: number; entryId: number | null }, PostEntryCode>> {
  const fee = await feeAsOf(tx, 'returned_payment', date);
  if (!fee.ok || fee.value.amountCents === 0) return ok({ cents: 0, entryId: null });
  const posted = await postEntry(
    tx,
    {
      kind: 'fee',
      sourceRef: `returned_payment_fee:${paymentId}`,
      effectiveDate: date,
      memo: `returned payment fee, payment ${paymentId}`,
      lines: [
        { glAccount: `receivable:${fee.value.fund}`, debitCents: fee.value.amountCents, accountId },
        { glAccount: fee.value.glRevenue, creditCents: fee.value.amountCents },
      ],
    },
    ctx,
  );
  if (!posted.ok) return posted;
  return ok({ cents: fee.value.amountCents, entryId: posted.value.entryId });
}

async function returnsWithin(tx: Tx, accountId: number, date: LocalDate): Promise<number> {
  const r = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM payment_return
      WHERE account_id = $1 AND returned_on > $2::date - make_interval(months => $3)
        AND returned_on <= $2::date`,
    [accountId, date, cashOnlyPolicy.withinMonths],
  );
  return Number(r.rows[0]!.n);
}

async function makeCashOnly(
  tx: Tx,
  accountId: number,
  from: LocalDate,
  count: number,
  ctx: PaymentContext,
): Promise<void> {
  const r = await tx.query<{ d: LocalDate }>(
    `SELECT ($1::date + make_interval(months => $2))::date::text AS d`,
    [from, cashOnlyPolicy.forMonths],
  );
  const set = await setSpecialStatus(
    tx,
    {
      accountId,
      startsOn: from,
      reason: `${count} returned payments in ${cashOnlyPolicy.withinMonths} months`,
      details: { status: 'cash_only', endsOn: r.rows[0]!.d },
    },
    ctx,
  );
  // Already cash-only: the open status stands.
  if (!set.ok && set.code !== 'status_already_set') throw new Error(`cash-only: ${set.code}`);
}
