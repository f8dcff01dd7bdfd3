import type { Queryable, Tx } from '../../../db/index.ts';
import { recordAudit, type Actor } from '../../audit/index.ts';

export type DeliveryChannel = 'print' | 'email';
export type DeliveryStatus = 'queued' | 'sent' | 'failed';

export type DeliveryRecord = {
  readonly billId: number;
  readonly accountId: number;
  readonly channel: DeliveryChannel;
  readonly status: DeliveryStatus;
  /** The e-mail address, or the mailing zip for print. */
  readonly address: string;
  readonly detail: string | null;
};

export type DeliveryView = DeliveryRecord & { readonly attempts: number; readonly at: string };

type Ctx = { readonly actor: Actor; readonly now: Date };

/**
 * Writes the one `bill_delivery` row of a bill and channel (migration 0086): inserted on the
 * first attempt, updated after; `newAttempt` counts a try (`queued`), the outcome of that try
 * (`sent` / `failed`) does not. Audited as `bill.delivery_<status>`.
 */
export async function recordDelivery(
  tx: Tx,
  d: DeliveryRecord,
  newAttempt: boolean,
  ctx: Ctx,
): Promise<void> {
  await tx.query(
    `INSERT INTO bill_delivery (bill_id, account_id, channel, status, address, detail, attempts, at)
     VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
     ON CONFLICT (bill_id, channel) DO UPDATE SET status = excluded.status,
       address = excluded.address, detail = excluded.detail, at = excluded.at,
       attempts = bill_delivery.attempts + CASE WHEN $8 THEN 1 ELSE 0 END`,
    [d.billId, d.accountId, d.channel, d.status, d.address, d.detail, ctx.now, newAttempt],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: `bill.delivery_${d.status}`,
    entityType: 'bill',
    entityId: d.billId,
    accountId: d.accountId,
    after: { channel: d.channel, address: d.address, detail: d.detail },
  });
}

/** The delivery rows of some bills (all channels), by bill then channel. */
export async function deliveriesOf(
  q: Queryable,
  billIds: readonly number[],
): Promise<DeliveryView[]> {
  const r = await q.query<DeliveryView>(
    `SELECT bill_id::int AS "billId", account_id::int AS "accountId", channel, status, address,
            detail, attempts,
            to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
       FROM bill_delivery WHERE bill_id = ANY($1::bigint[]) ORDER BY bill_id, channel`,
    [billIds],
  );
  return r.rows;
}
