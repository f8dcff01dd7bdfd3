import { createHash } from 'node:crypto';
import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { postEntry, type JournalLineInput, type PostEntryCode } from '../ledger/index.ts';
import { applyPayment } from './application.ts';
import { openItemsFor } from './open-items.ts';
import { applicationRulesAsOf } from './policy.ts';
import type { AppliedLine, PaymentContext } from './types.ts';

export type UnappliedCashView = {
  readonly id: number;
  readonly remittanceFileId: number;
  readonly fileName: string;
  readonly line: number;
  readonly amountCents: number;
  readonly effectiveDate: string;
  readonly accountRef: string | null;
  readonly invoiceRef: string | null;
  readonly payerName: string | null;
  readonly checkNumber: string | null;
  /** Why it is unapplied: no account matched, or the account refused it (a cash-only
   * account's check); null for items held before reasons were kept. */
  readonly holdReason: string | null;
  readonly status: 'open' | 'applied' | 'refunded';
  readonly resolvedAccountId: number | null;
  readonly resolvedPaymentId: number | null;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  /** Research notes, oldest first (unapplied-notes.ts). */
  readonly notes: UnappliedNote[];
};

export type UnappliedNote = { readonly body: string; readonly author: string; readonly at: string };

const columns = `u.id, u.remittance_file_id AS "remittanceFileId", f.file_name AS "fileName", u.line,
  u.amount_cents::int8 AS "amountCents", u.effective_date::text AS "effectiveDate",
  u.account_ref AS "accountRef", u.invoice_ref AS "invoiceRef", u.payer_name AS "payerName",
  u.check_number AS "checkNumber", u.hold_reason AS "holdReason", u.status, u.resolved_account_id AS "resolvedAccountId",
  u.resolved_payment_id AS "resolvedPaymentId",
  to_char(u.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "resolvedAt",
  u.resolved_by AS "resolvedBy",
  (SELECT coalesce(json_agg(json_build_object('body', n.body, 'author', n.author, 'at',
            to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            ORDER BY n.id), '[]'::json)
     FROM unapplied_cash_note n WHERE n.unapplied_cash_id = u.id) AS notes`;

function toView(r: Record<string, unknown>): UnappliedCashView {
  const n = (v: unknown): number | null => (v === null ? null : Number(v));
  return {
    ...(r as UnappliedCashView),
    id: Number(r.id),
    remittanceFileId: Number(r.remittanceFileId),
    amountCents: Number(r.amountCents),
    resolvedAccountId: n(r.resolvedAccountId),
    resolvedPaymentId: n(r.resolvedPaymentId),
    notes: (typeof r.notes === 'string' ? JSON.parse(r.notes) : r.notes) as UnappliedNote[],
  };
}

/** The research queue (PAY-5): open items oldest first, or every status; text searches refs and payer. */
export async function listUnappliedCash(
  q: Queryable,
  opts: {
    readonly status?: 'open' | 'applied' | 'refunded' | 'all';
    readonly search?: string;
    readonly limit?: number;
  } = {},
): Promise<UnappliedCashView[]> {
  const status = opts.status ?? 'open';
  const r = await q.query(
    `SELECT ${columns} FROM unapplied_cash u JOIN remittance_file f ON f.id = u.remittance_file_id
      WHERE ($1 = 'all' OR u.status = $1)
        AND ($2::text IS NULL OR u.payer_name ILIKE '%' || $2 || '%' OR u.account_ref ILIKE '%' || $2 || '%'
             OR u.invoice_ref ILIKE '%' || $2 || '%' OR u.check_number = $2)
      ORDER BY u.id LIMIT $3`,
    [status, opts.search?.trim() || null, opts.limit ?? 200],
  );
  return r.rows.map(toView);
}

export type ApplyUnappliedCode =
  'not_found' | 'unapplied_cash_resolved' | 'account_not_found' | PostEntryCode;

/**
 * Transfers an unapplied-cash item to the account research found (PAY-5): the amount is
 * applied by the application rules in effect today like any payment, and a `transfer`
 * entry (source `unapplied-apply:<id>`) moves it out of `unapplied_cash:general` into the
 * account's receivables (interfund due-to/due-from for a fund other than General); a
 * `payment` row (channel 'lockbox') records it in the account's payment history. Audited.
 */
