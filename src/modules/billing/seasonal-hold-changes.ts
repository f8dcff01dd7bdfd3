import { addDays, type LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { recordTimelineEvent } from '../customers/index.ts';
import { closeServiceOrder, rescheduleServiceOrder } from '../field/index.ts';
import { reverseEntry } from '../ledger/index.ts';
import { setMeterOffWindow } from '../metering/index.ts';
import { clearBudgetHold, holdBudgetBilling } from './budget-billing.ts';
import {
  seasonalHoldForUpdate,
  seasonalHoldsOf,
  type SeasonalHoldView,
} from './seasonal-hold-store.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type ChangeHoldCode =
  | 'hold_not_found'
  | 'hold_cancelled'
  | 'hold_started'
  | 'hold_not_started'
  | 'hold_over'
  | 'hold_end_out_of_range';

/**
 * Cancels a hold that has not started (`from` after today): its field orders are cancelled,
 * the trip fee is reversed, the meters' off window and the budget plan's hold are cleared.
 * A started hold is ended with `endSeasonalHoldEarly` instead.
 */
export async function cancelSeasonalHold(
  tx: Tx,
  input: { readonly holdId: number; readonly today: LocalDate; readonly accountId?: number },
  ctx: Ctx,
): Promise<Result<SeasonalHoldView, ChangeHoldCode>> {
  const hold = await seasonalHoldForUpdate(tx, input.holdId);
  if (hold === null || (input.accountId !== undefined && hold.accountId !== input.accountId))
    return err('hold_not_found', String(input.holdId));
  if (hold.status === 'cancelled') return err('hold_cancelled', String(input.holdId));
  if (hold.from <= input.today) return err('hold_started', `started ${hold.from}`);
  await cancelHold(tx, hold, input.today, 'cancelled before it started', ctx);
  return finish(
    tx,
    hold,
    'seasonal_hold.cancelled',
    `Seasonal hold ${hold.from} – ${hold.through} cancelled; fee reversed`,
    ctx,
  );
}

/** Cancels the hold's orders, reverses its fee, clears the off window and budget hold. */
async function cancelHold(
  tx: Tx,
  hold: SeasonalHoldView,
  today: LocalDate,
  why: string,
  ctx: Ctx,
): Promise<void> {
  for (const orderId of [...hold.offOrderIds, ...hold.onOrderIds])
    await closeServiceOrder(tx, { orderId, status: 'cancelled' }, ctx);
  if (hold.feeEntryId !== null) {
    const reversed = await reverseEntry(
      tx,
      {
        entryId: hold.feeEntryId,
        reason: `Seasonal hold ${hold.holdId} ${why}`,
        effectiveDate: today,
      },
      ctx,
    );
    if (!reversed.ok && reversed.code !== 'already_reversed') throw new Error(reversed.code);
  }
  await tx.query(
    `UPDATE seasonal_hold SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3
      WHERE id = $1`,
    [hold.holdId, ctx.actor.name, ctx.now],
  );
  await setMeterOffWindow(tx, { meterNumbers: hold.meterNumbers, from: null, through: null }, ctx);
  await clearBudgetHold(tx, { accountId: hold.accountId, from: hold.from }, ctx);
}

/**
 * Ends a started hold early: the customer is back, the services go on `on` (today or later,
 * before the planned date). The turn-on orders move to `on`; the meters' off window, the
 * budget plan's hold and the hold itself end the day before. The trip fee stays.
 */
export async function endSeasonalHoldEarly(
  tx: Tx,
  input: {
    readonly holdId: number;
    readonly on: LocalDate;
    readonly today: LocalDate;
    readonly accountId?: number;
  },
  ctx: Ctx,
): Promise<Result<SeasonalHoldView, ChangeHoldCode>> {
  const hold = await seasonalHoldForUpdate(tx, input.holdId);
  if (hold === null || (input.accountId !== undefined && hold.accountId !== input.accountId))
    return err('hold_not_found', String(input.holdId));
  if (hold.status === 'cancelled') return err('hold_cancelled', String(input.holdId));
  if (hold.from > input.today) return err('hold_not_started', `starts ${hold.from}: cancel it`);
  if (hold.through < input.today) return err('hold_over', `ended ${hold.through}`);
  const lastOff = addDays(input.on, -1);
  if (input.on < input.today || lastOff >= hold.through || lastOff < hold.from)
    return err('hold_end_out_of_range', `between ${input.today} and ${hold.through}`);
  for (const orderId of hold.onOrderIds)
    await rescheduleServiceOrder(tx, { orderId, dueOn: input.on }, ctx);
  await shortenHold(tx, hold, lastOff, ctx);
  return finish(
    tx,
    hold,
    'seasonal_hold.ended_early',
    `Seasonal hold ended early: service back on ${input.on}`,
    ctx,
  );
}

/** The hold, the meters' off window and the budget plan's hold now end on `lastOff`. */
async function shortenHold(
  tx: Tx,
  hold: SeasonalHoldView,
  lastOff: LocalDate,
  ctx: Ctx,
): Promise<void> {
  await tx.query(`UPDATE seasonal_hold SET hold_through = $2 WHERE id = $1`, [
    hold.holdId,
    lastOff,
  ]);
  await setMeterOffWindow(
    tx,
    { meterNumbers: hold.meterNumbers, from: hold.from, through: lastOff },
    ctx,
  );
  const budget = await holdBudgetBilling(
    tx,
    { accountId: hold.accountId, from: hold.from, through: lastOff },
    ctx,
  );
  // Not on budget billing, or a one-day hold the budget plan cannot hold: nothing to move.
  if (!budget.ok && budget.code !== 'budget_not_enrolled' && budget.code !== 'budget_hold_empty')
    await clearBudgetHold(tx, { accountId: hold.accountId, from: hold.from }, ctx);
}

/**
 * A stop of service settles the account's holds on the stopped services that reach past the
 * last day of service (`stopDate`): a hold that would start after it is cancelled (orders
 * cancelled, trip fee reversed: no trip is made); a hold under way ends on the last day — the
 * turn-on orders are cancelled (the service does not come back for this customer) and the
 * off window ends there, so the next customer's reads are checked as usual. The trip fee of
 * a started hold stays. Returns the holds changed.
 */
export async function settleHoldsForStop(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly services: readonly string[];
    readonly stopDate: LocalDate;
    readonly today: LocalDate;
  },
  ctx: Ctx,
): Promise<readonly number[]> {
  const changed: number[] = [];
  for (const listed of await seasonalHoldsOf(tx, input.accountId)) {
    if (listed.status !== 'placed' || listed.through <= input.stopDate) continue;
    if (!listed.services.some((x) => input.services.includes(x))) continue;
    const hold = (await seasonalHoldForUpdate(tx, listed.holdId))!;
    if (hold.from > input.stopDate) {
      await cancelHold(tx, hold, input.today, 'cancelled: service stopped first', ctx);
      await finish(
        tx,
        hold,
        'seasonal_hold.cancelled',
        `Seasonal hold ${hold.from} – ${hold.through} cancelled: service stops ${input.stopDate}; fee reversed`,
        ctx,
      );
    } else {
      for (const orderId of hold.onOrderIds)
        await closeServiceOrder(tx, { orderId, status: 'cancelled' }, ctx);
      await shortenHold(tx, hold, input.stopDate, ctx);
      await finish(
        tx,
        hold,
        'seasonal_hold.ended_by_stop',
        `Seasonal hold ends ${input.stopDate}: service stopped, no turn-on`,
        ctx,
      );
    }
    changed.push(hold.holdId);
  }
  return changed;
}

async function finish(
  tx: Tx,
  before: SeasonalHoldView,
  action: string,
  summary: string,
  ctx: Ctx,
): Promise<Result<SeasonalHoldView, never>> {
  const after = (await seasonalHoldForUpdate(tx, before.holdId))!;
  await recordTimelineEvent(
    tx,
    {
      accountId: before.accountId,
      kind: 'seasonal_hold',
      summary,
      refType: 'seasonal_hold',
      refId: before.holdId,
    },
    ctx,
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'seasonal_hold',
    entityId: before.holdId,
    accountId: before.accountId,
    before,
    after,
  });
  return ok(after);
}
