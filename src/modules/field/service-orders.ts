import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { getPremise, recordTimelineEvent } from '../customers/index.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export const serviceOrderKinds = [
  're_read',
  'field_visit',
  'leak_check',
  'hydrant_issue',
  'hydrant_return',
  'turn_off',
  'turn_on',
  'move_read',
] as const;
export type ServiceOrderKind = (typeof serviceOrderKinds)[number];

/** How the account's timeline names each kind of order. */
const kindLabels: Readonly<Record<ServiceOrderKind, string>> = {
  re_read: 'Re-read',
  field_visit: 'Field visit',
  leak_check: 'Leak check',
  hydrant_issue: 'Hydrant meter issue',
  hydrant_return: 'Hydrant meter return',
  turn_off: 'Turn-off',
  turn_on: 'Turn-on',
  move_read: 'Move read',
};

/** Why metering or billing asked for an order, as the timeline says it (else as given). */
const reasonLabels: Readonly<Record<string, string>> = {
  held_read: 'a held read to check',
  estimate_limit: 'estimated twice in a row, an actual read is needed',
  high_bill: 'high-bill complaint',
  re_read: 'requested by an agent',
  leak_check: 'leak check requested',
};

/** The account's contact history lists its field orders (ACC-5): opened, moved, closed. */
async function orderEvent(
  tx: Tx,
  accountId: number,
  orderId: number,
  summary: string,
  ctx: Ctx,
): Promise<void> {
  await recordTimelineEvent(
    tx,
    { accountId, kind: 'service_order', summary, refType: 'service_order', refId: orderId },
    ctx,
  );
}
export const serviceOrderStatuses = ['open', 'completed', 'cancelled'] as const;
export type ServiceOrderStatus = (typeof serviceOrderStatuses)[number];

export type NewServiceOrder = {
  readonly kind: ServiceOrderKind;
  readonly premiseId: number;
  readonly accountId?: number | null | undefined;
  readonly meterNumber?: string | null | undefined;
  readonly reason: string;
  readonly note?: string | null | undefined;
  readonly dueOn?: LocalDate | null | undefined;
};

export type ServiceOrderCode = 'premise_not_found';

/**
 * Opens a service order, idempotently per meter: an open order of the same kind for the
 * same meter is returned (`created: false`) instead of a second one (partial unique index
 * `service_order_one_open`). Audited as `service_order.created`.
 */
