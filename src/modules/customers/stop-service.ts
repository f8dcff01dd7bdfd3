import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { bumpAccountVersion, lockAccount } from './account-lock.ts';
import { insertAgreement, stopAgreement } from './agreement-writes.ts';
import { landlordAccountFor } from './landlord.ts';
import { landlordRevertingServices } from './rate-schedule-defaults.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { AccountStatus, ServiceContext, Service } from './types.ts';
import { refreshSearchDocuments } from './search-documents.ts';

export type StopServiceInput = {
  readonly accountId: number;
  /** Which agreements to stop: by id, or by service; neither = every active agreement. */
  readonly agreementIds?: readonly number[];
  readonly services?: readonly Service[];
  /** The last day of service. */
  readonly stopDate: LocalDate;
  readonly reason: string;
};

export type StopServiceResult = {
  readonly stopped: readonly {
    readonly agreementId: number;
    readonly service: Service;
    readonly premiseId: number;
    readonly meterNumber: string | null;
    /** The last day of service. */
    readonly stopDate: LocalDate;
    /** The landlord's account the service reverted to the next day (§9.6), else null. */
    readonly revertedToAccountId: number | null;
  }[];
  /** Services that reverted to a landlord's account the next day (§9.6). */
  readonly reverted: readonly {
    readonly agreementId: number;
    readonly accountId: number;
    readonly service: Service;
    readonly startDate: LocalDate;
  }[];
  readonly accountStatus: AccountStatus;
};

export type StopServiceCode =
  | 'account_not_found'
  | 'stale_version'
  | 'agreement_not_found'
  | 'service_not_active'
  | 'stop_before_start';

/**
 * Stops service (ACC-2): the chosen agreements become `pending_final` with their stop date
 * (the billing issue's final bill closes them). Water, wastewater and solid waste at a
 * premise under a landlord continuous-service agreement start on the owner's account the
 * next day instead of leaving the premise off. When no active agreement is left, the
 * account becomes `final`.
 *
 * Codes: `account_not_found`; `agreement_not_found` (an id that is not an active agreement
 * of the account); `service_not_active` (nothing active to stop for the services asked);
 * `stop_before_start` (stop date before an agreement's start date).
 */
export async function stopService(
  tx: Tx,
  input: StopServiceInput,
  ctx: ServiceContext,
): Promise<Result<StopServiceResult, StopServiceCode>> {
  return stopAgreements(tx, input, ctx, { finalIfEmpty: true });
}

/** stopService's body; a transfer stops without finalling the account it keeps using. */
export async function stopAgreements(
  tx: Tx,
  input: StopServiceInput,
  ctx: ServiceContext,
  options: { readonly finalIfEmpty: boolean },
): Promise<Result<StopServiceResult, StopServiceCode>> {
  const locked = await lockAccount(tx, input.accountId);
  if (!locked.ok) return locked;
  const active = await tx.query<{ id: number; service: Service; start_date: LocalDate }>(
    `SELECT id, service, start_date FROM service_agreement
      WHERE account_id = $1 AND status = 'active' ORDER BY id`,
    [input.accountId],
  );
  const chosen = active.rows.filter(
    (a) =>
      (input.agreementIds === undefined || input.agreementIds.includes(a.id)) &&
      (input.services === undefined || input.services.includes(a.service)),
  );
  const missing = (input.agreementIds ?? []).find((id) => !active.rows.some((a) => a.id === id));
  if (missing !== undefined) return err('agreement_not_found', `agreement ${missing}`);
  if (chosen.length === 0) return err('service_not_active');
  const early = chosen.find((a) => a.start_date > input.stopDate);
  if (early) return err('stop_before_start', `${early.service} started ${early.start_date}`);
  const stopped: StopServiceResult['stopped'][number][] = [];
  const reverted: StopServiceResult['reverted'][number][] = [];
  for (const a of chosen) {
    const s = await stopAgreement(
      tx,
      { agreementId: a.id, stopDate: input.stopDate, reason: input.reason },
      ctx,
    );
    const owner = landlordRevertingServices.has(s.service)
      ? await landlordAccountFor(tx, s.premiseId)
      : null;
    const reverts = owner !== null && owner !== input.accountId;
    stopped.push({
      agreementId: a.id,
      service: a.service,
      premiseId: s.premiseId,
      meterNumber: s.meterNumber,
      stopDate: input.stopDate,
      revertedToAccountId: reverts ? owner : null,
    });
    if (!reverts) continue;
    const startDate = addDays(input.stopDate, 1);
    const agreementId = await insertAgreement(
      tx,
      {
        accountId: owner,
        premiseId: s.premiseId,
        service: s.service,
        rateSchedule: s.rateSchedule,
        startDate,
        meterNumber: s.meterNumber,
        meterSize: s.meterSize,
      },
      ctx,
      ' (landlord continuous service)',
    );
    reverted.push({ agreementId, accountId: owner, service: s.service, startDate });
  }
  const left = active.rows.length - chosen.length;
  const accountStatus =
    left === 0 && options.finalIfEmpty
      ? await finalAccount(tx, input.accountId, ctx)
      : locked.value.status;
  await refreshSearchDocuments(tx, [input.accountId, ...reverted.map((r) => r.accountId)]);
  return ok({ stopped, reverted, accountStatus });
}

async function finalAccount(
  tx: Tx,
  accountId: number,
  ctx: ServiceContext,
): Promise<AccountStatus> {
  await tx.query("UPDATE account SET status = 'final' WHERE id = $1", [accountId]);
  await bumpAccountVersion(tx, accountId, ctx.now);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.finaled',
    entityType: 'account',
    entityId: accountId,
    accountId,
    before: { status: 'active' },
    after: { status: 'final' },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId,
      kind: 'account_final',
      summary: 'All services stopped: account is final, final bill pending',
    },
    ctx,
  );
  return 'final';
}
