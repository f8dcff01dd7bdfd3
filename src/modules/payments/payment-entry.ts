import { cents, type Cents } from '../../core/money.ts';
import type { Fund, JournalLineInput, PostEntryInput } from '../ledger/index.ts';
import type { AppliedLine, PostPaymentInput } from './types.ts';

/** Does the money go into a General Fund cash drawer (window cash, check or card)? */
export function takenAtDrawer(input: Pick<PostPaymentInput, 'channel' | 'tender'>): boolean {
  return input.channel === 'window' && input.tender.kind !== 'ach';
}

/**
 * The payment's ONE journal entry (pure), kind `payment`, source `payment:<id>`; every fund
 * balances inside it (docs/accounting.md §8a):
 * - at a drawer: `cash.drawer:general` debit for amount + fee; each fund F ≠ general that
 *   the payment credits gets `due_from.general:F` debit and `due_to.F:general` credit;
 * - otherwise (mail, lockbox, phone, web, autopay, ACH): `cash.bank:F` debit per fund paid;
 * - credits: `receivable:F` (or `deposit.held:F`) per GL account paid, with the account id;
 *   the card fee credits `feeGl` (General Fund).
 */
export function paymentEntry(p: {
  readonly paymentId: number;
  readonly accountId: number;
  readonly input: Pick<PostPaymentInput, 'channel' | 'tender' | 'effectiveDate'>;
  readonly application: readonly AppliedLine[];
  readonly feeCents: Cents;
  readonly feeGl: string;
}): PostEntryInput {
  const byGl = new Map<string, { fund: Fund; amount: number }>();
  for (const l of p.application) {
    const seen = byGl.get(l.glAccount);
    byGl.set(l.glAccount, { fund: l.fund, amount: (seen?.amount ?? 0) + l.amountCents });
  }
  const byFund = new Map<Fund, number>();
  for (const { fund, amount } of byGl.values()) byFund.set(fund, (byFund.get(fund) ?? 0) + amount);
  const debits: JournalLineInput[] = [];
  const credits: JournalLineInput[] = [];
  if (takenAtDrawer(p.input)) {
    const total = [...byFund.values()].reduce((s, a) => s + a, 0) + p.feeCents;
    debits.push({ glAccount: 'cash.drawer:general', debitCents: cents(total) });
    for (const [fund, amount] of byFund) {
      if (fund === 'general' || amount === 0) continue;
      debits.push({ glAccount: `due_from.general:${fund}`, debitCents: cents(amount) });
      credits.push({ glAccount: `due_to.${fund}:general`, creditCents: cents(amount) });
    }
  } else {
    const bank = new Map(byFund);
    if (p.feeCents > 0) bank.set('general', (bank.get('general') ?? 0) + p.feeCents);
    for (const [fund, amount] of bank) {
      if (amount > 0) debits.push({ glAccount: `cash.bank:${fund}`, debitCents: cents(amount) });
    }
  }
  for (const [gl, { amount }] of byGl) {
    if (amount > 0)
      credits.push({ glAccount: gl, creditCents: cents(amount), accountId: p.accountId });
  }
  if (p.feeCents > 0)
    credits.push({ glAccount: p.feeGl, creditCents: p.feeCents, memo: 'card convenience fee' });
  return {
    kind: 'payment',
    sourceRef: `payment:${p.paymentId}`,
    effectiveDate: p.input.effectiveDate,
    memo: `Payment by ${tenderWords[p.input.tender.kind]} (${p.input.channel})`,
    lines: [...debits, ...credits],
  };
}

/** The tender as the account timeline and the journal screen say it. */
const tenderWords: Readonly<Record<string, string>> = {
  cash: 'cash',
  check: 'check',
  card: 'card',
  ach: 'ACH',
};
