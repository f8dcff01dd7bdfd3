import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { lockAccount } from './account-lock.ts';
import { recordTimelineEvent } from './timeline.ts';
import { actorName, type ServiceContext, type SpecialStatusKind } from './types.ts';

/** The details each special status carries (ACC-7). */
export type SpecialStatusInput =
  | { readonly status: 'bankruptcy'; readonly caseNumber: string; readonly chapter: 7 | 11 | 13 }
  | {
      readonly status: 'medical_certificate';
      readonly certificateNumber: string;
      readonly expiresOn: LocalDate;
    }
  | { readonly status: 'cash_only'; readonly endsOn: LocalDate }
  | { readonly status: 'deceased'; readonly dateOfDeath: LocalDate }
  | { readonly status: 'landlord_agreement'; readonly premiseIds: readonly number[] };

/** A medical certificate is valid at most this long (demo policy, COL-7). */
export const medicalCertificateMonthsMax = 12;

export type SetSpecialStatusCode =
  | 'account_not_found'
  | 'status_already_set'
  | 'certificate_expiry_too_far'
  | 'premise_not_found'
  | 'premise_has_landlord';

/**
 * Sets a special status on an account from `startsOn`, with a reason (ACC-7): bankruptcy
 * (case number, chapter), medical certificate (number, expiry ≤ 12 months after the start),
 * cash-only (until `endsOn`), deceased (date of death; no new service may start), landlord
 * continuous-service agreement (the premises it covers). Audited and on the timeline.
 *
 * Codes: `account_not_found`; `status_already_set` (the status is open already);
 * `certificate_expiry_too_far`; `premise_not_found`; `premise_has_landlord` (another
 * owner's agreement covers one of the premises).
 */
