import type { LocalDate } from '../../core/dates.ts';
import { cents, centsToDecimal } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { getAccountOverview, type AccountOverview } from '../customers/index.ts';
import { accountNetByFund, postEntry, type Fund, type PostEntryCode } from '../ledger/index.ts';
import { takeByFund, type FundAmount } from './recovery-balances.ts';
import type { PaymentContext } from './types.ts';

export type RefundInput = {
  readonly accountId: number;
  /** A credit balance on the receivable, or a deposit held. */
  readonly kind: 'credit_balance' | 'deposit';
  /** Default: all of it (the net credit balance, or every deposit held). */
  readonly amountCents?: number;
  readonly reason: string;
  readonly requestedOn: LocalDate;
  readonly idempotencyKey: string;
};

export type RefundRequest = {
  readonly refundId: number;
  readonly accountId: number;
  readonly kind: 'credit_balance' | 'deposit';
  readonly amountCents: number;
  readonly byFund: readonly FundAmount[];
  readonly payeeName: string;
  readonly journalEntryId: number;
  readonly requestedOn: LocalDate;
  readonly exported: boolean;
};

export type RefundCode =
  | 'invalid'
  | 'account_not_found'
  | 'nothing_to_refund'
  | 'refund_exceeds_available'
  | PostEntryCode;

const columns = `id AS "refundId", account_id AS "accountId", kind, amount_cents::int8 AS "amountCents",
  by_fund AS "byFund", payee_name AS "payeeName", journal_entry_id AS "journalEntryId",
  requested_on::text AS "requestedOn", exported_at IS NOT NULL AS exported`;

function toView(r: RefundRequest): RefundRequest {
  return {
    ...r,
    refundId: Number(r.refundId),
    accountId: Number(r.accountId),
    amountCents: Number(r.amountCents),
    journalEntryId: Number(r.journalEntryId),
  };
}

/** What can be refunded per fund: credits on the receivable (net credit overall), or deposits held. */
async function availableByFund(q: Queryable, accountId: number, kind: RefundInput['kind']) {
  if (kind === 'deposit') {
    const held = await accountNetByFund(q, accountId, 'deposit.held:');
    return { byFund: new Map([...held].map(([f, n]) => [f, -n] as [Fund, number])), cap: Infinity };
  }
  const receivable = await accountNetByFund(q, accountId, 'receivable:');
  const total = [...receivable.values()].reduce((t, n) => t + n, 0);
  return {
    byFund: new Map([...receivable].map(([f, n]) => [f, -n] as [Fund, number])),
    cap: -total,
  };
}

/**
 * Requests a refund check (PAY-8) of a credit balance or a deposit: the entry posts now
 * (`kind = 'refund'`: receivable:F or deposit.held:F debit for the account, cash.bank:F
 * credit — docs/accounting.md §14), and the request (payee and mailing address from the
 * account) waits for the accounts-payable export (`refundChecksCsv`). A credit balance is
 * refundable up to the account's net credit, from the funds that hold credits. Idempotent by
 * key. Audited.
 */
