import type { Tx } from '../../db/index.ts';
import { postPaymentWithRecovery } from './recovery-payment.ts';
import { remittanceTender, type MatchedItem } from './remittance-post.ts';
import type { PaymentContext } from './types.ts';

/** The matched accounts whose status is `written_off` (customers), in one query. */
export async function writtenOffAmong(
  tx: Tx,
  items: readonly MatchedItem[],
): Promise<ReadonlySet<number>> {
  const ids = [...new Set(items.map((i) => i.accountId))];
  if (ids.length === 0) return new Set();
  const r = await tx.query<{ id: string }>(
    `SELECT id FROM account WHERE id = ANY($1::bigint[]) AND status = 'written_off'`,
    [ids],
  );
  return new Set(r.rows.map((row) => Number(row.id)));
}

export type RecoveryOutcomes = {
  /** Payment id per item index. */
  readonly posted: Map<number, number>;
  /** Why postPayment refused the item (it is then held as unapplied cash), per item index. */
  readonly refused: Map<number, string>;
};

/**
 * Items of a remittance file paying a WRITTEN-OFF account (PAY-9): each through
 * `postPaymentWithRecovery`, one at a time in file order — the written-off debt is first
 * re-established as bad-debt recovery revenue, then the payment applies like any other
 * (docs/accounting.md §13). The key is the bulk path's (`remit:<file sha256>:<index>`).
 * Written-off accounts are few, so this per-item path costs the 100,000-item file nothing.
 * An item postPayment refuses (a cash-only account's check) is rolled back to its savepoint,
 * recovery entry included, and reported: the caller holds it as unapplied cash for research.
 */
export async function postRecoveryItems(
  tx: Tx,
  sha256: string,
  items: readonly MatchedItem[],
  ctx: PaymentContext,
): Promise<RecoveryOutcomes> {
  const posted = new Map<number, number>();
  const refused = new Map<number, string>();
  for (const item of items) {
    await tx.query('SAVEPOINT remittance_recovery');
    const r = await postPaymentWithRecovery(
      tx,
      {
        accountId: item.accountId,
        amountCents: item.amountCents,
        tender: remittanceTender(item),
        channel: 'lockbox',
        effectiveDate: item.effectiveDate,
        idempotencyKey: `remit:${sha256}:${item.index}`,
      },
      ctx,
    );
    if (r.ok) {
      await tx.query('RELEASE SAVEPOINT remittance_recovery');
      posted.set(item.index, r.value.payment.paymentId);
    } else {
      await tx.query('ROLLBACK TO SAVEPOINT remittance_recovery');
      refused.set(item.index, r.detail ?? r.code);
    }
  }
  return { posted, refused };
}
