import { cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { accountFacts } from '../customers/index.ts';
import { postEntry, type Fund } from '../ledger/index.ts';
import { readPaymentByKey } from './payment-store.ts';
import { postPayment, type PostPaymentCode } from './post-payment.ts';
import { netByFund, takeByFund, type FundAmount } from './recovery-balances.ts';
import type { PaymentContext, PaymentView, PostPaymentInput } from './types.ts';

export type RecoveryPayment = {
  readonly payment: PaymentView;
  /** The bad-debt recovery that re-established the receivable first (null: not written off). */
  readonly recoveryEntryId: number | null;
  readonly recovered: readonly FundAmount[];
};

/**
 * What is still written off per fund: the receivable credits of `write_off` entries (a
 * write-off is the ledger's: collections posts it, COL-6) less earlier recoveries.
 */
export async function recoverableByFund(tx: Tx, accountId: number): Promise<Map<Fund, number>> {
  const writtenOff = await netByFund(tx, accountId, 'receivable:', ['write_off']);
  const recovered = await netByFund(tx, accountId, 'receivable:', ['recovery']);
  const left = new Map<Fund, number>();
  for (const [fund, net] of writtenOff) left.set(fund, -net - (recovered.get(fund) ?? 0));
  return left;
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
          kind: 'recovery',
          sourceRef: `recovery:${input.idempotencyKey}`,
          idempotencyKey: `recovery:${input.idempotencyKey}`,
          effectiveDate: input.effectiveDate,
          memo: `bad-debt recovery, account ${input.accountId}`,
          lines: recovered.flatMap((r) => [
            {
              glAccount: `receivable:${r.fund}`,
              debitCents: r.amountCents,
              accountId: input.accountId,
            },
            { glAccount: `revenue.bad_debt_recovery:${r.fund}`, creditCents: cents(r.amountCents) },
          ]),
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
