import type { LocalDate } from '../../../core/dates.ts';
import { cents, type Cents } from '../../../core/money.ts';
import type { Queryable } from '../../../db/index.ts';
import {
  accountBalances,
  listEntries,
  listGlAccounts,
  type JournalEntryView,
} from '../../ledger/index.ts';

/** The account's receivable story around one bill (all from the ledger's journal). */
export type BillBalance = {
  /** Receivable balance right after the previous bill's entry (0 when none). */
  readonly previousBalanceCents: Cents;
  /** Credits to receivable between the previous bill and this one (payments, credits). */
  readonly paymentsAndCreditsCents: Cents;
  /** Other debits to receivable between the bills (fees, adjustments, returned items). */
  readonly otherChargesCents: Cents;
  /** Receivable balance just before this bill = previous − payments + other charges. */
  readonly balanceForwardCents: Cents;
};

/** Where a bill sits in the journal: its own entry and the previous bill's entry. */
export type BillPosition = {
  readonly accountId: number;
  readonly journalEntryId: number | null;
  readonly billDate: LocalDate;
  readonly previousJournalEntryId: number | null;
};

const pageSize = 200;

/**
 * Balance forward and payments since the last bill, derived from the journal (never stored).
 * Walks the account's entries newest first (ledger `listEntries`) back to the previous
 * bill's entry; the current total comes from `accountBalances`. A bill without an entry (a
 * zero bill) is placed by effective date: entries effective after its bill date are "after".
 */
export async function billBalance(q: Queryable, pos: BillPosition): Promise<BillBalance> {
  const receivable = new Set(
    (await listGlAccounts(q)).filter((g) => g.isReceivable).map((g) => g.code),
  );
  const net = (e: JournalEntryView, side: 'debit' | 'credit' | 'net'): number =>
    e.lines
      .filter((l) => l.accountId === pos.accountId && receivable.has(l.glAccount))
      .reduce(
        (s, l) =>
          s +
          (side === 'debit'
            ? l.debitCents
            : side === 'credit'
              ? l.creditCents
              : l.debitCents - l.creditCents),
        0,
      );
  const isThisOrLater = (e: JournalEntryView): boolean =>
    pos.journalEntryId === null ? e.effectiveDate > pos.billDate : e.entryId >= pos.journalEntryId;
  const total = (await accountBalances(q, pos.accountId)).totalCents;
  let later = 0;
  let credits = 0;
  let debits = 0;
  let before: number | undefined;
  for (;;) {
    const page = await listEntries(q, {
      accountId: pos.accountId,
      limit: pageSize,
      ...(before === undefined ? {} : { before }),
    });
    for (const e of page.entries) {
      if (pos.previousJournalEntryId !== null && e.entryId <= pos.previousJournalEntryId) {
        return done();
      }
      if (isThisOrLater(e)) later += net(e, 'net');
      else {
        credits += net(e, 'credit');
        debits += net(e, 'debit');
      }
    }
    if (page.nextBefore === null) return done();
    before = page.nextBefore;
  }
  function done(): BillBalance {
    const forward = total - later;
    return {
      previousBalanceCents: cents(forward + credits - debits),
      paymentsAndCreditsCents: cents(credits),
      otherChargesCents: cents(debits),
      balanceForwardCents: cents(forward),
    };
  }
}
