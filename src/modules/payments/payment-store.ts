import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { auditInsertSql, type Actor, type AuditEntry } from '../audit/index.ts';
import type { AppliedLine, Channel, PaymentView, PostPaymentInput, TenderDetail } from './types.ts';

export type PaymentRow = Omit<PaymentView, 'replayed' | 'amountCents' | 'feeCents'> & {
  amountCents: number;
  feeCents: number;
  requestHash: string;
};

/** The payment's columns as `PaymentRow` (also read as JSON by post-payment-start.ts). */
export const paymentColumns = `id AS "paymentId", account_id AS "accountId", amount_cents AS "amountCents",
  fee_cents AS "feeCents", tender_detail AS tender, channel, drawer_id AS "drawerId",
  effective_date::text AS "effectiveDate", status, application,
  journal_entry_id AS "journalEntryId", reversal_entry_id AS "reversalEntryId",
  received_by_name AS "receivedByName",
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "receivedAt",
  to_char(reversed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "reversedAt",
  reverse_reason AS "reverseReason", request_hash AS "requestHash"`;

export type StoredPayment = PaymentView & { readonly requestHash: string };

export function toView(r: PaymentRow, replayed = false): StoredPayment {
  return {
    ...r,
    paymentId: Number(r.paymentId),
    accountId: Number(r.accountId),
    drawerId: r.drawerId === null ? null : Number(r.drawerId),
    journalEntryId: r.journalEntryId === null ? null : Number(r.journalEntryId),
    reversalEntryId: r.reversalEntryId === null ? null : Number(r.reversalEntryId),
    amountCents: cents(Number(r.amountCents)),
    feeCents: cents(Number(r.feeCents)),
    replayed,
  };
}

export async function readPayment(
  q: Queryable,
  paymentId: number,
  forUpdate = false,
): Promise<StoredPayment | null> {
  const r = await q.query<PaymentRow>(
    `SELECT ${paymentColumns} FROM payment WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [paymentId],
  );
  return r.rows[0] ? toView(r.rows[0]) : null;
}

export async function readPaymentByKey(q: Queryable, key: string): Promise<StoredPayment | null> {
  const r = await q.query<PaymentRow>(
    `SELECT ${paymentColumns} FROM payment WHERE idempotency_key = $1`,
    [key],
  );
  return r.rows[0] ? toView(r.rows[0], true) : null;
}

/**
 * Records the payment's journal entry and its audit row (`audit`, entity: the payment) and
 * returns the payment as stored, in ONE statement.
 */
export async function attachEntry(
  tx: Tx,
  paymentId: number,
  entryId: number,
  audit: Omit<AuditEntry, 'entityId'>,
): Promise<StoredPayment> {
  const a = auditInsertSql(audit, 'u."paymentId"', 'u', 3);
  const r = await tx.query<PaymentRow>(
    `WITH u AS (UPDATE payment SET journal_entry_id = $2 WHERE id = $1
                RETURNING ${paymentColumns}),
          a AS (${a.sql})
     SELECT * FROM u`,
    [paymentId, entryId, ...a.params],
  );
  return toView(r.rows[0]!);
}

/** An account's payments, newest first. */
export async function listAccountPayments(
  q: Queryable,
  accountId: number,
  limit: number,
): Promise<StoredPayment[]> {
  const r = await q.query<PaymentRow>(
    `SELECT ${paymentColumns} FROM payment WHERE account_id = $1 ORDER BY id DESC LIMIT $2`,
    [accountId, limit],
  );
  return r.rows.map((row) => toView(row));
}

/** The payment row; null when a racing request took the idempotency key first. */
export async function insertPayment(
  tx: Tx,
  p: {
    readonly input: PostPaymentInput;
    readonly feeCents: Cents;
    readonly tender: TenderDetail;
    readonly application: readonly AppliedLine[];
    readonly requestHash: string;
    readonly actor: Actor;
    readonly now: Date;
  },
): Promise<number | null> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO payment (account_id, amount_cents, fee_cents, tender, channel, tender_detail,
       drawer_id, effective_date, status, application, idempotency_key, request_hash,
       received_by_kind, received_by_id, received_by_name, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'posted', $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      p.input.accountId,
      p.input.amountCents,
      p.feeCents,
      p.tender.kind,
      p.input.channel satisfies Channel,
      JSON.stringify(p.tender),
      p.input.drawerId ?? null,
      p.input.effectiveDate satisfies LocalDate,
      JSON.stringify(p.application),
      p.input.idempotencyKey,
      p.requestHash,
      p.actor.kind,
      p.actor.kind === 'system' ? null : p.actor.id,
      p.actor.name,
      p.now,
    ],
  );
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

/**
 * `count` new payment ids from the table's identity sequence, in order, in ONE statement (the
 * set-based writers: remittance, group posting). One array value, not a row per id; the
 * sequence is named once (a regclass parameter): pg_get_serial_sequence inside nextval ran
 * its catalog look-up per row, 12× the cost of 100,000 nextval calls themselves.
 */
export async function drawPaymentIds(tx: Tx, count: number): Promise<number[]> {
  const seq = await tx.query<{ s: string }>(`SELECT pg_get_serial_sequence('payment', 'id') AS s`);
  const r = await tx.query<{ ids: (string | number)[] }>(
    `SELECT array_agg(id ORDER BY id) AS ids
       FROM (SELECT nextval($2::regclass) AS id FROM generate_series(1, $1::int)) s`,
    [count, seq.rows[0]!.s],
  );
  return r.rows[0]!.ids.map(Number);
}
