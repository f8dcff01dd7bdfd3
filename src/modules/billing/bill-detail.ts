import { addDays, daysBetween, type LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { getAccountOverview, type MailingAddress } from '../customers/index.ts';
import {
  monthlyUsage,
  periodUsage,
  readsForBill,
  replacedMeterReadsForBill,
  type RegisterKind,
  type RegisterReadsForBill,
} from '../metering/index.ts';
import { budgetAmountDue, type BudgetAmountDue } from './budget-billing.ts';
import { holdsDuring, type BillHold } from './seasonal-hold-store.ts';
import { billBalance, type BillBalance } from './document/bill-balance.ts';
import { fullExplanation } from './line-explanation.ts';
import {
  billMonth,
  historyMonths,
  shiftMonth,
  usageHistory,
  type UsageHistory,
} from './document/usage-history.ts';

export type BillLineView = {
  readonly lineNo: number;
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly amountCents: Cents;
  /** A tax line (the engine's `kind: 'tax'`). */
  readonly isTax: boolean;
  /** The engine's line + `scheduleCode`, `versionsEffectiveFrom`, as stored. */
  readonly explanation: Record<string, unknown>;
};

/** One service's part of the bill: its lines, meter reads and usage history. */
export type BillServiceView = {
  /** `water`, `wastewater`, …; `account` for account-level fees (environmental fee). */
  readonly service: string;
  readonly agreementId: number | null;
  readonly rateSchedule: string | null;
  readonly serviceAddress: string | null;
  readonly lines: readonly BillLineView[];
  readonly chargesCents: Cents;
  readonly taxCents: Cents;
  readonly subtotalCents: Cents;
  /** Metered services: the register's previous and current reads in the period. */
  readonly reads: RegisterReadsForBill | null;
  /**
   * Metered services across a meter exchange in the period: the replaced meters' rows
   * (previous → final read), oldest first, printed before `reads`; their usages and the
   * current meter's add up to the period's usage. Empty without an exchange.
   */
  readonly replacedMeterReads: readonly RegisterReadsForBill[];
  /** Metered services: 13 months of usage in the register's unit. */
  readonly usageHistory: UsageHistory | null;
  /** The agreement's last day of service when it falls in the period (its final bill). */
  readonly lastDay: LocalDate | null;
};

export type BillDetail = {
  readonly billId: number;
  readonly runId: number | null;
  readonly status: 'issued' | 'cancelled';
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly language: 'en' | 'es';
  readonly paperless: boolean;
  readonly email: string | null;
  readonly mailingAddress: MailingAddress;
  readonly serviceAddresses: readonly string[];
  readonly billDate: LocalDate;
  /** Half-open `[periodStart, periodEnd)`. */
  readonly periodStart: LocalDate;
  readonly periodEnd: LocalDate;
  readonly periodDays: number;
  readonly dueDate: LocalDate;
  readonly services: readonly BillServiceView[];
  readonly taxesCents: Cents;
  /** This bill's new charges (lines incl. taxes). */
  readonly totalCents: Cents;
  readonly balance: BillBalance;
  /** The balance forward when positive: shown separately as past due. */
  readonly pastDueCents: Cents;
  /** Balance forward + this bill's charges. */
  readonly amountDueCents: Cents;
  /** On budget billing: what this bill asks for instead of its charges; else null. */
  readonly budget: BillBudget | null;
  /** Seasonal holds with days in the period (services off: no electric/gas charges then). */
  readonly seasonalHolds: readonly BillHold[];
  /** Every service on the bill ended in its period: the account's final bill. */
  readonly final: boolean;
};

/** A budget-billing bill's ask (budgetAmountDue): the instalment (+ the settlement). */
export type BillBudget = {
  readonly planId: number;
  readonly actualCents: Cents;
  readonly instalmentCents: Cents;
  readonly settlementCents: Cents;
  /** Instalment + settlement: the budget amount due of this bill. */
  readonly amountDueCents: Cents;
  /** Actual charges not yet paid through instalments after this bill. */
  readonly deferredAfterCents: Cents;
  /** … and before it: the part of the balance forward the plan does not ask for yet. */
  readonly deferredBeforeCents: Cents;
};

type BillRow = {
  billId: number;
  runId: number | null;
  status: 'issued' | 'cancelled';
  accountId: number;
  periodStart: LocalDate;
  periodEnd: LocalDate;
  billDate: LocalDate;
  dueDate: LocalDate;
  totalCents: string;
  journalEntryId: number | null;
  previousEntryId: number | null;
};

type LineRow = Omit<BillLineView, 'isTax' | 'quantity' | 'amountCents'> & {
  agreementId: number | null;
  service: string;
  quantity: string;
  amountCents: string;
};

/** A stored line with what grouping needs. */
type StoredLine = BillLineView & { readonly agreementId: number | null; readonly service: string };

const meteredRegister: Readonly<Record<string, RegisterKind>> = {
  electric: 'kwh',
  gas: 'therm',
  water: 'gallon',
  irrigation: 'gallon',
  hydrant: 'gallon',
};

async function billRow(q: Queryable, billId: number): Promise<BillRow | undefined> {
  const r = await q.query<BillRow>(
    `SELECT b.id AS "billId", b.run_id AS "runId", b.status, b.account_id AS "accountId",
            b.period_start::text AS "periodStart", b.period_end::text AS "periodEnd",
            b.bill_date::text AS "billDate", b.due_date::text AS "dueDate",
            b.total_cents::text AS "totalCents", b.journal_entry_id AS "journalEntryId",
            (SELECT p.journal_entry_id FROM bill p
              WHERE p.account_id = b.account_id AND p.status = 'issued'
                AND p.period_end <= b.period_start AND p.journal_entry_id IS NOT NULL
              ORDER BY p.period_end DESC LIMIT 1) AS "previousEntryId"
       FROM bill b WHERE b.id = $1`,
    [billId],
  );
  return r.rows[0];
}

async function billLines(q: Queryable, billId: number): Promise<StoredLine[]> {
  const r = await q.query<LineRow>(
    `SELECT line_no AS "lineNo", agreement_id AS "agreementId", service, code, description,
            quantity::text AS quantity, unit, amount_cents::text AS "amountCents", explanation
       FROM bill_line WHERE bill_id = $1 ORDER BY line_no`,
    [billId],
  );
  return r.rows.map((l) => {
    const quantity = Number(l.quantity);
    const amountCents = cents(Number(l.amountCents));
    const explanation = fullExplanation(l.explanation, { ...l, quantity, amountCents });
    return { ...l, quantity, amountCents, explanation, isTax: explanation['kind'] === 'tax' };
  });
}

type Agreement = {
  service: string;
  rateSchedule: string;
  meterNumber: string | null;
  stopDate: LocalDate | null;
  address: string;
};

/**
 * Everything a bill shows (BIL-7): the account and customer (customers), the lines grouped by
 * service, the meter reads and 13-month usage per metered service (metering), the balance
 * forward and payments since the last bill (ledger), the amount due. Reads only.
 *
 * Codes: `not_found` (no such bill).
 */
export async function getBillDetail(
  q: Queryable,
  billId: number,
): Promise<Result<BillDetail, 'not_found'>> {
  const bill = await billRow(q, billId);
  if (!bill) return err('not_found', `No bill ${billId}.`);
  const overview = await getAccountOverview(q, bill.accountId);
  if (!overview.ok) return err('not_found', `No account for bill ${billId}.`);
  const o = overview.value;
  const agreements = new Map<number, Agreement>();
  for (const p of o.premises)
    for (const a of p.agreements) agreements.set(a.agreementId, { ...a, address: p.address });
  const services = await billServices(q, bill, agreements, await billLines(q, billId));
  const taxesCents = cents(services.reduce((s, v) => s + v.taxCents, 0));
  const totalCents = cents(Number(bill.totalCents));
  const balance = await billBalance(q, {
    accountId: bill.accountId,
    journalEntryId: bill.journalEntryId,
    billDate: bill.billDate,
    previousJournalEntryId: bill.previousEntryId,
  });
  const billed = bill.status === 'issued' ? totalCents : 0;
  const budget = await budgetAmountDue(q, bill.accountId, bill.billId);
  // Under budget billing the balance forward holds the charges deferred so far: only what
  // is beyond them is owed now (past due), and the bill asks for its instalment on top.
  const owedForward =
    budget === null
      ? balance.balanceForwardCents
      : balance.balanceForwardCents - budget.deferredBeforeCents;
  const asked = budget === null || bill.status !== 'issued' ? billed : budget.amountDueCents;
  return ok({
    billId: bill.billId,
    runId: bill.runId,
    status: bill.status,
    accountId: bill.accountId,
    accountNo: o.account.accountNo,
    customerName: o.customer.displayName,
    language: o.customer.language,
    paperless: o.account.paperless,
    email: o.customer.email ?? o.contacts.find((c) => c.email !== null)?.email ?? null,
    mailingAddress: o.mailingAddress,
    serviceAddresses: [
      ...new Set(services.flatMap((s) => (s.serviceAddress === null ? [] : [s.serviceAddress]))),
    ],
    billDate: bill.billDate,
    periodStart: bill.periodStart,
    periodEnd: bill.periodEnd,
    periodDays: daysBetween(bill.periodStart, bill.periodEnd),
    dueDate: bill.dueDate,
    services,
    taxesCents,
    totalCents,
    balance,
    pastDueCents: cents(Math.max(0, owedForward)),
    amountDueCents: cents(budget === null ? owedForward + asked : Math.max(0, owedForward + asked)),
    budget: budget === null ? null : billBudget(budget),
    seasonalHolds: await holdsDuring(q, bill.accountId, bill.periodStart, bill.periodEnd),
    final: isFinal(services),
  });
}

/** The bill's lines grouped by agreement (account-level fees by service), as service views. */
async function billServices(
  q: Queryable,
  bill: BillRow,
  agreements: ReadonlyMap<number, Agreement>,
  lines: readonly StoredLine[],
): Promise<BillServiceView[]> {
  const periodDays = daysBetween(bill.periodStart, bill.periodEnd);
  const groups = new Map<string, { agreementId: number | null; lines: StoredLine[] }>();
  for (const l of lines) {
    const key = l.agreementId === null ? `account:${l.service}` : `a:${l.agreementId}`;
    const g = groups.get(key) ?? { agreementId: l.agreementId, lines: [] };
    g.lines.push(l);
    groups.set(key, g);
  }
  const services: BillServiceView[] = [];
  for (const g of groups.values()) {
    const a = g.agreementId === null ? undefined : agreements.get(g.agreementId);
    services.push(await serviceView(q, bill, periodDays, g.agreementId, a, g.lines));
  }
  return services;
}

/** Every service of the bill ended in its period (account-level fees aside). */
function isFinal(services: readonly BillServiceView[]): boolean {
  const own = services.filter((s) => s.agreementId !== null);
  return own.length > 0 && own.every((s) => s.lastDay !== null);
}

function billBudget(b: BudgetAmountDue): BillBudget {
  return {
    planId: b.planId,
    actualCents: cents(b.actualCents),
    instalmentCents: cents(b.instalmentCents),
    settlementCents: cents(b.settlementCents),
    amountDueCents: cents(b.amountDueCents),
    deferredAfterCents: cents(b.deferredAfterCents),
    deferredBeforeCents: cents(b.deferredBeforeCents),
  };
}

async function serviceView(
  q: Queryable,
  bill: BillRow,
  periodDays: number,
  agreementId: number | null,
  a: Agreement | undefined,
  lines: readonly StoredLine[],
): Promise<BillServiceView> {
  const service = lines[0]!.service;
  const register = meteredRegister[service];
  const meter = a?.meterNumber ?? null;
  const stop = a?.stopDate ?? null;
  const lastDay = stop !== null && stop >= bill.periodStart && stop < bill.periodEnd ? stop : null;
  let reads: RegisterReadsForBill | null = null;
  let replacedMeterReads: readonly RegisterReadsForBill[] = [];
  let history: UsageHistory | null = null;
  if (register !== undefined && meter !== null) {
    const period = {
      meterNumber: meter,
      register,
      after: bill.periodStart,
      // A final bill shows the final read, not a later one of the next customer.
      through: lastDay === null ? bill.periodEnd : addDays(lastDay, 1),
    };
    reads = await readsForBill(q, period);
    replacedMeterReads = await replacedMeterReadsForBill(q, period);
    const last = billMonth(bill.periodEnd);
    const monthly = await monthlyUsage(q, {
      meterNumber: meter,
      register,
      fromMonth: shiftMonth(last, -(historyMonths - 1)),
      throughMonth: last,
    });
    // A final bill's daily average counts the days of service, not the whole period.
    const days = lastDay === null ? periodDays : daysBetween(bill.periodStart, addDays(lastDay, 1));
    // Across a meter exchange the period's usage is both meters' (as billed), as the read
    // rows of the replaced meters and of the current one add up to.
    history = usageHistory(last, monthly, await periodUsage(q, period), days);
  }
  const view = lines.map(
    ({ lineNo, code, description, quantity, unit, amountCents, isTax, explanation }) => ({
      lineNo,
      code,
      description,
      quantity,
      unit,
      amountCents,
      isTax,
      explanation,
    }),
  );
  const taxCents = cents(view.filter((l) => l.isTax).reduce((s, l) => s + l.amountCents, 0));
  const subtotalCents = cents(view.reduce((s, l) => s + l.amountCents, 0));
  return {
    service: agreementId === null ? 'account' : service,
    agreementId,
    rateSchedule: a?.rateSchedule ?? (lines[0]!.explanation['scheduleCode'] as string) ?? null,
    serviceAddress: a?.address ?? null,
    lines: view,
    chargesCents: cents(subtotalCents - taxCents),
    taxCents,
    subtotalCents,
    reads,
    replacedMeterReads,
    usageHistory: history,
    lastDay,
  };
}
