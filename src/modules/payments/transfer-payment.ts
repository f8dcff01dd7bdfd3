import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { readPayment } from './payment-store.ts';
import { postPayment, type PostPaymentCode } from './post-payment.ts';
import { reversePayment, type ReversePaymentCode } from './reverse-payment.ts';
import type { PaymentContext, PaymentView, TenderDetail, TenderInput } from './types.ts';

export type TransferPaymentInput = {
  readonly paymentId: number;
  readonly toAccountId: number;
  readonly reason: string;
  readonly effectiveDate: LocalDate;
};

export type PaymentTransfer = {
  readonly transferId: number;
  readonly fromPaymentId: number;
  readonly fromAccountId: number;
  readonly toPayment: PaymentView;
};

export type TransferPaymentCode =
  ReversePaymentCode | PostPaymentCode | 'card_payment_not_transferable' | 'same_account';

/** The tender as a new payment takes it (the same check, the same ACH account, cash). */
function tenderInputOf(t: TenderDetail): TenderInput | null {
  if (t.kind === 'cash') return { kind: 'cash' };
  if (t.kind === 'card') return null;
  return t;
}

/**
 * Moves a misapplied payment to the account it was meant for (PAY-7): the original is
 * reversed (`reversePayment`, reason names the other account) and an equal payment with the
 * same tender, channel, drawer and date is posted on the right account (key
 * `transfer:<paymentId>`, so a retry moves it once), applied by that account's rules. The
 * money never leaves the bank or drawer; each account's history shows its side, and
 * `payment_transfer` plus an audit row on both accounts link the two. A card payment is
 * refunded and taken again instead (`card_payment_not_transferable`).
 */
export async function transferPayment(
  tx: Tx,
  input: TransferPaymentInput,
  ctx: PaymentContext,
): Promise<Result<PaymentTransfer, TransferPaymentCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0) return err('invalid', 'a reason is required', { reason: 'required' });
  const p = await readPayment(tx, input.paymentId, true);
  if (!p) return err('payment_not_found', `payment ${input.paymentId}`);
  if (p.accountId === input.toAccountId) return err('same_account', `payment ${p.paymentId}`);
  if (p.status === 'reversed') return err('already_reversed', `payment ${p.paymentId}`);
  const tender = tenderInputOf(p.tender);
  if (tender === null) return err('card_payment_not_transferable', 'refund it and take it again');
  const reversed = await reversePayment(
    tx,
    {
      paymentId: p.paymentId,
      reason: `misapplied, moved to account ${input.toAccountId}: ${reason}`.slice(0, 500),
      effectiveDate: input.effectiveDate,
    },
    ctx,
  );
  if (!reversed.ok) return reversed;
  const moved = await postPayment(
    tx,
    {
      accountId: input.toAccountId,
      amountCents: p.amountCents,
      tender,
      channel: p.channel,
      ...(p.drawerId === null ? {} : { drawerId: p.drawerId }),
      effectiveDate: input.effectiveDate,
      idempotencyKey: `transfer:${p.paymentId}`,
    },
    ctx,
  );
  if (!moved.ok) return moved;
  const r = await tx.query<{ id: number }>(
    `INSERT INTO payment_transfer (from_payment_id, to_payment_id, from_account_id, to_account_id,
       amount_cents, reason, transferred_by, transferred_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      p.paymentId,
      moved.value.paymentId,
      p.accountId,
      input.toAccountId,
      p.amountCents,
      reason,
      ctx.actor.name,
      ctx.now,
    ],
  );
  const transferId = Number(r.rows[0]!.id);
  await auditBothSides(tx, ctx, {
    transferId,
    fromPaymentId: p.paymentId,
    toPaymentId: moved.value.paymentId,
    fromAccountId: p.accountId,
    toAccountId: input.toAccountId,
    amountCents: p.amountCents,
    reason,
  });
  return ok({
    transferId,
    fromPaymentId: p.paymentId,
    fromAccountId: p.accountId,
    toPayment: moved.value,
  });
}

async function auditBothSides(
  tx: Tx,
  ctx: PaymentContext,
  trail: { transferId: number; fromAccountId: number; toAccountId: number } & Record<
    string,
    unknown
  >,
): Promise<void> {
  for (const [action, accountId] of [
    ['payment.transferred_out', trail.fromAccountId],
    ['payment.transferred_in', trail.toAccountId],
  ] as const) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action,
      entityType: 'payment_transfer',
      entityId: trail.transferId,
      accountId,
      after: trail,
    });
  }
}
