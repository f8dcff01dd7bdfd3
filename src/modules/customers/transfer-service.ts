import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { startService, type StartServiceCode, type StartServiceResult } from './start-service.ts';
import { stopAgreements, type StopServiceCode, type StopServiceResult } from './stop-service.ts';
import type { ServiceContext, Service } from './types.ts';

export type TransferServiceInput = {
  readonly fromAccountId: number;
  readonly toPremiseId: number;
  /** Last day at the old premise(s). */
  readonly stopDate: LocalDate;
  /** First day at the new premise (may overlap the stop date: moving takes a day). */
  readonly startDate: LocalDate;
  /** Services to move; default every active service of the account. */
  readonly services?: readonly Service[];
  readonly sameDay?: boolean;
  readonly fraudOverride?: { readonly reason: string };
  readonly canOverrideFraud: boolean;
  /** The customer accepted a deposit the new premise requires (a hydrant meter). */
  readonly acceptDeposit?: boolean;
};

export type TransferServiceResult = {
  readonly stopped: StopServiceResult;
  readonly started: StartServiceResult;
};

/**
 * Transfers service (move out / move in, ACC-2): stops the account's services at the old
 * premise and starts them at the new one on the same account, in one transaction. The
 * account stays active (it is not finalled between the two); the new premise's connection
 * fees apply, no set-up fee. Rate schedules default by the account's class.
 *
 * Codes: stopService's and startService's codes; `invalid` when the new premise is one the
 * account already serves those services at.
 */
export async function transferService(
  tx: Tx,
  input: TransferServiceInput,
  ctx: ServiceContext,
): Promise<Result<TransferServiceResult, StopServiceCode | StartServiceCode>> {
  const at = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM service_agreement
      WHERE account_id = $1 AND premise_id = $2 AND status = 'active'`,
    [input.fromAccountId, input.toPremiseId],
  );
  if ((at.rows[0]?.n ?? 0) > 0)
    return err('invalid', 'the account already has service at the new premise');
  const stopped = await stopAgreements(
    tx,
    {
      accountId: input.fromAccountId,
      stopDate: input.stopDate,
      reason: 'moved (transfer of service)',
      ...(input.services ? { services: input.services } : {}),
    },
    ctx,
    { finalIfEmpty: false },
  );
  if (!stopped.ok) return stopped;
  const services = [...new Set(stopped.value.stopped.map((s) => s.service))];
  const started = await startService(
    tx,
    {
      accountId: input.fromAccountId,
      premiseId: input.toPremiseId,
      services: services.map((service) => ({ service })),
      startDate: input.startDate,
      canOverrideFraud: input.canOverrideFraud,
      acceptDeposit: input.acceptDeposit ?? false,
      ...(input.sameDay === undefined ? {} : { sameDay: input.sameDay }),
      ...(input.fraudOverride ? { fraudOverride: input.fraudOverride } : {}),
    },
    ctx,
  );
  if (!started.ok) return started;
  return ok({ stopped: stopped.value, started: started.value });
}