export async function setSpecialStatus(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly startsOn: LocalDate;
    readonly reason: string;
    readonly details: SpecialStatusInput;
  },
  ctx: ServiceContext,
): Promise<Result<{ readonly statusId: number }, SetSpecialStatusCode>> {
  const locked = await lockAccount(tx, input.accountId);
  if (!locked.ok) return err('account_not_found');
  const open = await tx.query(
    'SELECT 1 FROM account_special_status WHERE account_id = $1 AND status = $2 AND cleared_at IS NULL',
    [input.accountId, input.details.status],
  );
  if (open.rowCount) return err('status_already_set');
  const cols = columnsOf(input.details);
  if (
    input.details.status === 'medical_certificate' &&
    input.details.expiresOn > addMonths(input.startsOn, medicalCertificateMonthsMax)
  ) {
    return err('certificate_expiry_too_far', `at most ${medicalCertificateMonthsMax} months`);
  }
  if (input.details.status === 'landlord_agreement') {
    const linked = await linkPremises(
      tx,
      input.accountId,
      input.details.premiseIds,
      input.startsOn,
    );
    if (!linked.ok) return linked;
  }
  const r = await tx.query<{ id: number }>(
    `INSERT INTO account_special_status (account_id, status, starts_on, ends_on, reason, reference,
       details, set_by_name, set_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.accountId,
      input.details.status,
      input.startsOn,
      cols.endsOn,
      input.reason,
      cols.reference,
      JSON.stringify(cols.details),
      actorName(ctx.actor),
      ctx.now,
    ],
  );
  const statusId = (r.rows[0] as { id: number }).id;
  await recordStatusSet(tx, input, statusId, ctx);
  return ok({ statusId });
}

/**
 * Clears an open special status (ACC-7), with a reason. Clearing a landlord agreement ends
 * its premise links (later move-outs leave those premises off).
 *
 * Codes: `account_not_found`, `status_not_set`.
 */
export async function clearSpecialStatus(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly status: SpecialStatusKind;
    readonly reason: string;
  },
  ctx: ServiceContext,
): Promise<Result<{ readonly statusId: number }, 'account_not_found' | 'status_not_set'>> {
  const locked = await lockAccount(tx, input.accountId);
  if (!locked.ok) return err('account_not_found');
  const r = await tx.query<{ id: number }>(
    `UPDATE account_special_status SET cleared_at = $3, cleared_by_name = $4, clear_reason = $5
      WHERE account_id = $1 AND status = $2 AND cleared_at IS NULL RETURNING id`,
    [input.accountId, input.status, ctx.now, actorName(ctx.actor), input.reason],
  );
  const row = r.rows[0];
  if (!row) return err('status_not_set');
  if (input.status === 'landlord_agreement') {
    await tx.query(
      'UPDATE landlord_premise SET ended_at = $2 WHERE account_id = $1 AND ended_at IS NULL',
      [input.accountId, ctx.now],
    );
  }
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.special_status_cleared',
    entityType: 'account_special_status',
    entityId: row.id,
    accountId: input.accountId,
    before: { status: input.status },
    after: { cleared: true, reason: input.reason },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: input.accountId,
      kind: 'special_status_cleared',
      summary: `Special status cleared: ${input.status} (${input.reason})`,
      refType: 'account_special_status',
      refId: row.id,
    },
    ctx,
  );
  return ok({ statusId: row.id });
}

function columnsOf(d: SpecialStatusInput): {
  reference: string | null;
  endsOn: LocalDate | null;
  details: object;
} {
  switch (d.status) {
    case 'bankruptcy':
      return { reference: d.caseNumber, endsOn: null, details: { chapter: d.chapter } };
    case 'medical_certificate':
      return { reference: d.certificateNumber, endsOn: d.expiresOn, details: {} };
    case 'cash_only':
      return { reference: null, endsOn: d.endsOn, details: {} };
    case 'deceased':
      return { reference: null, endsOn: null, details: { dateOfDeath: d.dateOfDeath } };
    case 'landlord_agreement':
      return { reference: null, endsOn: null, details: { premiseIds: d.premiseIds } };
  }
}

async function linkPremises(
  tx: Tx,
  accountId: number,
  premiseIds: readonly number[],
  startsOn: LocalDate,
) {
  for (const premiseId of premiseIds) {
    const p = await tx.query('SELECT 1 FROM premise WHERE id = $1', [premiseId]);
    if (p.rowCount === 0) return err('premise_not_found' as const, `premise ${premiseId}`);
    const taken = await tx.query(
      'SELECT 1 FROM landlord_premise WHERE premise_id = $1 AND ended_at IS NULL',
      [premiseId],
    );
    if (taken.rowCount) return err('premise_has_landlord' as const, `premise ${premiseId}`);
    await tx.query(
      'INSERT INTO landlord_premise (account_id, premise_id, starts_on) VALUES ($1, $2, $3)',
      [accountId, premiseId, startsOn],
    );
  }
  return ok(null);
}

/** The same day `months` later (clamped to the month's last day). */
function addMonths(d: LocalDate, months: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const first = `${ny}-${String(nm).padStart(2, '0')}-01` as LocalDate;
  const last = addDays(
    nm === 12
      ? (`${ny + 1}-01-01` as LocalDate)
      : (`${ny}-${String(nm + 1).padStart(2, '0')}-01` as LocalDate),
    -1,
  );
  const dd = Math.min(day, Number(last.slice(8)));
  return addDays(first, dd - 1);
}

async function recordStatusSet(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly startsOn: LocalDate;
    readonly reason: string;
    readonly details: SpecialStatusInput;
  },
  statusId: number,
  ctx: ServiceContext,
): Promise<void> {
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.special_status_set',
    entityType: 'account_special_status',
    entityId: statusId,
    accountId: input.accountId,
    after: { ...input.details, startsOn: input.startsOn, reason: input.reason },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: input.accountId,
      kind: 'special_status_set',
      summary: `Special status set: ${input.details.status} (${input.reason})`,
      refType: 'account_special_status',
      refId: statusId,
    },
    ctx,
  );
}