export async function applyUnappliedCash(
  tx: Tx,
  input: { readonly id: number; readonly accountId: number; readonly asOf: LocalDate },
  ctx: PaymentContext,
): Promise<Result<UnappliedCashView, ApplyUnappliedCode>> {
  const row = await tx.query<{ amount: string; status: string; chk: string | null }>(
    `SELECT amount_cents AS amount, status, check_number AS chk FROM unapplied_cash WHERE id = $1 FOR UPDATE`,
    [input.id],
  );
  const item = row.rows[0];
  if (!item) return err('not_found', `unapplied cash ${input.id}`);
  if (item.status !== 'open')
    return err('unapplied_cash_resolved', `unapplied cash ${input.id} is ${item.status}`);
  const account = await getAccountOverview(tx, input.accountId);
  if (!account.ok) return err('account_not_found', `account ${input.accountId}`);
  await tx.query('SELECT pg_advisory_xact_lock(90, $1::int)', [input.accountId]);
  const amount = cents(Number(item.amount));
  const rules = await applicationRulesAsOf(tx, input.asOf);
  const application = applyPayment(
    amount,
    await openItemsFor(tx, account.value, input.asOf),
    rules,
  ).lines;
  const posted = await postEntry(tx, transferEntry(input, amount, application), ctx);
  if (!posted.ok) return posted;
  const paymentId = await insertTransferPayment(
    tx,
    input,
    amount,
    item.chk,
    application,
    posted.value.entryId,
    ctx,
  );
  await tx.query(
    `UPDATE unapplied_cash SET status = 'applied', resolved_account_id = $2, resolved_payment_id = $3,
       resolved_entry_id = $4, resolved_at = $5, resolved_by = $6 WHERE id = $1`,
    [input.id, input.accountId, paymentId, posted.value.entryId, ctx.now, ctx.actor.name],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'unapplied_cash.applied',
    entityType: 'unapplied_cash',
    entityId: input.id,
    accountId: input.accountId,
    before: { status: 'open' },
    after: {
      status: 'applied',
      accountId: input.accountId,
      paymentId,
      entryId: posted.value.entryId,
      application,
    },
  });
  const view = await listOne(tx, input.id);
  return ok(view);
}

/** Who the refund check of an unapplied-cash item goes to: the sender research found. */
export type RefundPayee = {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string | null | undefined;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
};

function payeeProblem(p: RefundPayee): Record<string, string> | null {
  const f: Record<string, string> = {};
  if (p.name.trim().length === 0) f['payee.name'] = 'required';
  if (p.line1.trim().length === 0) f['payee.line1'] = 'required';
  if (p.city.trim().length === 0) f['payee.city'] = 'required';
  if (!/^[A-Z]{2}$/.test(p.state.trim())) f['payee.state'] = 'two capital letters (AZ)';
  if (!/^\d{5}(-\d{4})?$/.test(p.zip.trim())) f['payee.zip'] = '5 digits, or ZIP+4';
  return Object.keys(f).length === 0 ? null : f;
}

/**
 * Refunds an unapplied-cash item to whoever sent it (research found no account): a `refund`
 * entry, source `unapplied-refund:<id>` — `unapplied_cash:general` debit, `cash.bank:general`
 * credit (the refund check) — a refund-check request for accounts payable (kind
 * `unapplied_cash`, no account; payee and mailing address as research found them; exported
 * by `refundChecksCsv` with the others), and the item leaves the queue as `refunded` with
 * the reason.
 */
export async function refundUnappliedCash(
  tx: Tx,
  input: {
    readonly id: number;
    readonly reason: string;
    readonly asOf: LocalDate;
    readonly payee: RefundPayee;
  },
  ctx: PaymentContext,
): Promise<Result<UnappliedCashView, ApplyUnappliedCode | 'invalid'>> {
  const payee = payeeProblem(input.payee);
  if (payee !== null) return err('invalid', 'the refund check’s payee and mailing address', payee);
  const row = await tx.query<{ amount: string; status: string }>(
    'SELECT amount_cents AS amount, status FROM unapplied_cash WHERE id = $1 FOR UPDATE',
    [input.id],
  );
  const item = row.rows[0];
  if (!item) return err('not_found', `unapplied cash ${input.id}`);
  if (item.status !== 'open')
    return err('unapplied_cash_resolved', `unapplied cash ${input.id} is ${item.status}`);
  const amount = cents(Number(item.amount));
  const posted = await postEntry(
    tx,
    {
      kind: 'refund',
      sourceRef: `unapplied-refund:${input.id}`,
      effectiveDate: input.asOf,
      memo: `unapplied cash ${input.id} refunded: ${input.reason}`,
      lines: [
        { glAccount: 'unapplied_cash:general', debitCents: amount },
        { glAccount: 'cash.bank:general', creditCents: amount },
      ],
    },
    ctx,
  );
  if (!posted.ok) return posted;
  const refundRequestId = await insertRefundCheck(tx, input, amount, posted.value.entryId, ctx);
  await tx.query(
    `UPDATE unapplied_cash SET status = 'refunded', resolved_entry_id = $2, resolved_at = $3,
       resolved_by = $4, note = $5 WHERE id = $1`,
    [input.id, posted.value.entryId, ctx.now, ctx.actor.name, input.reason],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'unapplied_cash.refunded',
    entityType: 'unapplied_cash',
    entityId: input.id,
    before: { status: 'open' },
    after: {
      status: 'refunded',
      entryId: posted.value.entryId,
      reason: input.reason,
      refundRequestId,
      payee: input.payee,
    },
  });
  return ok(await listOne(tx, input.id));
}

