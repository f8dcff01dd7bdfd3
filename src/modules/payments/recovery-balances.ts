import { cents, type Cents } from '../../core/money.ts';
import { funds, type Fund } from '../ledger/index.ts';

export type FundAmount = { readonly fund: Fund; readonly amountCents: Cents };

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
