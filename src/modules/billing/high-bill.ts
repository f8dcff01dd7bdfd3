import { daysBetween, localDate, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { estimatedReadCounts } from '../metering/index.ts';
import {
  compare,
  dailyAverage,
  scoreLeak,
  seasonNote,
  type Comparison,
  type LeakScore,
  type UsagePeriod,
} from './high-bill-score.ts';

export type HighBillAction = 're_read' | 'leak_check';

export type HighBillService = {
  readonly agreementId: number;
  readonly service: string;
  readonly rateSchedule: string;
  readonly premiseId: number | null;
  readonly meterNumber: string | null;
  readonly unit: string;
  readonly current: UsagePeriod & { readonly dailyAverage: number };
  readonly previous: Comparison | null;
  readonly lastYear: Comparison | null;
  /** Units per day over the bills of the 12 months before this one; null without history. */
  readonly twelveMonthDailyAverage: number | null;
  readonly estimatedReads: number;
  /** Rate schedule versions that took effect inside the period (the bill is split there). */
  readonly rateChanges: readonly {
    readonly scheduleCode: string;
    readonly effectiveFrom: string;
  }[];
  readonly seasonNote: string;
  /** Water services only (a leak is water running); null for electric and gas. */
  readonly leak: LeakScore | null;
  readonly actions: readonly HighBillAction[];
};

export type HighBillReport = {
  readonly accountId: number;
  /** Null when the account has no issued bill yet (nothing to investigate). */
  readonly bill: {
    readonly billId: number;
    readonly periodStart: LocalDate;
    readonly periodEnd: LocalDate;
    readonly days: number;
    readonly totalCents: number;
    readonly previousTotalCents: number | null;
    readonly lastYearTotalCents: number | null;
  } | null;
  readonly services: readonly HighBillService[];
  /** The account's latest bills (up to 13, newest first): the ones the agent may pick. */
  readonly bills: readonly {
    readonly billId: number;
    readonly periodEnd: LocalDate;
    readonly totalCents: number;
  }[];
};

export type HighBillCode = 'account_not_found' | 'bill_not_found';

type BillRow = { id: number; start: LocalDate; end: LocalDate; total: number };
type UsageRow = {
  bill_id: number;
  agreement_id: number;
  service: string;
  unit: string;
  usage: string;
  changes: string[] | null;
};

const waterServices: ReadonlySet<string> = new Set(['water', 'irrigation', 'hydrant']);

async function billsOf(q: Queryable, accountId: number): Promise<readonly BillRow[]> {
  const r = await q.query<BillRow>(
    `SELECT id::int AS id, period_start::text AS start, period_end::text AS "end",
            total_cents::int AS total
       FROM bill WHERE account_id = $1 AND status = 'issued' ORDER BY period_end`,
    [accountId],
  );
  return r.rows;
}

/** Billed usage per bill and metered agreement, and the rate versions each line names. */
async function usageLines(q: Queryable, accountId: number): Promise<readonly UsageRow[]> {
  const r = await q.query<UsageRow>(
    `SELECT l.bill_id::int AS bill_id, l.agreement_id::int AS agreement_id, l.service, l.unit,
            sum(l.quantity)::text AS usage,
            (SELECT array_agg(DISTINCT (x.explanation->>'scheduleCode') || '|' || v.d)
               FROM bill_line x,
                    jsonb_array_elements_text(x.explanation->'versionsEffectiveFrom') AS v(d)
              WHERE x.bill_id = l.bill_id AND x.agreement_id = l.agreement_id) AS changes
       FROM bill_line l
      WHERE l.account_id = $1 AND l.agreement_id IS NOT NULL
        AND l.unit IN ('gallon', 'kWh', 'therm')
      GROUP BY l.bill_id, l.agreement_id, l.service, l.unit`,
    [accountId],
  );
  return r.rows;
}

/** The bill ending closest to one year before `end` (within 20 days), if any. */
function lastYearBill(bills: readonly BillRow[], end: LocalDate): BillRow | null {
  let best: BillRow | null = null;
  for (const b of bills) {
    const off = Math.abs(daysBetween(b.end, end) - 365);
    if (off <= 20 && (best === null || off < Math.abs(daysBetween(best.end, end) - 365))) best = b;
  }
  return best;
}

/**
 * The high-bill investigation of one bill (BIL-8): for every metered service on it, usage
 * against the previous period, the same period last year and the 12-month daily average,
 * the days, estimated reads, rate changes inside the period, a season note, the leak
 * likelihood with its reasons (water) and the actions to offer. Default: the latest bill.
 * Reads only. Codes: `account_not_found`, `bill_not_found`.
 */
export async function investigateHighBill(
  q: Queryable,
  accountId: number,
  billId?: number,
): Promise<Result<HighBillReport, HighBillCode>> {
  const overview = await getAccountOverview(q, accountId);
  if (!overview.ok) return overview;
  const bills = await billsOf(q, accountId);
  if (bills.length === 0 && billId === undefined)
    return ok({ accountId, bill: null, services: [], bills: [] });
  const idx = billId === undefined ? bills.length - 1 : bills.findIndex((b) => b.id === billId);
  if (idx < 0) return err('bill_not_found', `bill ${billId} of account ${accountId}`);
  const bill = bills[idx]!;
  const prevBill = idx > 0 ? bills[idx - 1]! : null;
  const yearBill = lastYearBill(bills.slice(0, idx), bill.end);
  const historyBills = bills
    .slice(0, idx)
    .filter((b) => daysBetween(b.end, bill.start) < 366 - daysBetween(bill.start, bill.end));
  const lines = await usageLines(q, accountId);
  const agreements = overview.value.premises.flatMap((p) =>
    p.agreements.map((a) => ({ ...a, premiseId: p.premiseId })),
  );
  const current = lines.filter((l) => l.bill_id === bill.id);
  const meters = agreements.flatMap((a) => (a.meterNumber ? [a.meterNumber] : []));
  const estimates = await estimatedReadCounts(q, meters, bill.start, bill.end);
  const periodOf = (b: BillRow, agreementId: number): UsagePeriod | null => {
    const l = lines.find((x) => x.bill_id === b.id && x.agreement_id === agreementId);
    if (!l) return null;
    return {
      periodStart: b.start,
      periodEnd: b.end,
      days: daysBetween(b.start, b.end),
      usage: Number(l.usage),
    };
  };
  const services = current.map((l) => {
    const a = agreements.find((x) => x.agreementId === l.agreement_id);
    const meterNumber = a?.meterNumber ?? null;
    return serviceReport(l, {
      agreement: a ? { ...a, meterNumber } : null,
      bill,
      current: periodOf(bill, l.agreement_id)!,
      previous: prevBill ? periodOf(prevBill, l.agreement_id) : null,
      lastYear: yearBill ? periodOf(yearBill, l.agreement_id) : null,
      history: historyBills.flatMap((b) => periodOf(b, l.agreement_id) ?? []),
      estimated: meterNumber ? (estimates.get(meterNumber) ?? 0) : 0,
    });
  });
  return ok({
    accountId,
    bill: {
      billId: bill.id,
      periodStart: localDate(bill.start),
      periodEnd: localDate(bill.end),
      days: daysBetween(bill.start, bill.end),
      totalCents: bill.total,
      previousTotalCents: prevBill?.total ?? null,
      lastYearTotalCents: yearBill?.total ?? null,
    },
    services,
    bills: bills
      .slice(-13)
      .reverse()
      .map((b) => ({ billId: b.id, periodEnd: localDate(b.end), totalCents: b.total })),
  });
}

type ServiceFacts = {
  readonly agreement: {
    readonly rateSchedule: string;
    readonly premiseId: number;
    readonly meterNumber: string | null;
  } | null;
  readonly bill: BillRow;
  readonly current: UsagePeriod;
  readonly previous: UsagePeriod | null;
  readonly lastYear: UsagePeriod | null;
  readonly history: readonly UsagePeriod[];
  readonly estimated: number;
};

/** One metered service's part of the report (pure). */
function serviceReport(l: UsageRow, f: ServiceFacts): HighBillService {
  const { current: cur, previous, lastYear } = f;
  const history = f.history.length
    ? {
        usage: f.history.reduce((s, h) => s + h.usage, 0),
        days: f.history.reduce((s, h) => s + h.days, 0),
      }
    : null;
  const meterNumber = f.agreement?.meterNumber ?? null;
  const water = waterServices.has(l.service);
  const prevHigh =
    previous !== null && history !== null && history.usage > 0
      ? (previous.usage * history.days) / (history.usage * previous.days) >= 2
      : false;
  const leakFacts = { current: cur, previous, lastYear, history, estimatedReads: f.estimated };
  return {
    agreementId: l.agreement_id,
    service: l.service,
    rateSchedule: f.agreement?.rateSchedule ?? '',
    premiseId: f.agreement?.premiseId ?? null,
    meterNumber,
    unit: l.unit,
    current: { ...cur, dailyAverage: dailyAverage(cur) },
    previous: previous ? compare(cur, previous) : null,
    lastYear: lastYear ? compare(cur, lastYear) : null,
    twelveMonthDailyAverage: history
      ? dailyAverage({ ...cur, usage: history.usage, days: history.days })
      : null,
    estimatedReads: f.estimated,
    rateChanges: rateChanges(l.changes, f.bill.start),
    seasonNote: seasonNote(l.service, f.bill.end),
    leak: water ? scoreLeak({ ...leakFacts, previousAlsoHigh: prevHigh }) : null,
    actions: meterNumber === null ? [] : water ? ['re_read', 'leak_check'] : ['re_read'],
  };
}

/** `code|date` pairs of the versions a line used; those after the period start are changes. */
function rateChanges(
  pairs: readonly string[] | null,
  start: LocalDate,
): HighBillService['rateChanges'] {
  return (pairs ?? [])
    .filter((p) => p !== null && p.includes('|'))
    .map((p) => {
      const [scheduleCode, effectiveFrom] = p.split('|') as [string, string];
      return { scheduleCode, effectiveFrom };
    })
    .filter((c) => c.effectiveFrom > start)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}