/** The accounts-payable refund-check request of a refunded item (migration 0108). */
async function insertRefundCheck(
  tx: Tx,
  input: {
    readonly id: number;
    readonly reason: string;
    readonly asOf: LocalDate;
    readonly payee: RefundPayee;
  },
  amount: Cents,
  entryId: number,
  ctx: PaymentContext,
): Promise<number> {
  const p = input.payee;
  const r = await tx.query<{ id: string }>(
    `INSERT INTO refund_request (account_id, kind, amount_cents, by_fund, payee_name, mail_line1,
       mail_line2, mail_city, mail_state, mail_zip, reason, journal_entry_id, idempotency_key,
       requested_on, requested_by, requested_at, unapplied_cash_id)
     VALUES (NULL, 'unapplied_cash', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
       $15)
     RETURNING id`,
    [
      amount,
      JSON.stringify([{ fund: 'general', amountCents: amount }]),
      p.name.trim(),
      p.line1.trim(),
      p.line2?.trim() || null,
      p.city.trim(),
      p.state.trim(),
      p.zip.trim(),
      input.reason,
      entryId,
      `unapplied-refund:${input.id}`,
      input.asOf,
      ctx.actor.name,
      ctx.now,
      input.id,
    ],
  );
  return Number(r.rows[0]!.id);
}

export async function listOne(q: Queryable, id: number): Promise<UnappliedCashView> {
  const r = await q.query(
    `SELECT ${columns} FROM unapplied_cash u JOIN remittance_file f ON f.id = u.remittance_file_id WHERE u.id = $1`,
    [id],
  );
  return toView(r.rows[0]!);
}

function transferEntry(
  input: { readonly id: number; readonly accountId: number; readonly asOf: LocalDate },
  amount: Cents,
  application: readonly AppliedLine[],
) {
  const lines: JournalLineInput[] = [{ glAccount: 'unapplied_cash:general', debitCents: amount }];
  const byFund = new Map<string, number>();
  for (const l of application) {
    lines.push({ glAccount: l.glAccount, creditCents: l.amountCents, accountId: input.accountId });
    if (l.fund !== 'general') byFund.set(l.fund, (byFund.get(l.fund) ?? 0) + l.amountCents);
  }
  for (const [fund, a] of byFund) {
    lines.push({ glAccount: `due_from.general:${fund}`, debitCents: cents(a) });
    lines.push({ glAccount: `due_to.${fund}:general`, creditCents: cents(a) });
  }
  return {
    kind: 'transfer' as const,
    sourceRef: `unapplied-apply:${input.id}`,
    effectiveDate: input.asOf,
    memo: `unapplied cash ${input.id} applied to account ${input.accountId}`,
    lines,
  };
}

async function insertTransferPayment(
  tx: Tx,
  input: { readonly id: number; readonly accountId: number; readonly asOf: LocalDate },
  amount: Cents,
  checkNumber: string | null,
  application: readonly AppliedLine[],
  entryId: number,
  ctx: PaymentContext,
): Promise<number> {
  const key = `unapplied-apply:${input.id}`;
  const tender = checkNumber
    ? { kind: 'check', checkNumber, routingNumber: '', accountLast4: '' }
    : { kind: 'ach', routingNumber: '', accountLast4: '' };
  const r = await tx.query<{ id: string }>(
    `INSERT INTO payment (account_id, amount_cents, fee_cents, tender, channel, tender_detail,
       effective_date, status, application, journal_entry_id, idempotency_key, request_hash,
       received_by_kind, received_by_id, received_by_name, received_at)
     VALUES ($1, $2, 0, $3, 'lockbox', $4, $5, 'posted', $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [
      input.accountId,
      amount,
      tender.kind,
      JSON.stringify(tender),
      input.asOf,
      JSON.stringify(application),
      entryId,
      key,
      createHash('sha256').update(key).digest('hex'),
      ctx.actor.kind,
      ctx.actor.kind === 'system' ? null : ctx.actor.id,
      ctx.actor.name,
      ctx.now,
    ],
  );
  return Number(r.rows[0]!.id);
}