export async function requestRefund(
  tx: Tx,
  input: RefundInput,
  ctx: PaymentContext,
): Promise<Result<RefundRequest, RefundCode>> {
  const reason = input.reason.trim();
  if (reason.length === 0) return err('invalid', 'a reason is required', { reason: 'required' });
  const seen = await tx.query<RefundRequest>(
    `SELECT ${columns} FROM refund_request WHERE idempotency_key = $1`,
    [input.idempotencyKey],
  );
  if (seen.rows[0]) return ok(toView(seen.rows[0]));
  const account = await getAccountOverview(tx, input.accountId);
  if (!account.ok) return err('account_not_found', `account ${input.accountId}`);
  await tx.query('SELECT pg_advisory_xact_lock(90, $1::int)', [input.accountId]);
  const avail = await availableByFund(tx, input.accountId, input.kind);
  const total = Math.min(
    avail.cap,
    [...avail.byFund.values()].reduce((t, n) => t + Math.max(n, 0), 0),
  );
  if (total <= 0)
    return err(
      'nothing_to_refund',
      `account ${input.accountId} has no ${input.kind.replace('_', ' ')}`,
    );
  const amount = input.amountCents ?? total;
  if (amount > total)
    return err('refund_exceeds_available', `at most ${total} cents`, {
      amountCents: `at most ${total}`,
    });
  const byFund = takeByFund(avail.byFund, amount);
  const gl = input.kind === 'deposit' ? 'deposit.held' : 'receivable';
  const posted = await postEntry(
    tx,
    {
      kind: 'refund',
      sourceRef: `refund:${input.idempotencyKey}`,
      effectiveDate: input.requestedOn,
      memo: `refund of ${input.kind.replace('_', ' ')}, account ${input.accountId}: ${reason}`.slice(
        0,
        500,
      ),
      lines: byFund.flatMap((f) => [
        { glAccount: `${gl}:${f.fund}`, debitCents: f.amountCents, accountId: input.accountId },
        { glAccount: `cash.bank:${f.fund}`, creditCents: cents(f.amountCents) },
      ]),
    },
    ctx,
  );
  if (!posted.ok) return posted;
  const r = await insertRequest(
    tx,
    input,
    { amount, byFund, reason, entryId: posted.value.entryId, overview: account.value },
    ctx,
  );
  const view = toView(r.rows[0]!);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'refund.requested',
    entityType: 'refund_request',
    entityId: view.refundId,
    accountId: input.accountId,
    after: view,
  });
  return ok(view);
}

async function insertRequest(
  tx: Tx,
  input: RefundInput,
  x: {
    amount: number;
    byFund: FundAmount[];
    reason: string;
    entryId: number;
    overview: AccountOverview;
  },
  ctx: PaymentContext,
) {
  const m = x.overview.mailingAddress;
  return tx.query<RefundRequest>(
    `INSERT INTO refund_request (account_id, kind, amount_cents, by_fund, payee_name, mail_line1,
       mail_line2, mail_city, mail_state, mail_zip, reason, journal_entry_id, idempotency_key,
       requested_on, requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     RETURNING ${columns}`,
    [
      input.accountId,
      input.kind,
      x.amount,
      JSON.stringify(x.byFund),
      x.overview.customer.displayName,
      m.line1,
      m.line2,
      m.city,
      m.state,
      m.zip,
      x.reason,
      x.entryId,
      input.idempotencyKey,
      input.requestedOn,
      ctx.actor.name,
      ctx.now,
    ],
  );
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The refund-check requests not yet sent to accounts payable, as CSV (one row per check:
 * request id, account, payee, mailing address, amount in dollars, kind, date, reason,
 * journal entry), marked exported so the next export does not repeat them. Audited.
 */
export async function refundChecksCsv(
  tx: Tx,
  ctx: PaymentContext,
): Promise<{ csv: string; count: number }> {
  const r = await tx.query<Record<string, string | number | null>>(
    `UPDATE refund_request SET exported_at = $1 WHERE exported_at IS NULL
     RETURNING id, account_id, payee_name, mail_line1, mail_line2, mail_city, mail_state, mail_zip,
       amount_cents::int8 AS amount_cents, kind, requested_on::text AS requested_on, reason,
       journal_entry_id`,
    [ctx.now],
  );
  const rows = r.rows.sort((a, b) => Number(a.id) - Number(b.id));
  const header =
    'refund_id,account_id,payee,address_line1,address_line2,city,state,zip,amount,kind,requested_on,reason,journal_entry_id';
  const lines = rows.map((x) =>
    [
      x.id,
      x.account_id ?? '', // none for an unapplied-cash item's sender
      x.payee_name,
      x.mail_line1,
      x.mail_line2 ?? '',
      x.mail_city,
      x.mail_state,
      x.mail_zip,
      centsToDecimal(Number(x.amount_cents)),
      x.kind,
      x.requested_on,
      x.reason,
      x.journal_entry_id,
    ]
      .map((v) => csvCell(String(v)))
      .join(','),
  );
  if (rows.length) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'refund.exported',
      entityType: 'refund_export',
      entityId: ctx.now.toISOString(),
      after: { refundIds: rows.map((x) => Number(x.id)) },
    });
  }
  return { csv: [header, ...lines].join('\n') + '\n', count: rows.length };
}
