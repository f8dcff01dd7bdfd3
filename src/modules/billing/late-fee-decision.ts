import { assert } from '../../core/assert.ts';
import { addDays, type LocalDate } from '../../core/dates.ts';
import { allocate, cents, divRoundHalfEven, type Cents } from '../../core/money.ts';
import type { PostEntryInput } from '../ledger/index.ts';
import { taxGlAccount } from './adjustment-entry.ts';

/** The late-fee numbers in effect (fee_schedule + late_fee_policy, migration 0087). */
export type LateFeePolicy = {
  /** 200 = 2 % of the past-due amount. */
  readonly basisPoints: number;
  readonly minimumCents: Cents;
  /** No fee when the past-due amount is below this. */
  readonly thresholdCents: Cents;
};

/** Special statuses under which no late fee is charged (demo policy: the bankruptcy stay,
 * an estate). */
export const lateFeeExemptStatuses: readonly string[] = ['bankruptcy', 'deceased'];

/** One fund's share of a bill: its receivable and the taxes its service bills. */
export type FundShare = {
  readonly fund: string;
  readonly weightCents: number;
  readonly taxes: readonly { readonly code: string; readonly basisPoints: number }[];
};

export type LateFeeFacts = {
  readonly dueDate: LocalDate;
  readonly asOf: LocalDate;
  readonly billTotalCents: Cents;
  /** The account's receivable balance (all funds). */
  readonly balanceCents: Cents;
  /** Totals of the account's issued bills dated after this one. */
  readonly laterBilledCents: Cents;
  /** An open exempting special status, or null. */
  readonly exemptStatus: string | null;
  readonly funds: readonly FundShare[];
};

export type FeePart = {
  readonly fund: string;
  readonly feeCents: Cents;
  readonly taxes: readonly { readonly code: string; readonly cents: Cents }[];
};

export type LateFeeDecision =
  | { readonly outcome: 'not_delinquent' }
  | { readonly outcome: 'paid'; readonly pastDueCents: Cents }
  | { readonly outcome: 'under_threshold'; readonly pastDueCents: Cents }
  | { readonly outcome: 'exempt'; readonly pastDueCents: Cents; readonly status: string }
  | {
      readonly outcome: 'charge';
      readonly pastDueCents: Cents;
      readonly feeCents: Cents;
      readonly taxCents: Cents;
      readonly parts: readonly FeePart[];
    };

/**
 * The past-due amount of one bill: what the account still owes (its receivable balance)
 * minus what it was billed after this bill (payments pay the oldest debt first), never
 * below zero nor above the bill's total. Pure.
 */
export function pastDueOf(f: LateFeeFacts): Cents {
  const unpaid = f.balanceCents - f.laterBilledCents;
  return cents(Math.max(0, Math.min(f.billTotalCents, unpaid)));
}

function percentOf(amount: number, basisPoints: number): Cents {
  return cents(Number(divRoundHalfEven(BigInt(amount) * BigInt(basisPoints), 10_000n)));
}

/**
 * The late fee of one bill (BIL-7, demo-city-facts §9.2). Pure. Delinquent from the day
 * after the due date; fee = max(2 % of the past-due amount (half-even to the cent),
 * $5.00); none under $25.00 past due or under an exempting status. The fee is split over
 * the bill's funds by their share (largest remainder) and each part taxed like the
 * service of that fund (its tax lines' rates, each rounded half-even).
 */
export function decideLateFee(f: LateFeeFacts, policy: LateFeePolicy): LateFeeDecision {
  if (f.asOf < addDays(f.dueDate, 1)) return { outcome: 'not_delinquent' };
  const pastDueCents = pastDueOf(f);
  if (pastDueCents === 0) return { outcome: 'paid', pastDueCents };
  if (pastDueCents < policy.thresholdCents) return { outcome: 'under_threshold', pastDueCents };
  if (f.exemptStatus !== null) return { outcome: 'exempt', pastDueCents, status: f.exemptStatus };
  const feeCents = cents(
    Math.max(percentOf(pastDueCents, policy.basisPoints), policy.minimumCents),
  );
  const shares = f.funds.filter((s) => s.weightCents > 0);
  const funds = shares.length > 0 ? shares : [{ fund: 'general', weightCents: 1, taxes: [] }];
  const split = allocate(
    feeCents,
    funds.map((s) => s.weightCents),
  );
  const parts = funds.map((s, i) => ({
    fund: s.fund,
    feeCents: split[i]!,
    taxes: s.taxes.map((t) => ({ code: t.code, cents: percentOf(split[i]!, t.basisPoints) })),
  }));
  const taxCents = cents(
    parts.reduce((sum, p) => sum + p.taxes.reduce((s, t) => s + t.cents, 0), 0),
  );
  return { outcome: 'charge', pastDueCents, feeCents, taxCents, parts };
}

/** The source reference of a bill's late fee: at most one per bill. */
export function lateFeeSourceRef(billId: number): string {
  return `late_fee:${billId}`;
}

/**
 * The late fee's journal entry (pure), kind `fee`: per fund, `receivable:<fund>` debited the
 * part plus its taxes (with the account id), `revenue.fee.late:<fund>` credited the part;
 * taxes credited to `tax.payable.*:general`, summed per account.
 */
export function lateFeeEntry(
  billId: number,
  accountId: number,
  parts: readonly FeePart[],
  asOf: LocalDate,
): PostEntryInput {
  const lines: PostEntryInput['lines'][number][] = [];
  const taxes = new Map<string, number>();
  for (const p of parts) {
    const tax = p.taxes.reduce((s, t) => s + t.cents, 0);
    if (p.feeCents + tax === 0) continue;
    lines.push({
      glAccount: `receivable:${p.fund}`,
      debitCents: cents(p.feeCents + tax),
      accountId,
    });
    if (p.feeCents > 0)
      lines.push({ glAccount: `revenue.fee.late:${p.fund}`, creditCents: p.feeCents });
    for (const t of p.taxes) {
      const gl = taxGlAccount(t.code);
      assert(gl !== undefined, `no GL account for tax ${t.code}`);
      if (t.cents > 0) taxes.set(gl, (taxes.get(gl) ?? 0) + t.cents);
    }
  }
  for (const [glAccount, amount] of [...taxes].sort())
    lines.push({ glAccount, creditCents: cents(amount) });
  return {
    kind: 'fee',
    sourceRef: lateFeeSourceRef(billId),
    effectiveDate: asOf,
    memo: `Late fee on bill ${billId}`,
    lines,
  };
}
