import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import type { RateScheduleVersion } from './engine/types.ts';
import { fieldMessages, scheduleCodePattern, versionBodySchema } from './rate-version.schema.ts';

export type AddScheduleVersionInput = {
  readonly code: string;
  readonly effectiveFrom: LocalDate;
  /** The version's data without `code` and `effectiveFrom` (validated again here). */
  readonly version: unknown;
};

export type AddScheduleVersionCode = 'invalid' | 'version_not_after_latest';

/**
 * Adds a version of rate schedule `code` effective `effectiveFrom` (a new code starts a new
 * schedule). Versions are never changed; a correction is a newer version. Audited.
 *
 * Codes: `invalid` — the version does not have the RateScheduleVersion shape (per-field
 * messages under `version.…`), or the code is malformed; `version_not_after_latest` —
 * `effectiveFrom` is not after the latest existing version's.
 */
export async function addScheduleVersion(
  tx: Tx,
  input: AddScheduleVersionInput,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<RateScheduleVersion, AddScheduleVersionCode>> {
  if (!scheduleCodePattern.test(input.code)) {
    return err('invalid', 'bad schedule code', { code: 'A–Z, 0–9, "." and "-", ≤ 20 chars' });
  }
  const parsed = versionBodySchema.safeParse(input.version);
  if (!parsed.success) {
    return err('invalid', 'the version is not valid', fieldMessages(parsed.error, 'version'));
  }
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rate_schedule_version:' || $1))`, [
    input.code,
  ]);
  const latest = await tx.query<{ latest: LocalDate | null }>(
    `SELECT max(effective_from)::text AS latest FROM rate_schedule_version WHERE code = $1`,
    [input.code],
  );
  const before = latest.rows[0]?.latest ?? null;
  if (before !== null && input.effectiveFrom <= before) {
    return err('version_not_after_latest', `the latest version of ${input.code} is ${before}`);
  }
  const version = {
    code: input.code,
    effectiveFrom: input.effectiveFrom,
    ...parsed.data,
  } as RateScheduleVersion;
  const r = await tx.query<{ id: number }>(
    `INSERT INTO rate_schedule_version
       (code, effective_from, name, service, data, created_by_name, created_at)
     VALUES ($1, $2::date, $3, $4, $5::jsonb, $6, $7) RETURNING id`,
    [
      version.code,
      version.effectiveFrom,
      version.name,
      version.service,
      JSON.stringify(version),
      ctx.actor.name,
      ctx.now,
    ],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'rates.version_added',
    entityType: 'rate_schedule_version',
    entityId: String(r.rows[0]?.id),
    ...(before === null ? {} : { before: { latestEffectiveFrom: before } }),
    after: version,
  });
  return ok(version);
}
