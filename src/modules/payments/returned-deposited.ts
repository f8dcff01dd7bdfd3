import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import {
  postEntry,
  type Fund,
  type JournalLineInput,
  type LedgerContext,
  type PostEntryCode,
} from '../ledger/index.ts';
import type { PaymentView } from './types.ts';

/**
 * A check taken at a window drawer and returned AFTER its drawer was deposited (PAY-4): the
 * reversal mirrored the payment against `cash.drawer:general` and the interfund accounts,
 * but the deposit had already moved that money to `cash.bank:F`. This entry (kind `return`,
 * source `return:<paymentId>`) undoes the deposit's part for this payment — drawer and
 * interfund back, `cash.bank:F` credited — so mirror + correction = docs/accounting.md §12
 * (receivable debit, bank credit). Nothing for a drawer not yet deposited (the deposit then
 * leaves the reversed payment out) or for a bank-channel payment.
 */
export async function correctDepositedDrawer(
  tx: Tx,
  p: PaymentView,
  date: LocalDate,
  ctx: LedgerContext,
): Promise<Result<number | null, PostEntryCode>> {
  if (p.drawerId === null) return ok(null);
  const d = await tx.query<{ status: string }>('SELECT status FROM cash_drawer WHERE id = $1', [
    p.drawerId,
  ]);
  if (d.rows[0]?.status !== 'deposited') return ok(null);
  const byFund = new Map<Fund, number>();
  for (const l of p.application) byFund.set(l.fund, (byFund.get(l.fund) ?? 0) + l.amountCents);
  if (p.feeCents > 0) byFund.set('general', (byFund.get('general') ?? 0) + p.feeCents);
  const lines: JournalLineInput[] = [
    { glAccount: 'cash.drawer:general', debitCents: cents(p.amountCents + p.feeCents) },
  ];
  for (const [fund, amount] of byFund) {
    lines.push({ glAccount: `cash.bank:${fund}`, creditCents: cents(amount) });
    if (fund === 'general') continue;
    lines.push({ glAccount: `due_to.${fund}:general`, creditCents: cents(amount) });
    lines.push({ glAccount: `due_from.general:${fund}`, debitCents: cents(amount) });
  }
  const posted = await postEntry(
    tx,
    {
      kind: 'return',
      sourceRef: `return:${p.paymentId}`,
      effectiveDate: date,
      memo: `payment ${p.paymentId} returned after drawer ${p.drawerId} was deposited`,
      lines,
    },
    ctx,
  );
  return posted.ok ? ok(posted.value.entryId) : posted;
}
