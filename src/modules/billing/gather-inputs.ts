import { addDays, type LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import {
  billableAccountIds,
  billableAgreementsOf,
  type BillableAgreement,
} from '../customers/index.ts';
import {
  usageForAgreements,
  type RegisterKind,
  type RegisterUsage,
  type UsageRequest,
} from '../metering/index.ts';
import {
  meterSizes,
  coveringVersions,
  versionsBefore,
  type MeterSize,
  type RateScheduleVersion,
} from '../rates/index.ts';
import { agreementExtras } from './agreement-extras.ts';
import type { AgreementInput, BillInputs, UsageFact } from './types.ts';
import type { DayRange } from './seasonal-hold-days.ts';
import { offDaysFor, offDaysOf, type AccountOffDays } from './seasonal-hold-store.ts';
import { winterAveragesOf } from './winter-average-store.ts';

/** One page of the cycle's accounts with active agreements, by id after `afterId`. */
export async function cycleAccountsPage(
  q: Queryable,
  cycle: number,
  afterId: number,
  limit: number,
): Promise<readonly number[]> {
  return billableAccountIds(q, { cycle, afterAccountId: afterId, limit });
}

const meteredServices: ReadonlySet<string> = new Set([
  'electric',
  'gas',
  'water',
  'irrigation',
  'hydrant',
]);

/** The register a metered service is billed from. */
function billedRegister(service: string): RegisterKind {
  if (service === 'electric') return 'kwh';
  return service === 'gas' ? 'therm' : 'gallon';
}

type AgreementRow = BillableAgreement & {
  readonly periodStart: LocalDate;
  /** The account has an issued bill (its period starts where that bill ended). */
  readonly billedBefore: boolean;
};

/**
 * Each account's period start: the last issued bill's `period_end`, else the earliest start
 * of its active agreements (`agreements` are the accounts' active agreements).
 */
async function periodStarts(
  q: Queryable,
  accountIds: readonly number[],
  agreements: readonly BillableAgreement[],
): Promise<{
  readonly starts: ReadonlyMap<number, LocalDate>;
  /** The accounts with an issued bill (their period starts where it ended). */
  readonly billed: ReadonlySet<number>;
}> {
  const r = await q.query<{ account_id: number; period_end: LocalDate }>(
    `SELECT b.account_id, max(b.period_end)::text AS period_end FROM bill b
      WHERE b.account_id = ANY($1::bigint[]) AND b.status = 'issued'
      GROUP BY b.account_id`,
    [accountIds],
  );
  const starts = new Map<number, LocalDate>(r.rows.map((row) => [row.account_id, row.period_end]));
  const earliest = new Map<number, LocalDate>();
  for (const a of agreements) {
    const seen = earliest.get(a.accountId);
    if (seen === undefined || a.startDate < seen) earliest.set(a.accountId, a.startDate);
  }
  const billed = new Set(starts.keys());
  for (const [accountId, start] of earliest)
    if (!starts.has(accountId)) starts.set(accountId, start);
  return { starts, billed };
}

/** The day after a stopped agreement's last day of service; null while it is active. */
function serviceEnd(a: BillableAgreement): LocalDate | null {
  return a.stopDate === null ? null : addDays(a.stopDate, 1);
}

/** Reads of an agreement count through the as-of, or through its end when it ends earlier. */
function usageThrough(a: BillableAgreement, asOf: LocalDate): LocalDate {
  const end = serviceEnd(a);
  return end !== null && end < asOf ? end : asOf;
}

/** The agreements with days of service after their account's period start. */
function inPeriod(
  agreements: readonly BillableAgreement[],
  starts: ReadonlyMap<number, LocalDate>,
): BillableAgreement[] {
  return agreements.filter((a) => {
    const end = serviceEnd(a);
    return end === null || end > starts.get(a.accountId)!;
  });
}

/**
 * The billable agreements of `accountIds` (customers: active, and stopped ones whose last day
 * falls after the account's period start — their final bill) with each account's period
 * start and the usage (metering) of reads in (period_start, asOf] — for a stopped agreement
 * through the day after its last day — ordered by account then agreement.
 */
async function agreementRows(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<readonly (readonly [AgreementRow, UsageFact])[]> {
  if (accountIds.length === 0) return [];
  const agreements = await billableAgreementsOf(q, accountIds);
  const { starts, billed } = await periodStarts(q, accountIds, agreements);
  const rows = inPeriod(agreements, starts).map((a) => ({
    ...a,
    periodStart: starts.get(a.accountId)!,
    billedBefore: billed.has(a.accountId),
  }));
  const metered = rows.filter((row) => meteredServices.has(row.service));
  const usages = await usageForAgreements(
    q,
    metered.map((row) => ({
      meterNumber: row.meterNumber,
      register: billedRegister(row.service),
      after: row.periodStart,
      through: usageThrough(row, asOf),
    })),
  );
  const usageById = new Map(metered.map((row, i) => [row.agreementId, usages[i]!]));
  return rows.map((row) => [row, usageOf(usageById.get(row.agreementId))] as const);
}

/** The days off of an agreement: a seasonal hold's, and every day after a stopped one's end. */
function offDaysOfAgreement(
  row: BillableAgreement,
  holds: AccountOffDays | undefined,
  asOf: LocalDate,
): { offDays?: readonly DayRange[] } {
  const held = offDaysFor(holds, row.service).offDays ?? [];
  const end = serviceEnd(row);
  if (end === null || end >= asOf) return held.length === 0 ? {} : { offDays: held };
  return { offDays: [...held, { from: end, to: asOf }] };
}

/**
 * The usage requests of the accounts' metered agreements over their periods (estimates).
 * Not for an agreement that ended before the as-of: its final read is not estimated here —
 * an estimate dated before the meter's later reads would count the same use again for the
 * next customer at the premise — so it waits for a final read (`no_read`).
 */
export async function usageRequestsOf(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<readonly UsageRequest[]> {
  if (accountIds.length === 0) return [];
  const agreements = await billableAgreementsOf(q, accountIds);
  const { starts } = await periodStarts(q, accountIds, agreements);
  return inPeriod(agreements, starts)
    .filter((a) => meteredServices.has(a.service) && usageThrough(a, asOf) === asOf)
    .map((a) => ({
      meterNumber: a.meterNumber,
      register: billedRegister(a.service),
      after: starts.get(a.accountId)!,
      through: usageThrough(a, asOf),
    }));
}

function usageOf(u: RegisterUsage | undefined): UsageFact {
  if (u === undefined) return { kind: 'flat' };
  if (u.accepted > 0) return { kind: 'metered', units: u.usage };
  return u.held > 0 ? { kind: 'held_read' } : { kind: 'no_read' };
}

function meterSizeOf(text: string | null): MeterSize | null {
  return meterSizes.find((s) => s === text) ?? null;
}

/**
 * Rate versions, fetched once per schedule and run: `code|<to` holds every version of the
 * schedule before `to`, and `code|from|to` the ones covering one period, narrowed from it in
 * memory (`coveringVersions`: accounts' periods start on many days, the versions are few).
 */
export type VersionCache = Map<string, readonly RateScheduleVersion[]>;

function versionKey(code: string, from: LocalDate, to: LocalDate): string {
  return `${code}|${from}|${to}`;
}

async function versionsFor(
  q: Queryable,
  cache: VersionCache,
  code: string,
  from: LocalDate,
  to: LocalDate,
): Promise<readonly RateScheduleVersion[]> {
  const key = versionKey(code, from, to);
  const hit = cache.get(key);
  if (hit) return hit;
  if (from >= to) {
    cache.set(key, []);
    return [];
  }
  const wideKey = `${code}|<${to}`;
  let all = cache.get(wideKey);
  if (all === undefined) {
    all = await versionsBefore(q, code, to);
    cache.set(wideKey, all);
  }
  const versions = coveringVersions(all, from, to);
  cache.set(key, versions);
  return versions;
}

/** The `draftBill` inputs of a page of accounts, in account order. */
export async function gatherInputs(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
  cache: VersionCache,
): Promise<readonly BillInputs[]> {
  const rows = await agreementRows(q, accountIds, asOf);
  const extras = await agreementExtras(
    q,
    rows.map(([row]) => row),
    asOf,
  );
  const byAccount = new Map<number, (readonly [AgreementRow, UsageFact])[]>();
  for (const pair of rows) {
    const list = byAccount.get(pair[0].accountId);
    if (list === undefined) byAccount.set(pair[0].accountId, [pair]);
    else list.push(pair);
  }
  const winter = await winterAveragesOf(q, accountIds, asOf);
  const holds = await offDaysOf(q, accountIds, asOf);
  const out: BillInputs[] = [];
  for (const [accountId, list] of byAccount) {
    const periodStart = list[0]![0].periodStart;
    const agreements: AgreementInput[] = [];
    for (const [row, usage] of list) {
      agreements.push({
        agreementId: row.agreementId,
        service: row.service,
        rateSchedule: row.rateSchedule,
        meterSize: meterSizeOf(row.meterSize),
        meterNumber: row.meterNumber,
        versions:
          cache.get(versionKey(row.rateSchedule, periodStart, asOf)) ??
          (await versionsFor(q, cache, row.rateSchedule, periodStart, asOf)),
        usage,
        ...extras.get(row.agreementId),
        ...offDaysOfAgreement(row, holds.get(accountId), asOf),
        ...(row.stopDate !== null && serviceEnd(row)! < asOf ? { lastDay: row.stopDate } : {}),
      });
    }
    const ends = list.map(([row]) => serviceEnd(row));
    const finalAgreementIds = list
      .filter((_pair, i) => ends[i] !== null && ends[i]! <= asOf)
      .map(([row]) => row.agreementId);
    // Every agreement ended before the as-of: the account's final bill, its environmental
    // fee through the last day of service.
    const lastEnd = ends.every((e) => e !== null && e < asOf)
      ? ends.reduce((a, b) => (b! > a! ? b : a))
      : null;
    const environmentalFee =
      cache.get(versionKey('ENV', periodStart, asOf)) ??
      (await versionsFor(q, cache, 'ENV', periodStart, asOf));
    const kgal = winter.get(accountId);
    out.push({
      accountId,
      periodStart,
      periodEnd: asOf,
      firstBill: !list[0]![0].billedBefore,
      agreements,
      environmentalFee,
      ...(kgal === undefined ? {} : { winterAverageKgal: kgal }),
      ...(finalAgreementIds.length === 0 ? {} : { finalAgreementIds }),
      ...(lastEnd === null ? {} : { serviceEnd: lastEnd }),
    });
  }
  return out;
}
