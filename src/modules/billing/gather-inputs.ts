import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import {
  activeAgreementsOf,
  billableAccountIds,
  type ActiveAgreement,
} from '../customers/index.ts';
import {
  usageForAgreements,
  type RegisterKind,
  type RegisterUsage,
  type UsageRequest,
} from '../metering/index.ts';
import {
  meterSizes,
  versionsCovering,
  type MeterSize,
  type RateScheduleVersion,
} from '../rates/index.ts';
import { agreementExtras } from './agreement-extras.ts';
import type { AgreementInput, BillInputs, UsageFact } from './types.ts';
import { offDaysFor, offDaysOf } from './seasonal-hold-store.ts';
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

type AgreementRow = ActiveAgreement & {
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
  agreements: readonly ActiveAgreement[],
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

/**
 * The active agreements of `accountIds` (customers) with each account's period start and the
 * usage (metering) of reads in (period_start, asOf], ordered by account then agreement.
 */
async function agreementRows(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<readonly (readonly [AgreementRow, UsageFact])[]> {
  if (accountIds.length === 0) return [];
  const agreements = await activeAgreementsOf(q, accountIds);
  const { starts, billed } = await periodStarts(q, accountIds, agreements);
  const rows = agreements.map((a) => ({
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
      through: asOf,
    })),
  );
  const usageById = new Map(metered.map((row, i) => [row.agreementId, usages[i]!]));
  return rows.map((row) => [row, usageOf(usageById.get(row.agreementId))] as const);
}

/** The usage requests of the accounts' metered agreements over their periods (estimates). */
export async function usageRequestsOf(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<readonly UsageRequest[]> {
  if (accountIds.length === 0) return [];
  const agreements = await activeAgreementsOf(q, accountIds);
  const { starts } = await periodStarts(q, accountIds, agreements);
  return agreements
    .filter((a) => meteredServices.has(a.service))
    .map((a) => ({
      meterNumber: a.meterNumber,
      register: billedRegister(a.service),
      after: starts.get(a.accountId)!,
      through: asOf,
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

/** Rate versions by schedule and period, fetched once per run. */
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
  const versions = from < to ? await versionsCovering(q, code, from, to) : [];
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
        ...offDaysFor(holds.get(accountId), row.service),
      });
    }
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
    });
  }
  return out;
}
