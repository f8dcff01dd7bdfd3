import type { LocalDate } from '../../core/dates.ts';
import { limits } from '../../core/limits.ts';
import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { reverseEntry, type ReverseEntryCode } from '../ledger/index.ts';
import { defaultGateway } from './gateway/sandbox-gateway.ts';
import { readPayment } from './payment-store.ts';
import type { PaymentContext, PaymentView } from './types.ts';

export type ReversePaymentInput = {
  readonly paymentId: number;
  readonly reason: string;
  readonly effectiveDate: LocalDate;
  /** A card payment: `refund` the captured money (the default) or `void` the authorization
   * (a same-day void of a window transaction). */
  readonly card?: 'refund' | 'void';
};

export type ReversePaymentCode =
  'invalid' | 'payment_not_found' | 'already_reversed' | ReverseEntryCode;

/**
 * Reverses a payment taken in error (PAY-1; returned checks and NSF build on it): the ledger
 * mirrors the payment's entry (`reverseEntry`, kind `reversal`), the payment becomes
 * `reversed` with who, when and why; a card payment is refunded at the gateway. Audited.
 * The debt the payment paid is owed again, in the same funds.
 *
 * Codes: `invalid` (reason), `payment_not_found`, `already_reversed`, ledger codes.
 */
export async function reversePayment(
  tx: Tx,
  input: ReversePaymentInput,
  ctx: PaymentContext,
): Promise<Result<PaymentView, ReversePaymentCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > limits.journalMemoCharsMax) {
    return err('invalid', 'a reason is required', { reason: 'required, at most 500 characters' });
  }
  const p = await readPayment(tx, input.paymentId, true);
  if (!p) return err('payment_not_found', `payment ${input.paymentId}`);
  if (p.status === 'reversed') return err('already_reversed', `payment ${p.paymentId}`);
  if (p.journalEntryId === null) throw new Error(`payment ${p.paymentId} has no journal entry`);
  const reversed = await reverseEntry(
    tx,
    {
      entryId: p.journalEntryId,
      reason: `payment ${p.paymentId} reversed: ${reason}`,
      effectiveDate: input.effectiveDate,
    },
    ctx,
  );
  if (!reversed.ok) return reversed;
  await tx.query(
    `UPDATE payment SET status = 'reversed', reversal_entry_id = $2, reversed_at = $3,
            reversed_by = $4, reverse_reason = $5 WHERE id = $1`,
    [p.paymentId, reversed.value.entryId, ctx.now, ctx.actor.name, reason],
  );
  if (p.tender.kind === 'card') {
    const gateway = ctx.gateway ?? defaultGateway;
    if (input.card === 'void')
      await gateway.void({
        authorizationId: p.tender.authorizationId,
        idempotencyKey: `void:${p.paymentId}`,
      });
    else
      await gateway.refund({
        authorizationId: p.tender.authorizationId,
        amountCents: cents(p.amountCents + p.feeCents),
        idempotencyKey: `reverse:${p.paymentId}`,
      });
  }
  const view = (await readPayment(tx, p.paymentId))!;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'payment.reversed',
    entityType: 'payment',
    entityId: p.paymentId,
    accountId: p.accountId,
    before: { status: 'posted' },
    after: { status: 'reversed', reason, reversalEntryId: view.reversalEntryId },
  });
  const { requestHash: _h, ...rest } = view;
  return ok(rest);
}
