import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { RateScheduleVersion, RateService, UsageUnit } from './engine/types.ts';

/** One schedule for a picker: its latest version's name, service and unit. */
export type ScheduleSummary = {
  readonly code: string;
  readonly name: string;
  readonly service: RateService;
  readonly unit: UsageUnit;
  /** The effective date of the version in effect today, or of the first one if none yet. */
  readonly currentVersionFrom: LocalDate;
};

/** A stored version: the engine's data plus who added it and when. */
export type StoredVersion = {
  readonly id: number;
  readonly effectiveFrom: LocalDate;
  readonly createdByName: string;
  readonly createdAt: string;
  readonly version: RateScheduleVersion;
};

/**
 * Every rate schedule code, each with the version in effect on `today` (or its first version
 * when none is in effect yet), ordered by code.
 */
export async function listSchedules(
  q: Queryable,
  today: LocalDate,
): Promise<readonly ScheduleSummary[]> {
  const r = await q.query<{ code: string; data: RateScheduleVersion; effective_from: LocalDate }>(
    `SELECT DISTINCT ON (code) code, data, effective_from::text AS effective_from
       FROM rate_schedule_version
      ORDER BY code, (effective_from <= $1::date) DESC,
               CASE WHEN effective_from <= $1::date THEN effective_from END DESC NULLS LAST,
               effective_from`,
    [today],
  );
  return r.rows.map((row) => ({
    code: row.code,
    name: row.data.name,
    service: row.data.service,
    unit: row.data.unit,
    currentVersionFrom: row.effective_from,
  }));
}

/** All versions of one schedule, oldest first; empty when the code is unknown. */
export async function getScheduleVersions(
  q: Queryable,
  code: string,
): Promise<readonly StoredVersion[]> {
  const r = await q.query<{
    id: number;
    effective_from: LocalDate;
    created_by_name: string;
    created_at: Date;
    data: RateScheduleVersion;
  }>(
    `SELECT id, effective_from::text AS effective_from, created_by_name, created_at, data
       FROM rate_schedule_version WHERE code = $1 ORDER BY effective_from`,
    [code],
  );
  return r.rows.map((row) => ({
    id: row.id,
    effectiveFrom: row.effective_from,
    createdByName: row.created_by_name,
    createdAt: new Date(row.created_at).toISOString(),
    version: row.data,
  }));
}

/**
 * The versions of `code` that apply to the period [from, to): the one in effect on `from`
 * (if any) and every one that starts strictly inside the period — what `rateAcross` takes.
 */
export async function versionsCovering(
  q: Queryable,
  code: string,
  from: LocalDate,
  to: LocalDate,
): Promise<readonly RateScheduleVersion[]> {
  return coveringVersions(await versionsBefore(q, code, to), from, to);
}

/** Every version of `code` that takes effect before `to`, oldest first. */
export async function versionsBefore(
  q: Queryable,
  code: string,
  to: LocalDate,
): Promise<readonly RateScheduleVersion[]> {
  const r = await q.query<{ data: RateScheduleVersion }>(
    `SELECT data FROM rate_schedule_version
      WHERE code = $1 AND effective_from < $2::date ORDER BY effective_from`,
    [code, to],
  );
  return r.rows.map((row) => row.data);
}

/**
 * Pure: of `versions` (one schedule, oldest first), those covering [from, to) — the latest
 * one in effect on `from`, if any, and every one after it that starts before `to`.
 */
export function coveringVersions(
  versions: readonly RateScheduleVersion[],
  from: LocalDate,
  to: LocalDate,
): readonly RateScheduleVersion[] {
  let first = 0;
  for (let i = 0; i < versions.length && versions[i]!.effectiveFrom <= from; i++) first = i;
  return versions.slice(first).filter((v) => v.effectiveFrom < to);
}

/** Whether any version of `code` exists. */
export async function scheduleExists(q: Queryable, code: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM rate_schedule_version WHERE code = $1 LIMIT 1`, [code]);
  return r.rows.length > 0;
}
