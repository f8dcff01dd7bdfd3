import { addDays, type LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import {
  activeAgreementsOf,
  type ActiveAgreement,
  lockAccount,
  metersOfAccount,
  recordTimelineEvent,
} from '../customers/index.ts';
import { createServiceOrder } from '../field/index.ts';
import { postEntry } from '../ledger/index.ts';
import { setMeterOffWindow } from '../metering/index.ts';
import { feeAsOf, feeCodes, type Fee } from '../rates/index.ts';
import { holdBudgetBilling } from './budget-billing.ts';
import { checkHoldLength, type HoldLengthCode } from './seasonal-hold-days.ts';
import {
  seasonalHoldForUpdate,
  seasonalHoldPolicy,
  seasonalHoldsOf,
  type SeasonalHoldView,
} from './seasonal-hold-store.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type HoldService = 'electric' | 'gas' | 'water';

export type PlaceHoldCode =
  | HoldLengthCode
  | 'account_not_found'
  | 'account_not_active'
  | 'hold_service_not_active'
  | 'hold_overlaps'
  | 'fee_not_found'
  | 'fee_posting_failed'
  | 'budget_hold_too_long'
  | 'premise_not_found';

/**
 * Places a seasonal hold (BIL-9 "furlough", demo-city-facts §9.5) on an active account:
 * the chosen metered services (electric, gas; water if asked) are turned off on `from` and
 * back on the day after `through`. In one transaction: the hold row, a `turn_off` and a
 * `turn_on` field order per meter, the meters' off window (metering: a zero read is then
 * expected), the trip fee per service (`seasonal_hold` fee, one journal entry), the budget
 * plan's hold when the account is on budget billing, a timeline event and an audit row.
 * The account stays open, the deposit stays, there is no final bill; the bill run then
 * bills electric and gas only for the days they were on (water, wastewater, solid waste and
 * the environmental fee continue).
 */
export async function placeSeasonalHold(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly from: LocalDate;
    readonly through: LocalDate;
    readonly services: readonly HoldService[];
    readonly reason?: string | null | undefined;
    readonly today: LocalDate;
  },
  ctx: Ctx,
): Promise<Result<SeasonalHoldView, PlaceHoldCode>> {
  const account = await lockAccount(tx, input.accountId);
  if (!account.ok) return err('account_not_found', String(input.accountId));
  if (account.value.status !== 'active') return err('account_not_active', account.value.status);
  const checked = await checkHoldRequest(tx, input);
  if (!checked.ok) return checked;
  const { services, held } = checked.value;
  const fee = await feeAsOf(tx, feeCodes.seasonalHold, input.today);
  if (!fee.ok) return fee;
  const premiseId = await premiseOf(tx, input.accountId, held[0]!.meterNumber!);
  if (premiseId === null) return err('premise_not_found', held[0]!.meterNumber!);
  const meterNumbers = held.map((a) => a.meterNumber!);
  const reason = input.reason?.trim() || null;
  const orders = await openHoldOrders(tx, { ...input, premiseId, held }, ctx);
  if (!orders.ok) return orders;
  const { offOrderIds, onOrderIds } = orders.value;
  const holdId = await insertHold(
    tx,
    {
      ...input,
      premiseId,
      services,
      meterNumbers,
      offOrderIds,
      onOrderIds,
      reason,
    },
    ctx,
  );
  const feeCents = cents(fee.value.amountCents * services.length);
  const posted = await postHoldFee(
    tx,
    { holdId, accountId: input.accountId, accountNo: account.value.accountNo, services },
    { fee: fee.value, feeCents, today: input.today },
    ctx,
  );
  if (!posted.ok) return posted;
  await setMeterOffWindow(tx, { meterNumbers, from: input.from, through: input.through }, ctx);
  const budget = await holdBudgetBilling(
    tx,
    { accountId: input.accountId, from: input.from, through: input.through },
    ctx,
  );
  if (!budget.ok && budget.code === 'budget_hold_too_long') return err(budget.code, budget.detail);
  // The trip fee is on the timeline as its own ledger entry.
  const summary = `Seasonal hold ${input.from} – ${input.through}: ${services.join(', ')} off`;
  return ok(await recordPlaced(tx, { holdId, accountId: input.accountId, summary }, ctx));
}

/** The placed hold's timeline event and audit row; returns the hold as stored. */
async function recordPlaced(
  tx: Tx,
  h: { readonly holdId: number; readonly accountId: number; readonly summary: string },
  ctx: Ctx,
): Promise<SeasonalHoldView> {
  await recordTimelineEvent(
    tx,
    {
      accountId: h.accountId,
      kind: 'seasonal_hold',
      summary: h.summary,
      refType: 'seasonal_hold',
      refId: h.holdId,
    },
    ctx,
  );
  const hold = (await seasonalHoldForUpdate(tx, h.holdId))!;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'seasonal_hold.placed',
    entityType: 'seasonal_hold',
    entityId: h.holdId,
    accountId: h.accountId,
    after: hold,
  });
  return hold;
}

