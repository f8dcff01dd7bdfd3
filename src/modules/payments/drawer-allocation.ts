import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Fund } from '../ledger/index.ts';
import type { WindowTender } from './drawer-transaction-types.ts';

/** A line with its amount known (a city item resolved against the catalog). */
export type PricedLine =
  | { readonly kind: 'utility'; readonly accountId: number; readonly amountCents: Cents }
  | {
      readonly kind: 'city';
      readonly itemCode: string;
      readonly fund: Fund;
      readonly glRevenue: string;
      readonly reference: string | null;
      readonly amountCents: Cents;
    };

/** One line paid (in part) by one tender. */
export type Part = {
  readonly line: PricedLine;
  readonly lineIndex: number;
  readonly tender: WindowTender;
  readonly tenderIndex: number;
  readonly amountCents: Cents;
};

export type Allocation = {
  readonly parts: readonly Part[];
  readonly cashCents: Cents;
  readonly tenderedCents: Cents;
  readonly changeCents: Cents;
};

/**
 * Splits the lines over the tenders (pure): checks and cards pay their stated amounts in the
 * order given, then cash pays the rest (at most one cash tender; change = tendered − rest).
 * Example: lines 50.00 + 64.00, card 30.00, cash tendered 100.00 → card pays 30.00 of line 1,
 * cash 20.00 of line 1 and 64.00 of line 2 (84.00), change 16.00.
 */
export function allocateTenders(
  lines: readonly PricedLine[],
  tenders: readonly WindowTender[],
): Result<Allocation, 'invalid'> {
  const total = lines.reduce((s, l) => s + l.amountCents, 0);
  const cash = tenders.filter((t) => t.kind === 'cash');
  if (cash.length > 1) return err('invalid', 'one cash tender at most', { tenders: 'two cash' });
  if (tenders.length === 0) return err('invalid', 'a tender is required', { tenders: 'empty' });
  const nonCash = tenders.reduce((s, t) => s + (t.kind === 'cash' ? 0 : t.amountCents), 0);
  const rest = total - nonCash;
  if (rest < 0)
    return err('invalid', 'the checks and cards pay more than is owed', { tenders: 'too much' });
  if (rest > 0 && cash.length === 0)
    return err('invalid', `${rest} cents are not paid by any tender`, { tenders: 'short' });
  const tendered = cash[0]?.kind === 'cash' ? cash[0].tenderedCents : 0;
  if (tendered < rest)
    return err('invalid', `cash tendered is less than the ${rest} cents due in cash`, {
      tenderedCents: 'less than due',
    });
  const order = tenders
    .map((t, i) => ({ t, i, left: t.kind === 'cash' ? rest : t.amountCents }))
    .sort((a, b) => Number(a.t.kind === 'cash') - Number(b.t.kind === 'cash'));
  const parts: Part[] = [];
  let k = 0;
  lines.forEach((line, lineIndex) => {
    let need: number = line.amountCents;
    while (need > 0) {
      const slot = order[k]!;
      const take = Math.min(need, slot.left);
      if (take > 0) {
        parts.push({
          line,
          lineIndex,
          tender: slot.t,
          tenderIndex: slot.i,
          amountCents: cents(take),
        });
        need -= take;
        slot.left -= take;
      }
      if (slot.left === 0) k += 1;
    }
  });
  return ok({
    parts,
    cashCents: cents(rest),
    tenderedCents: cents(tendered),
    changeCents: cents(tendered - rest),
  });
}
