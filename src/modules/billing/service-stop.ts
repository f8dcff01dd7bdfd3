import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { closeFinaledAgreements, type ServiceChange } from '../customers/index.ts';
import { settleHoldsForStop } from './seasonal-hold-changes.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type ServiceStopCode = 'stop_before_billed_through';

/**
 * Billing's part of a stop of service (ACC-2), in the stop's transaction:
 *
 * - A last day of service inside a period already billed is refused
 *   (`stop_before_billed_through`, naming the bill's last day): the final bill bills from the
 *   last bill's end, so an earlier stop would leave days billed that the customer did not
 *   have. The agent cancels that bill first (the bill page) or stops on its last day or later.
 * - A stop on the last day already billed leaves nothing to bill: the agreement closes now
 *   (its final bill is the bill already issued), instead of waiting for a bill that never
 *   comes.
 * - Seasonal holds on the stopped services are settled (`settleHoldsForStop`).
 */
export async function settleServiceStop(
  tx: Tx,
  change: ServiceChange,
  ctx: Ctx,
): Promise<Result<{ readonly closedAgreementIds: readonly number[] }, ServiceStopCode>> {
  if (change.stopped.length === 0) return ok({ closedAgreementIds: [] });
  const last = await tx.query<{ periodEnd: LocalDate | null }>(
    `SELECT max(period_end)::text AS "periodEnd" FROM bill
      WHERE account_id = $1 AND status = 'issued'`,
    [change.accountId],
  );
  const billedEnd = last.rows[0]?.periodEnd ?? null;
  const closeNow: number[] = [];
  if (billedEnd !== null) {
    for (const s of change.stopped) {
      const end = addDays(s.stopDate, 1);
      if (end < billedEnd)
        return err(
          'stop_before_billed_through',
          `${s.service} is billed through ${addDays(billedEnd, -1)}: stop on that day or later, ` +
            `or cancel the bill first`,
        );
      if (end === billedEnd) closeNow.push(s.agreementId);
    }
  }
  await closeFinaledAgreements(tx, closeNow, ctx);
  const byDate = new Map<LocalDate, string[]>();
  for (const s of change.stopped)
    byDate.set(s.stopDate, [...(byDate.get(s.stopDate) ?? []), s.service]);
  for (const [stopDate, services] of byDate)
    await settleHoldsForStop(
      tx,
      { accountId: change.accountId, services, stopDate, today: change.today },
      ctx,
    );
  return ok({ closedAgreementIds: closeNow });
}
