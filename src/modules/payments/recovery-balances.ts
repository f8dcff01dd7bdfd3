import { cents, type Cents } from '../../core/money.ts';
import { limits } from '../../core/limits.ts';
import type { Queryable } from '../../db/index.ts';
import { funds, listEntries, type Fund, type JournalEntryView } from '../ledger/index.ts';

/** Every journal entry with a line for the account, oldest pages last (ledger export). */
async function entriesOf(q: Queryable, accountId: number): Promise<JournalEntryView[]> {
  const all: JournalEntryView[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await listEntries(q, {
      accountId,
      limit: limits.pageSizeMax,
      ...(before === undefined ? {} : { before }),
    });
    all.push(...page.entries);
    if (page.nextBefore === null) return all;
    before = page.nextBefore;
  }
}

export type FundAmount = { readonly fund: Fund; readonly amountCents: Cents };

/**
 * Per fund, the account's lines on GL accounts starting with `prefix` (debit − credit),
 * optionally only in entries of some kinds. Read through the ledger's `listEntries`.
 */
export async function netByFund(
  q: Queryable,
  accountId: number,
  prefix: string,
  kinds?: readonly string[],
): Promise<Map<Fund, number>> {
  const net = new Map<Fund, number>();
  for (const e of await entriesOf(q, accountId)) {
    if (kinds && !kinds.includes(e.kind)) continue;
    for (const l of e.lines) {
      if (l.accountId !== accountId || !l.glAccount.startsWith(prefix)) continue;
      net.set(l.fund, (net.get(l.fund) ?? 0) + l.debitCents - l.creditCents);
    }
  }
  return net;
}

/** Takes `amount` from per-fund capacities in chart fund order. */
export function takeByFund(capacity: ReadonlyMap<Fund, number>, amount: number): FundAmount[] {
  const out: FundAmount[] = [];
  let left = amount;
  for (const fund of funds) {
    const c = capacity.get(fund) ?? 0;
    if (left <= 0 || c <= 0) continue;
    const take = Math.min(c, left);
    out.push({ fund, amountCents: cents(take) });
    left -= take;
  }
  return out;
}
