import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { accountFacts, type AccountFacts } from '../customers/index.ts';
import { accountsNetByFund, type Fund } from '../ledger/index.ts';
import { tenderRefusal } from './post-payment.ts';
import { remittanceTender, type MatchedItem } from './remittance-post.ts';

export type MatchedScreen = {
  /** Items postPayment would refuse (a cash-only account's check), with its reason,
   * per item index: the caller holds them as unapplied cash for research. */
  readonly refused: ReadonlyMap<number, string>;
  /** What is still written off per fund, per WRITTEN-OFF account of the file (PAY-9): the
   * bulk path re-establishes it as bad-debt recovery before applying the payment. */
  readonly recoverable: Map<number, Map<Fund, number>>;
};

/**
 * What a remittance file must know of its matched accounts before anything posts, set-based
 * (one `accountFacts` query per effective date in the file, one ledger aggregate):
 *   * the tender rule postPayment applies at the window — a cash-only account (returned
 *     payments, ACC-7) pays in certified funds, so its CHECK is not posted but held as
 *     unapplied cash with postPayment's reason, for staff to apply or refund (a bank credit —
 *     a BAI2 item, a file line without a check number — cannot bounce and posts);
 *   * for each account whose status is `written_off`, what is still written off per fund
 *     (`write_off` receivable credits less earlier `recovery` debits).
 */
export async function screenMatched(tx: Tx, items: readonly MatchedItem[]): Promise<MatchedScreen> {
  const byDate = new Map<LocalDate, Set<number>>();
  for (const i of items) {
    const ids = byDate.get(i.effectiveDate) ?? new Set<number>();
    ids.add(i.accountId);
    byDate.set(i.effectiveDate, ids);
  }
  const factsOn = new Map<LocalDate, Map<number, AccountFacts>>();
  for (const [date, ids] of byDate) factsOn.set(date, await accountFacts(tx, [...ids], date));
  const refused = new Map<number, string>();
  const writtenOff = new Set<number>();
  for (const item of items) {
    const f = factsOn.get(item.effectiveDate)!.get(item.accountId);
    if (f === undefined) continue;
    // A check can bounce; a bank's credit (BAI2, or a file line without a check number) is
    // money pushed to the city and final, so a cash-only account may pay that way.
    const tender = remittanceTender(item);
    const refusal =
      tender.kind === 'check' ? tenderRefusal(f, { accountId: item.accountId, tender }) : null;
    if (refusal !== null && !refusal.ok) refused.set(item.index, refusal.detail ?? refusal.code);
    else if (f.status === 'written_off') writtenOff.add(item.accountId);
  }
  const net = await accountsNetByFund(tx, [...writtenOff], 'receivable:', [
    'write_off',
    'recovery',
  ]);
  const recoverable = new Map<number, Map<Fund, number>>();
  for (const id of writtenOff) {
    const left = new Map<Fund, number>();
    for (const [fund, n] of net.get(id) ?? []) if (n < 0) left.set(fund, -n);
    recoverable.set(id, left);
  }
  return { refused, recoverable };
}