export async function createServiceOrder(
  tx: Tx,
  o: NewServiceOrder,
  ctx: Ctx,
): Promise<Result<{ orderId: number; created: boolean }, ServiceOrderCode>> {
  const meterNumber = o.meterNumber ?? null;
  if (meterNumber !== null) {
    const open = await tx.query<{ id: number }>(
      `SELECT id FROM service_order WHERE kind = $1 AND meter_number = $2 AND status = 'open'`,
      [o.kind, meterNumber],
    );
    if (open.rows[0]) return ok({ orderId: open.rows[0].id, created: false });
  }
  const premise = await getPremise(tx, o.premiseId);
  if (!premise.ok) return err('premise_not_found', String(o.premiseId));
  const r = await tx.query<{ id: number }>(
    `INSERT INTO service_order (kind, status, premise_id, account_id, meter_number, reason, note,
       created_by, created_at, due_on)
     VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      o.kind,
      o.premiseId,
      o.accountId ?? null,
      meterNumber,
      o.reason,
      o.note ?? null,
      ctx.actor.name,
      ctx.now,
      o.dueOn ?? null,
    ],
  );
  const orderId = r.rows[0]!.id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service_order.created',
    entityType: 'service_order',
    entityId: orderId,
    accountId: o.accountId ?? null,
    after: o,
  });
  if (o.accountId != null) {
    const meter = meterNumber === null ? '' : ` for meter ${meterNumber}`;
    const due = o.dueOn ? ` due ${o.dueOn}` : '';
    await orderEvent(
      tx,
      o.accountId,
      orderId,
      `${kindLabels[o.kind]} order ${orderId}${meter}${due}: ${reasonLabels[o.reason] ?? o.reason}`,
      ctx,
    );
  }
  return ok({ orderId, created: true });
}

export type ReReadReason = 're_read' | 'estimate_limit' | 'high_bill' | 'leak_check' | 'held_read';

/**
 * Asks the field crew to read a meter again (a `leak_check` reason opens a leak check).
 * Idempotent: the open order for the meter is returned when there is one.
 */
export async function requestReRead(
  tx: Tx,
  input: {
    readonly premiseId: number;
    readonly meterNumber: string;
    readonly reason: ReReadReason;
    readonly note?: string | undefined;
    readonly accountId?: number | undefined;
    readonly dueOn?: LocalDate | undefined;
  },
  ctx: Ctx,
): Promise<Result<{ orderId: number; created: boolean }, ServiceOrderCode>> {
  return createServiceOrder(
    tx,
    { ...input, kind: input.reason === 'leak_check' ? 'leak_check' : 're_read' },
    ctx,
  );
}

export type OpenOrder = {
  readonly id: number;
  readonly kind: ServiceOrderKind;
  readonly premiseId: number;
  readonly accountId: number | null;
  readonly meterNumber: string | null;
  readonly reason: string;
};

/**
 * The order, locked for the transaction, when it is still open: completing it (a re-read
 * records its read first) cannot race another completion or a cancel.
 */
export async function lockOpenOrder(
  tx: Tx,
  orderId: number,
): Promise<Result<OpenOrder, 'service_order_not_found' | 'service_order_closed'>> {
  const r = await tx.query<OpenOrder & { status: string }>(
    `SELECT id::int AS id, kind, status, premise_id::int AS "premiseId",
            account_id::int AS "accountId", meter_number AS "meterNumber", reason
       FROM service_order WHERE id = $1 FOR UPDATE`,
    [orderId],
  );
  const row = r.rows[0];
  if (!row) return err('service_order_not_found', String(orderId));
  if (row.status !== 'open') return err('service_order_closed', `${orderId} ${row.status}`);
  const { status: _status, ...order } = row;
  return ok(order);
}

/**
 * Closes an open order as completed or cancelled, with what the crew found or why it was
 * cancelled (`result`), who and when (audited, on the account's timeline); a closed order is
 * left alone (`closed: false`).
 */
export async function closeServiceOrder(
  tx: Tx,
  input: {
    readonly orderId: number;
    readonly status: 'completed' | 'cancelled';
    readonly result?: string | undefined;
  },
  ctx: Ctx,
): Promise<Result<{ closed: boolean }, 'service_order_not_found'>> {
  const r = await tx.query<{ status: string; accountId: number | null; kind: ServiceOrderKind }>(
    `SELECT status, account_id AS "accountId", kind FROM service_order WHERE id = $1 FOR UPDATE`,
    [input.orderId],
  );
  const row = r.rows[0];
  if (!row) return err('service_order_not_found', String(input.orderId));
  if (row.status !== 'open') return ok({ closed: false });
  const result = input.result ?? null;
  await tx.query(
    `UPDATE service_order SET status = $2, closed_at = $3, closed_by = $4, result = $5
      WHERE id = $1`,
    [input.orderId, input.status, ctx.now, ctx.actor.name, result],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: `service_order.${input.status}`,
    entityType: 'service_order',
    entityId: input.orderId,
    accountId: row.accountId,
    before: { status: 'open' },
    after: { status: input.status, result },
  });
  if (row.accountId !== null)
    await orderEvent(
      tx,
      row.accountId,
      input.orderId,
      `${kindLabels[row.kind]} order ${input.orderId} ${input.status}${result ? `: ${result}` : ''}`,
      ctx,
    );
  return ok({ closed: true });
}

/**
 * Cancels a meter's open orders of the given kinds with a result (each audited and on the
 * timeline as `closeServiceOrder`): a removed meter cannot be read again. Returns their ids.
 */
export async function cancelMeterOrders(
  tx: Tx,
  input: {
    readonly meterNumber: string;
    readonly kinds: readonly ServiceOrderKind[];
    readonly result: string;
  },
  ctx: Ctx,
): Promise<number[]> {
  const open = await tx.query<{ id: number }>(
    `SELECT id::int AS id FROM service_order
      WHERE meter_number = $1 AND status = 'open' AND kind = ANY($2::text[])
      ORDER BY id FOR UPDATE`,
    [input.meterNumber, input.kinds],
  );
  for (const { id } of open.rows)
    await closeServiceOrder(tx, { orderId: id, status: 'cancelled', result: input.result }, ctx);
  return open.rows.map((r) => r.id);
}

/** Moves an open order's due date (audited `service_order.rescheduled`); a closed one is left. */
export async function rescheduleServiceOrder(
  tx: Tx,
  input: { readonly orderId: number; readonly dueOn: LocalDate },
  ctx: Ctx,
): Promise<Result<{ moved: boolean }, 'service_order_not_found'>> {
  const r = await tx.query<{ status: string; accountId: number | null; dueOn: string | null }>(
    `SELECT status, account_id AS "accountId", due_on::text AS "dueOn"
       FROM service_order WHERE id = $1 FOR UPDATE`,
    [input.orderId],
  );
  const row = r.rows[0];
  if (!row) return err('service_order_not_found', String(input.orderId));
  if (row.status !== 'open' || row.dueOn === input.dueOn) return ok({ moved: false });
  await tx.query(`UPDATE service_order SET due_on = $2 WHERE id = $1`, [
    input.orderId,
    input.dueOn,
  ]);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service_order.rescheduled',
    entityType: 'service_order',
    entityId: input.orderId,
    accountId: row.accountId,
    before: { dueOn: row.dueOn },
    after: { dueOn: input.dueOn },
  });
  if (row.accountId !== null)
    await orderEvent(
      tx,
      row.accountId,
      input.orderId,
      `Order ${input.orderId} moved to ${input.dueOn}`,
      ctx,
    );
  return ok({ moved: true });
}

export type ServiceOrderView = {
  readonly id: number;
  readonly kind: ServiceOrderKind;
  readonly status: ServiceOrderStatus;
  readonly premiseId: number;
  readonly accountId: number | null;
  readonly meterNumber: string | null;
  readonly reason: string;
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly dueOn: LocalDate | null;
  readonly closedAt: Date | null;
  readonly closedBy: string | null;
  readonly result: string | null;
};

/** Service orders, newest first (at most 200), filtered by premise, account and status. */
export async function listServiceOrders(
  q: Queryable,
  f: {
    readonly premiseId?: number | undefined;
    readonly accountId?: number | undefined;
    readonly status?: ServiceOrderStatus | undefined;
  },
): Promise<ServiceOrderView[]> {
  const r = await q.query<ServiceOrderView>(
    `SELECT id::int AS id, kind, status, premise_id::int AS "premiseId",
            account_id::int AS "accountId", meter_number AS "meterNumber", reason, note,
            created_by AS "createdBy", created_at AS "createdAt", due_on AS "dueOn",
            closed_at AS "closedAt", closed_by AS "closedBy", result
       FROM service_order
      WHERE ($1::bigint IS NULL OR premise_id = $1)
        AND ($2::bigint IS NULL OR account_id = $2)
        AND ($3::text IS NULL OR status = $3)
      ORDER BY id DESC LIMIT 200`,
    [f.premiseId ?? null, f.accountId ?? null, f.status ?? null],
  );
  return r.rows;
}

/** A meter's open orders, as `openOrdersForMeters` gives them. */
export type MeterOrder = Pick<ServiceOrderView, 'id' | 'kind' | 'reason' | 'note' | 'dueOn'> & {
  readonly createdAt: Date;
};

/** The open orders of each meter (oldest first), in one query: the account page shows them. */
export async function openOrdersForMeters(
  q: Queryable,
  meterNumbers: readonly string[],
): Promise<ReadonlyMap<string, readonly MeterOrder[]>> {
  const out = new Map<string, MeterOrder[]>();
  if (meterNumbers.length === 0) return out;
  const r = await q.query<MeterOrder & { meterNumber: string }>(
    `SELECT id::int AS id, kind, reason, note, due_on AS "dueOn", created_at AS "createdAt",
            meter_number AS "meterNumber"
       FROM service_order
      WHERE status = 'open' AND meter_number = ANY($1::text[])
      ORDER BY id`,
    [meterNumbers],
  );
  for (const { meterNumber, ...o } of r.rows) {
    const list = out.get(meterNumber) ?? [];
    list.push(o);
    out.set(meterNumber, list);
  }
  return out;
}
