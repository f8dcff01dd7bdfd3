import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import type { ServiceChange, ServiceChangeOrder } from '../customers/index.ts';
import type { LocalDate } from '../../core/dates.ts';
import {
  createServiceOrder,
  type NewServiceOrder,
  type ServiceOrderKind,
} from './service-orders.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

/** Services a crew turns on or off at a meter (wastewater and solid waste need no trip). */
const meteredServices: ReadonlySet<string> = new Set(['electric', 'gas', 'water']);

/**
 * The field orders a start, stop or transfer of service needs (ACC-2), in its transaction:
 * per metered service started, a `turn_on` due on the start date — or a `move_read` when the
 * service was already on under a landlord's agreement the start ended; per metered service
 * stopped, a `turn_off` due on the last day of service — or a `move_read` when it reverts to
 * the landlord's account. Idempotent per meter and kind (an open order is returned, not
 * doubled). Audited through `createServiceOrder`.
 */
export async function serviceChangeOrders(
  tx: Tx,
  change: ServiceChange,
  ctx: Ctx,
): Promise<Result<{ readonly fieldOrders: readonly ServiceChangeOrder[] }, 'premise_not_found'>> {
  const wanted: { readonly service: string; readonly order: NewServiceOrder }[] = [];
  const add = (
    s: { service: string; premiseId: number; meterNumber: string | null },
    kind: ServiceOrderKind,
    dueOn: LocalDate,
    reason: string,
  ) => {
    if (!meteredServices.has(s.service)) return;
    wanted.push({
      service: s.service,
      order: {
        kind,
        premiseId: s.premiseId,
        accountId: change.accountId,
        meterNumber: s.meterNumber,
        reason,
        dueOn,
      },
    });
  };
  for (const s of change.stopped) {
    if (s.revertedToAccountId !== null)
      add(s, 'move_read', s.stopDate, `Move-out read: ${s.service} reverts to the owner's account`);
    else add(s, 'turn_off', s.stopDate, `Stop of ${s.service} service: turn off, final read`);
  }
  for (const s of change.started) {
    if (s.continued)
      add(s, 'move_read', s.startDate, `Move-in read: ${s.service} was on for the owner`);
    else add(s, 'turn_on', s.startDate, `Start of ${s.service} service: turn on, first read`);
  }
  const fieldOrders: ServiceChangeOrder[] = [];
  for (const { service, order } of wanted) {
    const created = await createServiceOrder(tx, order, ctx);
    if (!created.ok) return created;
    fieldOrders.push({
      orderId: created.value.orderId,
      kind: order.kind,
      service,
      meterNumber: order.meterNumber ?? null,
      dueOn: order.dueOn ?? null,
    });
  }
  return ok({ fieldOrders });
}
