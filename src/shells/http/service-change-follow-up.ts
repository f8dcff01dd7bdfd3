import { ok } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { settleServiceStop } from '../../modules/billing/index.ts';
import {
  linkAgreementMeter,
  type ServiceChange,
  type ServiceChangeFollowUp,
} from '../../modules/customers/index.ts';
import { serviceChangeOrders } from '../../modules/field/index.ts';
import { installedMetersAt } from '../../modules/metering/index.ts';

type Ctx = Parameters<ServiceChangeFollowUp>[2];

/**
 * What follows a start, stop or transfer of service, in its transaction (customers cannot
 * import billing, field or metering, which import it):
 *
 * 1. A metered service started without a meter number gets the meter installed at the
 *    premise (metering), so that its use is billed and its water meter size rated.
 * 2. Billing: a stop inside a billed period is refused; a seasonal hold the stop overtakes is
 *    cancelled or ended, with its orders.
 * 3. The field orders the change needs (turn-on, turn-off, move-in/out reads).
 */
export const afterServiceChange: ServiceChangeFollowUp = async (tx, given, ctx) => {
  const change = await withInstalledMeters(tx, given, ctx);
  const settled = await settleServiceStop(tx, change, ctx);
  if (!settled.ok) return settled;
  const orders = await serviceChangeOrders(tx, change, ctx);
  if (!orders.ok) return orders;
  const linkedMeters = change.started.flatMap((s, i) =>
    given.started[i]!.meterNumber === null && s.meterNumber !== null
      ? [{ agreementId: s.agreementId, meterNumber: s.meterNumber }]
      : [],
  );
  return ok({ fieldOrders: orders.value.fieldOrders, linkedMeters });
};

async function withInstalledMeters(
  tx: Tx,
  change: ServiceChange,
  ctx: Ctx,
): Promise<ServiceChange> {
  const premises = new Set(
    change.started.filter((s) => s.meterNumber === null).map((s) => s.premiseId),
  );
  if (premises.size === 0) return change;
  const meters = new Map<string, { meterNumber: string; size: string | null }>();
  for (const premiseId of premises)
    for (const m of await installedMetersAt(tx, premiseId))
      meters.set(`${premiseId}:${m.service}`, m);
  const started = [];
  for (const s of change.started) {
    const meter = s.meterNumber === null ? meters.get(`${s.premiseId}:${s.service}`) : undefined;
    if (meter === undefined) {
      started.push(s);
      continue;
    }
    await linkAgreementMeter(
      tx,
      { agreementId: s.agreementId, meterNumber: meter.meterNumber, meterSize: meter.size },
      ctx,
    );
    started.push({ ...s, meterNumber: meter.meterNumber });
  }
  return { ...change, started };
}
