import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { maskBankAccount, sealAccountNumber } from './autopay-crypto.ts';
import { isValidRoutingNumber } from './tender.ts';
import type { PaymentContext } from './types.ts';

/** Days between enrolment (the prenote goes out) and the first debit: NACHA lets a prenote
 * be answered for three banking days; six calendar days cover a weekend. */
export const prenoteWaitDays = 6;

export type AutopayEnrolInput = {
  readonly accountId: number;
  readonly routingNumber: string;
  readonly accountNumber: string;
  readonly accountType: 'checking' | 'savings';
  readonly holderName: string;
  readonly enrolledOn: LocalDate;
};

export type AutopayView = {
  readonly enrolmentId: number;
  readonly accountId: number;
  readonly routingNumber: string;
  /** `****1234`: the full number never leaves the database unencrypted except in the file. */
  readonly accountMasked: string;
  readonly accountType: 'checking' | 'savings';
  readonly holderName: string;
  readonly status: 'prenote' | 'active' | 'stopped';
  readonly enrolledOn: LocalDate;
  readonly liveOn: LocalDate;
  readonly stoppedOn: LocalDate | null;
  readonly stopReason: string | null;
};

export type EnrolAutopayCode =
  'invalid' | 'account_not_found' | 'cash_only_account' | 'autopay_already_enrolled';

const viewColumns = `id AS "enrolmentId", account_id AS "accountId", routing_number AS "routingNumber",
  account_last4 AS last4, account_type AS "accountType", holder_name AS "holderName", status,
  enrolled_on::text AS "enrolledOn", live_on::text AS "liveOn", stopped_on::text AS "stoppedOn",
  stop_reason AS "stopReason"`;

type Row = Omit<AutopayView, 'accountMasked'> & { last4: string };

function toView({ last4, ...r }: Row): AutopayView {
  return {
    ...r,
    enrolmentId: Number(r.enrolmentId),
    accountId: Number(r.accountId),
    accountMasked: maskBankAccount(last4),
  };
}

/** Problems with a bank account before any database work (ABA check digit, account digits). */
export function bankAccountProblem(
  routingNumber: string,
  accountNumber: string,
): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (!isValidRoutingNumber(routingNumber)) {
    fields.routingNumber = 'nine digits with a valid ABA check digit';
  }
  if (!/^[0-9]{4,17}$/.test(accountNumber)) fields.accountNumber = '4 to 17 digits';
  return Object.keys(fields).length ? fields : null;
}

/**
 * Enrols an account in autopay (PAY-6): the bank account is validated (ABA check digit),
 * stored encrypted with its last four, and starts in `prenote`: the next autopay file carries
 * a zero-dollar prenotification; debits start `prenoteWaitDays` later. One open enrolment
 * per account. A cash-only account cannot enrol. Audited.
 */
export async function enrolAutopay(
  tx: Tx,
  input: AutopayEnrolInput,
  ctx: PaymentContext,
): Promise<Result<AutopayView, EnrolAutopayCode>> {
  const fields = bankAccountProblem(input.routingNumber, input.accountNumber) ?? {};
  const holder = input.holderName.trim();
  if (holder.length === 0 || holder.length > 22) fields.holderName = '1 to 22 characters';
  if (Object.keys(fields).length) return err('invalid', 'bank account', fields);
  const account = await getAccountOverview(tx, input.accountId);
  if (!account.ok) return err('account_not_found', `account ${input.accountId}`);
  if (account.value.specialStatuses.some((s) => s.status === 'cash_only')) {
    return err('cash_only_account', `account ${input.accountId} is cash-only`);
  }
  const r = await tx.query<Row>(
    `INSERT INTO autopay_enrolment (account_id, routing_number, account_number_enc, account_last4,
       account_type, holder_name, status, enrolled_on, live_on, enrolled_by, enrolled_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'prenote', $7, $8, $9, $10)
     ON CONFLICT DO NOTHING RETURNING ${viewColumns}`,
    [
      input.accountId,
      input.routingNumber,
      sealAccountNumber(input.accountNumber),
      input.accountNumber.slice(-4),
      input.accountType,
      holder,
      input.enrolledOn,
      addDays(input.enrolledOn, prenoteWaitDays),
      ctx.actor.name,
      ctx.now,
    ],
  );
  const row = r.rows[0];
  if (!row) return err('autopay_already_enrolled', `account ${input.accountId}`);
  const view = toView(row);
  await audit(tx, ctx, 'autopay.enrolled', view, undefined);
  return ok(view);
}

/** Stops an open enrolment (the customer asked, a return code requires it, cash-only). */
export async function stopAutopay(
  tx: Tx,
  input: { readonly accountId: number; readonly reason: string; readonly stoppedOn: LocalDate },
  ctx: PaymentContext,
): Promise<Result<AutopayView, 'invalid' | 'autopay_not_enrolled'>> {
  const reason = input.reason.trim();
  if (reason.length === 0) return err('invalid', 'a reason is required', { reason: 'required' });
  const r = await tx.query<Row>(
    `UPDATE autopay_enrolment SET status = 'stopped', stopped_on = $2, stop_reason = $3
      WHERE account_id = $1 AND status <> 'stopped' RETURNING ${viewColumns}`,
    [input.accountId, input.stoppedOn, reason],
  );
  const row = r.rows[0];
  if (!row) return err('autopay_not_enrolled', `account ${input.accountId}`);
  const view = toView(row);
  await audit(tx, ctx, 'autopay.stopped', view, { status: 'active' });
  return ok(view);
}

/** The account's open enrolment, else its latest stopped one, else null. */
export async function getAutopay(q: Queryable, accountId: number): Promise<AutopayView | null> {
  const r = await q.query<Row>(
    `SELECT ${viewColumns} FROM autopay_enrolment WHERE account_id = $1
      ORDER BY (status <> 'stopped') DESC, id DESC LIMIT 1`,
    [accountId],
  );
  return r.rows[0] ? toView(r.rows[0]) : null;
}

export async function getEnrolment(q: Queryable, enrolmentId: number): Promise<AutopayView | null> {
  const r = await q.query<Row>(`SELECT ${viewColumns} FROM autopay_enrolment WHERE id = $1`, [
    enrolmentId,
  ]);
  return r.rows[0] ? toView(r.rows[0]) : null;
}

export async function audit(
  tx: Tx,
  ctx: PaymentContext,
  action: string,
  view: AutopayView,
  before: unknown,
): Promise<void> {
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'autopay_enrolment',
    entityId: view.enrolmentId,
    accountId: view.accountId,
    before,
    after: view,
  });
}