async function insertHold(
  tx: Tx,
  h: {
    readonly accountId: number;
    readonly premiseId: number;
    readonly from: LocalDate;
    readonly through: LocalDate;
    readonly services: readonly string[];
    readonly meterNumbers: readonly string[];
    readonly offOrderIds: readonly number[];
    readonly onOrderIds: readonly number[];
    readonly reason: string | null;
  },
  ctx: Ctx,
): Promise<number> {
  const inserted = await tx.query<{ id: number }>(
    `INSERT INTO seasonal_hold (account_id, premise_id, status, hold_from, hold_through,
       services, meter_numbers, off_order_ids, on_order_ids, reason, created_by, created_at)
     VALUES ($1, $2, 'placed', $3, $4, $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9,
       $10, $11) RETURNING id::int AS id`,
    [
      h.accountId,
      h.premiseId,
      h.from,
      h.through,
      h.services,
      h.meterNumbers,
      h.offOrderIds,
      h.onOrderIds,
      h.reason,
      ctx.actor.name,
      ctx.now,
    ],
  );
  return inserted.rows[0]!.id;
}

/** The hold's rules: length (policy), services active and metered, no overlap. */
async function checkHoldRequest(
  tx: Tx,
  input: {
    readonly accountId: number;
    readonly from: LocalDate;
    readonly through: LocalDate;
    readonly services: readonly HoldService[];
    readonly today: LocalDate;
  },
): Promise<
  Result<
    { services: HoldService[]; held: ActiveAgreement[] },
    HoldLengthCode | 'hold_service_not_active' | 'hold_overlaps'
  >
> {
  const length = checkHoldLength(
    input.from,
    input.through,
    input.today,
    await seasonalHoldPolicy(tx),
  );
  if (length !== null) return err(length, `${input.from} through ${input.through}`);
  const services = [...new Set(input.services)].sort();
  const agreements = await activeAgreementsOf(tx, [input.accountId]);
  const held = agreements.filter(
    (a) => services.includes(a.service as HoldService) && a.meterNumber !== null,
  );
  const missing = services.filter((s) => !held.some((a) => a.service === s));
  if (missing.length > 0) return err('hold_service_not_active', missing.join(', '));
  const overlap = (await seasonalHoldsOf(tx, input.accountId)).find(
    (h) => h.status === 'placed' && h.from <= input.through && input.from <= h.through,
  );
  if (overlap)
    return err('hold_overlaps', `hold ${overlap.holdId}: ${overlap.from} – ${overlap.through}`);
  return ok({ services, held });
}

/** A `turn_off` (due `from`) and a `turn_on` (due the day after `through`) order per meter. */
async function openHoldOrders(
  tx: Tx,
  h: {
    readonly accountId: number;
    readonly premiseId: number;
    readonly from: LocalDate;
    readonly through: LocalDate;
    readonly held: readonly ActiveAgreement[];
  },
  ctx: Ctx,
): Promise<Result<{ offOrderIds: number[]; onOrderIds: number[] }, 'premise_not_found'>> {
  const offOrderIds: number[] = [];
  const onOrderIds: number[] = [];
  const note = `Seasonal hold ${h.from} – ${h.through}`;
  for (const a of h.held) {
    const base = {
      premiseId: h.premiseId,
      accountId: h.accountId,
      meterNumber: a.meterNumber,
      note,
    };
    const off = await createServiceOrder(
      tx,
      {
        ...base,
        kind: 'turn_off',
        reason: `Seasonal hold: turn off and lock ${a.service}`,
        dueOn: h.from,
      },
      ctx,
    );
    if (!off.ok) return off;
    const on = await createServiceOrder(
      tx,
      {
        ...base,
        kind: 'turn_on',
        reason: `Seasonal hold: turn ${a.service} back on`,
        dueOn: addDays(h.through, 1),
      },
      ctx,
    );
    if (!on.ok) return on;
    offOrderIds.push(off.value.orderId);
    onOrderIds.push(on.value.orderId);
  }
  return ok({ offOrderIds, onOrderIds });
}

/** The trip fee (one journal entry, source `seasonal-hold:<id>`), linked to the hold. */
async function postHoldFee(
  tx: Tx,
  h: {
    readonly holdId: number;
    readonly accountId: number;
    readonly accountNo: string;
    readonly services: readonly string[];
  },
  f: { readonly fee: Fee; readonly feeCents: Cents; readonly today: LocalDate },
  ctx: Ctx,
): Promise<Result<null, 'fee_posting_failed'>> {
  if (f.feeCents <= 0) return ok(null);
  const memo = `${f.fee.description}: ${h.services.join(', ')}`;
  const posted = await postEntry(
    tx,
    {
      kind: 'fee',
      sourceRef: `seasonal-hold:${h.holdId}`,
      effectiveDate: f.today,
      memo: `${memo}, account ${h.accountNo}`,
      lines: [
        {
          glAccount: `receivable:${f.fee.fund}`,
          debitCents: f.feeCents,
          accountId: h.accountId,
          memo,
        },
        { glAccount: f.fee.glRevenue, creditCents: f.feeCents, memo },
      ],
    },
    ctx,
  );
  if (!posted.ok) return err('fee_posting_failed', `${posted.code}: ${posted.detail ?? ''}`);
  await tx.query(`UPDATE seasonal_hold SET fee_entry_id = $2 WHERE id = $1`, [
    h.holdId,
    posted.value.entryId,
  ]);
  return ok(null);
}

/** The premise of the account's meter (customers' `metersOfAccount`). */
async function premiseOf(tx: Tx, accountId: number, meterNumber: string): Promise<number | null> {
  const meters = await metersOfAccount(tx, accountId);
  if (!meters.ok) return null;
  return meters.value.find((m) => m.meterNumber === meterNumber)?.premiseId ?? null;
}
