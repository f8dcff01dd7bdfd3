import type { LocalDate } from '../../core/dates.ts';
import type { Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { StartServiceResult } from './start-service.ts';
import type { StopServiceResult } from './stop-service.ts';
import type { ServiceContext } from './types.ts';

/**
 * What a start, stop or transfer of service changed, for the work other modules do in the
 * same transaction: the field orders the change needs (field), a seasonal hold the stop ends
 * and the check that a stop does not fall inside a period already billed (billing). The
 * customers module cannot import those modules (they import it): the shell composes them
 * into one `ServiceChangeFollowUp` and hands it to `serviceRoutes`.
 */
export type ServiceChange = {
  readonly accountId: number;
  /** Today in the utility's time zone (the date of any reversal the follow-up posts). */
  readonly today: LocalDate;
  readonly started: StartServiceResult['agreements'];
  readonly stopped: StopServiceResult['stopped'];
};

/** A field order a change opened (or found open), as the desk shows it. */
export type ServiceChangeOrder = {
  readonly orderId: number;
  readonly kind: string;
  readonly service: string;
  readonly meterNumber: string | null;
  readonly dueOn: string | null;
};

/** A started agreement the follow-up linked to the meter installed at the premise. */
export type LinkedMeter = { readonly agreementId: number; readonly meterNumber: string };

/**
 * Runs after a change inside its transaction. An `err` refuses the whole change: the shell
 * rolls back, nothing is written. `linkedMeters`: the started agreements that came without a
 * meter number and now have the premise's meter (the answer shows it).
 */
export type ServiceChangeFollowUp = (
  tx: Tx,
  change: ServiceChange,
  ctx: ServiceContext,
) => Promise<
  Result<
    {
      readonly fieldOrders: readonly ServiceChangeOrder[];
      readonly linkedMeters: readonly LinkedMeter[];
    },
    string
  >
>;

/** Started agreements with the meter numbers the follow-up linked. */
export function withLinkedMeters<
  A extends { readonly agreementId: number; readonly meterNumber: string | null },
>(agreements: readonly A[], linked: readonly LinkedMeter[]): A[] {
  if (linked.length === 0) return [...agreements];
  const meterOf = new Map(linked.map((l) => [l.agreementId, l.meterNumber]));
  return agreements.map((a) => {
    const meterNumber = meterOf.get(a.agreementId);
    return meterNumber === undefined ? a : { ...a, meterNumber };
  });
}
