import { fail } from '../../core/assert.ts';
import { cents } from '../../core/money.ts';
import type { JournalLineInput, PostEntryInput } from '../ledger/index.ts';
import type { DraftBill, DraftLine } from './types.ts';

/** The fund a service's money belongs to (ledger chart, migrations/0010). */
const fundOfService: Readonly<Record<string, string>> = {
  electric: 'electric',
  gas: 'gas',
  water: 'water',
  irrigation: 'water',
  hydrant: 'water',
  wastewater: 'wastewater',
  solid_waste: 'solid_waste',
  account: 'general',
};

const taxAccount: Readonly<Record<string, string>> = {
  'TAX-STATE': 'tax.payable.state:general',
  'TAX-COUNTY': 'tax.payable.county:general',
  'TAX-CITY': 'tax.payable.city:general',
};

/** The GL account a non-tax line credits. */
function revenueAccount(l: DraftLine): string {
  if (l.service === 'account') return 'revenue.misc:general';
  if (l.service === 'irrigation') return 'revenue.service.irrigation:water';
  if (l.service === 'hydrant') return 'revenue.service.hydrant:water';
  return revenueOfFund[fundOf(l.service)] ?? `revenue.service:${fundOf(l.service)}`;
}

const revenueOfFund: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(fundOfService).map((f) => [f, `revenue.service:${f}`]),
);
const receivableOfFund: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(fundOfService).map((f) => [f, `receivable:${f}`]),
);

function fundOf(service: string): string {
  const fund = fundOfService[service];
  if (fund === undefined) fail(`no fund for service ${service}`);
  return fund;
}

/** Map entries sorted by key (code-unit order). */
function byKey(m: ReadonlyMap<string, number>): [string, number][] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The source reference of a bill's journal entry: one entry per account and period. */
export function billSourceRef(accountId: number, periodEnd: string): string {
  return `bill:${accountId}:${periodEnd}`;
}

/**
 * One journal entry for a bill (pure): a `receivable:<fund>` debit per fund (carrying the
 * account id) for that fund's lines including their taxes; credits to `revenue.service:<fund>`
 * (irrigation and hydrant to their own water revenue accounts), `tax.payable.*:general` for
 * tax lines, and `revenue.misc:general` for the environmental fee. Credits are summed per GL
 * account (discounts net against their revenue). Null when the bill totals zero.
 */
export function billEntry(bill: DraftBill, memo: string): PostEntryInput | null {
  const debits = new Map<string, number>();
  const credits = new Map<string, number>();
  for (const l of bill.lines) {
    const amount = l.line.amountCents as number;
    const fund = fundOf(l.service);
    debits.set(fund, (debits.get(fund) ?? 0) + amount);
    const gl = l.line.kind === 'tax' ? taxAccount[l.line.code] : revenueAccount(l);
    if (gl === undefined) fail(`no GL account for tax ${l.line.code}`);
    credits.set(gl, (credits.get(gl) ?? 0) + amount);
  }
  const lines: JournalLineInput[] = [];
  for (const [fund, amount] of byKey(debits)) {
    if (amount < 0) fail(`receivable ${fund} is negative`);
    if (amount > 0) {
      lines.push({
        glAccount: receivableOfFund[fund] ?? `receivable:${fund}`,
        debitCents: cents(amount),
        accountId: bill.accountId,
      });
    }
  }
  for (const [glAccount, amount] of byKey(credits)) {
    if (amount < 0) fail(`credit ${glAccount} is negative`);
    if (amount > 0) lines.push({ glAccount, creditCents: cents(amount) });
  }
  if (lines.length === 0) return null;
  return {
    kind: 'bill',
    sourceRef: billSourceRef(bill.accountId, bill.periodEnd),
    effectiveDate: bill.periodEnd,
    memo,
    lines,
  };
}
