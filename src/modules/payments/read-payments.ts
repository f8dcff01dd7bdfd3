import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { listAccountPayments, readPayment, type StoredPayment } from './payment-store.ts';
import type { PaymentView } from './types.ts';

function view(p: StoredPayment): PaymentView {
  const { requestHash: _h, ...rest } = p;
  return rest;
}

/** One payment. Codes: `payment_not_found`. */
export async function getPayment(
  q: Queryable,
  paymentId: number,
): Promise<Result<PaymentView, 'payment_not_found'>> {
  const p = await readPayment(q, paymentId);
  return p ? ok(view(p)) : err('payment_not_found', `payment ${paymentId}`);
}

/** An account's payments, newest first (at most `limit`). */
export async function listPayments(
  q: Queryable,
  accountId: number,
  limit = 100,
): Promise<PaymentView[]> {
  return (await listAccountPayments(q, accountId, limit)).map(view);
}
