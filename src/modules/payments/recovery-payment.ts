import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { accountFacts } from '../customers/index.ts';
import type { LocalDate } from '../../core/dates.ts';
import { accountNetByFund, postEntry, type Fund, type PostEntryInput } from '../ledger/index.ts';
import { readPaymentByKey } from './payment-store.ts';
import { postPayment, type PostPaymentCode } from './post-payment.ts';
import { takeByFund, type FundAmount } from './recovery-balances.ts';
import type { PaymentContext, PaymentView, PostPaymentInput } from './types.ts';

export type RecoveryPayment = {
  readonly payment: PaymentView;
  /** The bad-debt recovery that re-established the receivable first (null: not written off). */
  readonly recoveryEntryId: number | null;
  readonly recovered: readonly FundAmount[];
};

/**
 * What is still written off per fund: the receivable credits of `write_off` entries (a
 * write-off is the ledger's: collections posts it, COL-6) less earlier recoveries (their
 * receivable debits) — one aggregate over both kinds.
 */
export async function recoverableByFund(tx: Tx, accountId: number): Promise<Map<Fund, number>> {
  const net = await accountNetByFund(tx, accountId, 'receivable:', ['write_off', 'recovery']);
  return new Map([...net].map(([fund, n]) => [fund, -n]));
}

/**
 * The bad-debt recovery entry of a payment (PAY-9; docs/accounting.md §13): per fund
 * recovered, receivable:F debit on the account, revenue.bad_debt_recovery:F credit. Source
 * `recovery:<the payment's idempotency key>`.
 */
export function recoveryEntry(
  payment: {
    readonly accountId: number;
    readonly idempotencyKey: string;
    readonly effectiveDate: LocalDate;
  },
  recovered: readonly FundAmount[],
): PostEntryInput {
  return {
    kind: 'recovery',
    sourceRef: `recovery:${payment.idempotencyKey}`,
    effectiveDate: payment.effectiveDate,
    memo: `bad-debt recovery, account ${payment.accountId}`,
    lines: recovered.flatMap((r) => [
      {
        glAccount: `receivable:${r.fund}`,
        debitCents: r.amountCents,
        accountId: payment.accountId,
      },
      { glAccount: `revenue.bad_debt_recovery:${r.fund}`, creditCents: cents(r.amountCents) },
    ]),
  };
}

/**
 * A payment that may land on a written-off account (PAY-9). On an account whose status is
 * `written_off` (customers) the written-off debt is first re-established as bad-debt
 * recovery revenue (`kind = 'recovery'`: receivable:F debit, revenue.bad_debt_recovery:F
 * credit, up to the payment and to what is still written off, chart fund order), then the
 * payment posts like any other and pays it (docs/accounting.md §13). Otherwise it is just
 * `postPayment`. Idempotent by the payment's key (the recovery entry carries
 * `recovery:<key>`).
 */
export async function postPaymentWithRecovery(
  tx: Tx,
  input: PostPaymentInput,
  ctx: PaymentContext,
): Promise<Result<RecoveryPayment, PostPaymentCode>> {
  const account = (await accountFacts(tx, [input.accountId], input.effectiveDate)).get(
    input.accountId,
  );
  if (account === undefined) return err('account_not_found', `account ${input.accountId}`);
  let recoveryEntryId: number | null = null;
  let recovered: FundAmount[] = [];
  // A retry of a posted payment is its replay: nothing more is recovered.
  const writtenOff = account.status === 'written_off';
  if (writtenOff && (await readPaymentByKey(tx, input.idempotencyKey)) === null) {
    await tx.query('SELECT pg_advisory_xact_lock(90, $1::int)', [input.accountId]);
    recovered = takeByFund(await recoverableByFund(tx, input.accountId), input.amountCents);
    if (recovered.length > 0) {
      const posted = await postEntry(
        tx,
        {
          ...recoveryEntry(input, recovered),
          idempotencyKey: `recovery:${input.idempotencyKey}`,
        },
        ctx,
      );
      if (!posted.ok) return posted;
      recoveryEntryId = posted.value.entryId;
    }
  }
  // The facts just read (the same effective date): postPayment does not read them again.
  const paid = await postPayment(tx, input, ctx, { account });
  if (!paid.ok) return paid;
  return ok({ payment: paid.value, recoveryEntryId, recovered });
}
