import { assert } from '../../core/assert.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { ServiceContext, Service } from './types.ts';

export type NewAgreement = {
  readonly accountId: number;
  readonly premiseId: number;
  readonly service: Service;
  readonly rateSchedule: string;
  readonly startDate: LocalDate;
  readonly meterNumber?: string | null;
  readonly meterSize?: string | null;
};

/** Inserts one active agreement, audited and on the account's timeline. */
export async function insertAgreement(
  tx: Tx,
  a: NewAgreement,
  ctx: ServiceContext,
  summaryNote = '',
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
       start_date, meter_number, meter_size, created_at)
     VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8) RETURNING id`,
    [
      a.accountId,
      a.premiseId,
      a.service,
      a.rateSchedule,
      a.startDate,
      a.meterNumber ?? null,
      a.meterSize ?? null,
      ctx.now,
    ],
  );
  const agreementId = (r.rows[0] as { id: number }).id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service.started',
    entityType: 'service_agreement',
    entityId: agreementId,
    accountId: a.accountId,
    after: a,
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: a.accountId,
      kind: 'service_started',
      summary: `${a.service} (${a.rateSchedule}) starts ${a.startDate}${summaryNote}`,
      refType: 'service_agreement',
      refId: agreementId,
    },
    ctx,
  );
  return agreementId;
}

/** Marks an active agreement pending_final with its last day; audited and on the timeline. */
export async function stopAgreement(
  tx: Tx,
  s: { readonly agreementId: number; readonly stopDate: LocalDate; readonly reason: string },
  ctx: ServiceContext,
): Promise<{
  readonly accountId: number;
  readonly premiseId: number;
  readonly service: Service;
  readonly rateSchedule: string;
  readonly meterNumber: string | null;
  readonly meterSize: string | null;
}> {
  const r = await tx.query<{
    account_id: number;
    premise_id: number;
    service: Service;
    rate_schedule: string;
    meter_number: string | null;
    meter_size: string | null;
  }>(
    `UPDATE service_agreement SET status = 'pending_final', stop_date = $2
      WHERE id = $1 AND status = 'active'
      RETURNING account_id, premise_id, service, rate_schedule, meter_number, meter_size`,
    [s.agreementId, s.stopDate],
  );
  const row = r.rows[0];
  assert(row !== undefined, `agreement ${s.agreementId} is not active (the caller checks first)`);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service.stopped',
    entityType: 'service_agreement',
    entityId: s.agreementId,
    accountId: row.account_id,
    before: { status: 'active' },
    after: { status: 'pending_final', stopDate: s.stopDate, reason: s.reason },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId: row.account_id,
      kind: 'service_stopped',
      summary: `${row.service} stops ${s.stopDate} (${s.reason}); final bill pending`,
      refType: 'service_agreement',
      refId: s.agreementId,
    },
    ctx,
  );
  return {
    accountId: row.account_id,
    premiseId: row.premise_id,
    service: row.service,
    rateSchedule: row.rate_schedule,
    meterNumber: row.meter_number,
    meterSize: row.meter_size,
  };
}

/**
 * Closes stopped agreements once their final bill is issued (the bill run, in its page's
 * transaction): `pending_final` → `closed`; others are left. Audited `service.closed` and on
 * the timeline. Returns how many were closed.
 */
export async function closeFinaledAgreements(
  tx: Tx,
  agreementIds: readonly number[],
  ctx: ServiceContext,
): Promise<number> {
  if (agreementIds.length === 0) return 0;
  const r = await tx.query<{ id: number; account_id: number; service: Service; stop: string }>(
    `UPDATE service_agreement SET status = 'closed'
      WHERE id = ANY($1::bigint[]) AND status = 'pending_final'
      RETURNING id::int AS id, account_id::int AS account_id, service, stop_date::text AS stop`,
    [agreementIds],
  );
  for (const row of r.rows) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'service.closed',
      entityType: 'service_agreement',
      entityId: row.id,
      accountId: row.account_id,
      before: { status: 'pending_final' },
      after: { status: 'closed' },
    });
    await recordTimelineEvent(
      tx,
      {
        accountId: row.account_id,
        kind: 'service_closed',
        summary: `${row.service} final-billed through ${row.stop}; service closed`,
        refType: 'service_agreement',
        refId: row.id,
      },
      ctx,
    );
  }
  return r.rows.length;
}

/**
 * Puts the meter installed at the premise on an agreement started without one (the shell's
 * follow-up to a start, from metering's meters): only while the agreement has no meter.
 * Audited `service.meter_linked`. Returns whether it changed the agreement.
 */
export async function linkAgreementMeter(
  tx: Tx,
  link: {
    readonly agreementId: number;
    readonly meterNumber: string;
    readonly meterSize: string | null;
  },
  ctx: ServiceContext,
): Promise<boolean> {
  const r = await tx.query<{ account_id: number }>(
    `UPDATE service_agreement SET meter_number = $2, meter_size = coalesce(meter_size, $3)
      WHERE id = $1 AND meter_number IS NULL RETURNING account_id::int AS account_id`,
    [link.agreementId, link.meterNumber, link.meterSize],
  );
  const row = r.rows[0];
  if (row === undefined) return false;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'service.meter_linked',
    entityType: 'service_agreement',
    entityId: link.agreementId,
    accountId: row.account_id,
    before: { meterNumber: null },
    after: { meterNumber: link.meterNumber, meterSize: link.meterSize },
  });
  return true;
}

/**
 * A meter exchange (metering): the agreements on the old meter (active or awaiting their
 * final bill; only active ones with `activeOnly`: a meter installed some time after the old
 * one was removed) now name the new one, with its size. Audited `service.meter_exchanged` and
 * on each account's timeline. Returns the agreement ids changed.
 */
export async function replaceAgreementMeter(
  tx: Tx,
  change: {
    readonly oldMeterNumber: string;
    readonly newMeterNumber: string;
    readonly newMeterSize: string | null;
    readonly on: LocalDate;
    readonly activeOnly?: boolean;
  },
  ctx: ServiceContext,
): Promise<readonly number[]> {
  const r = await tx.query<{
    id: number;
    account_id: number;
    service: Service;
    size: string | null;
  }>(
    `UPDATE service_agreement SET meter_number = $2, meter_size = coalesce($3, meter_size)
      WHERE meter_number = $1 AND status = ANY($4::text[])
      RETURNING id::int AS id, account_id::int AS account_id, service, meter_size AS size`,
    [
      change.oldMeterNumber,
      change.newMeterNumber,
      change.newMeterSize,
      change.activeOnly ? ['active'] : ['active', 'pending_final'],
    ],
  );
  for (const row of r.rows) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'service.meter_exchanged',
      entityType: 'service_agreement',
      entityId: row.id,
      accountId: row.account_id,
      before: { meterNumber: change.oldMeterNumber },
      after: { meterNumber: change.newMeterNumber, meterSize: row.size },
    });
    await recordTimelineEvent(
      tx,
      {
        accountId: row.account_id,
        kind: 'meter_exchanged',
        summary: `${row.service} meter ${change.oldMeterNumber} exchanged for ${change.newMeterNumber} on ${change.on}`,
        refType: 'service_agreement',
        refId: row.id,
      },
      ctx,
    );
  }
  return r.rows.map((row) => row.id);
}
