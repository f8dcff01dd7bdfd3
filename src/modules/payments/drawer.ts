import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { countProblem, countTotal, type DenominationCount } from './drawer-count.ts';
import { readDrawer, readDrawers, type DrawerFilter } from './drawer-store.ts';
import type { DrawerView, DrawerViewer, TenderTotals } from './drawer-types.ts';

export type DrawerContext = { readonly actor: Actor; readonly now: Date };
export type DrawerCode =
  | 'invalid'
  | 'drawer_not_found'
  | 'drawer_already_open'
  | 'drawer_not_open'
  | 'drawer_not_closed'
  | 'drawer_self_verification'
  | PostEntryCode;

function staffId(actor: Actor): number | null {
  return actor.kind === 'staff' ? actor.id : null;
}

function badCount(field: string, count: DenominationCount): Result<never, 'invalid'> | null {
  const problem = countProblem(count);
  return problem === null ? null : err('invalid', problem, { [field]: problem });
}

/**
 * Opens the actor's drawer for a business day with a counted float (PAY-2). Codes:
 * `invalid` (a bad count; not a staff user), `drawer_already_open` (one open drawer per
 * cashier). Audited `drawer.opened`.
 */
export async function openDrawer(
  tx: Tx,
  input: { readonly businessDate: LocalDate; readonly floatCount: DenominationCount },
  ctx: DrawerContext,
): Promise<Result<DrawerView, DrawerCode>> {
  const cashierId = staffId(ctx.actor);
  if (cashierId === null) return err('invalid', 'only a staff user opens a drawer');
  const bad = badCount('floatCount', input.floatCount);
  if (bad) return bad;
  const r = await tx.query<{ id: string }>(
    `INSERT INTO cash_drawer (cashier_id, cashier_name, business_date, status, float_count,
       float_cents, opened_at)
     VALUES ($1, $2, $3, 'open', $4, $5, $6)
     ON CONFLICT (cashier_id) WHERE status = 'open' DO NOTHING RETURNING id`,
    [
      cashierId,
      ctx.actor.name,
      input.businessDate,
      JSON.stringify(input.floatCount),
      countTotal(input.floatCount),
      ctx.now,
    ],
  );
  if (!r.rows[0]) return err('drawer_already_open', `${ctx.actor.name} already has an open drawer`);
  const drawerId = Number(r.rows[0].id);
  await audit(tx, ctx, 'drawer.opened', drawerId, { floatCount: input.floatCount });
  return ok((await readDrawer(tx, drawerId))!);
}

/** A drawer the viewer may see: their own, or any for a supervisor (else not found). */
export async function getDrawer(
  q: Queryable,
  drawerId: number,
  viewer: DrawerViewer,
  forUpdate = false,
): Promise<Result<DrawerView, 'drawer_not_found'>> {
  const d = await readDrawer(q, drawerId, forUpdate);
  if (!d || (!viewer.supervisor && d.cashierId !== viewer.userId))
    return err('drawer_not_found', `drawer ${drawerId}`);
  return ok(d);
}

/** Drawers: a cashier's own only; a supervisor's by any filter. */
export function listDrawers(
  q: Queryable,
  filter: DrawerFilter,
  viewer: DrawerViewer,
): Promise<DrawerView[]> {
  return readDrawers(q, viewer.supervisor ? filter : { ...filter, cashierId: viewer.userId });
}

/** The open drawer the actor owns (for taking payments), or a clear code. */
export async function ownOpenDrawer(
  tx: Tx,
  drawerId: number,
  actor: Actor,
): Promise<Result<DrawerView, 'drawer_not_found' | 'drawer_not_open'>> {
  const d = await getDrawer(
    tx,
    drawerId,
    { userId: staffId(actor) ?? -1, supervisor: false },
    true,
  );
  if (!d.ok) return d;
  if (d.value.status !== 'open')
    return err('drawer_not_open', `drawer ${drawerId} is ${d.value.status}: open a new drawer`);
  return d;
}

/** Moves counted cash from the actor's open drawer to the safe (a drop). Audited. */
export async function dropCash(
  tx: Tx,
  input: { readonly drawerId: number; readonly count: DenominationCount },
  ctx: DrawerContext,
): Promise<Result<DrawerView, DrawerCode>> {
  const d = await ownOpenDrawer(tx, input.drawerId, ctx.actor);
  if (!d.ok) return d;
  const bad = badCount('count', input.count);
  if (bad) return bad;
  const amount = countTotal(input.count);
  if (amount <= 0) return err('invalid', 'a drop moves some cash', { count: 'empty' });
  await tx.query(
    `INSERT INTO cash_drawer_drop (drawer_id, amount_cents, count, dropped_at, dropped_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [input.drawerId, amount, JSON.stringify(input.count), ctx.now, ctx.actor.name],
  );
  await audit(tx, ctx, 'drawer.cash_dropped', input.drawerId, { amountCents: amount });
  return ok((await readDrawer(tx, input.drawerId))!);
}

export type CloseDrawerInput = {
  readonly drawerId: number;
  /** The cash left in the drawer, by denomination (the float included). */
  readonly cashCount: DenominationCount;
  /** The checks in the drawer, added up, and the card terminal's batch total. */
  readonly checkCents: Cents;
  readonly cardCents: Cents;
};

/**
 * Closes the actor's open drawer with its count (PAY-2). Expected per tender: cash = float
 * + cash receipts − drops; checks and cards = their receipts. Counted − expected is the
 * over (+) or short (−); a non-zero total is posted as ONE entry (kind `over_short`):
 * short → Dr expense.over_short:general / Cr cash.drawer:general; over → the reverse.
 * Audited `drawer.closed`. Codes: `drawer_not_found`, `drawer_not_open`, `invalid`.
 */
export async function closeDrawer(
  tx: Tx,
  input: CloseDrawerInput,
  ctx: DrawerContext,
): Promise<Result<DrawerView, DrawerCode>> {
  const d = await ownOpenDrawer(tx, input.drawerId, ctx.actor);
  if (!d.ok) return d;
  const bad = badCount('cashCount', input.cashCount);
  if (bad) return bad;
  const v = d.value;
  const expected: TenderTotals = {
    cash: cents(v.floatCents + v.receipts.cash.cents - v.dropsCents),
    check: v.receipts.check.cents,
    card: v.receipts.card.cents,
  };
  const counted: TenderTotals = {
    cash: countTotal(input.cashCount),
    check: input.checkCents,
    card: input.cardCents,
  };
  const overShort = cents(
    counted.cash + counted.check + counted.card - expected.cash - expected.check - expected.card,
  );
  let entryId: number | null = null;
  if (overShort !== 0) {
    const posted = await postOverShort(tx, v, overShort, ctx);
    if (!posted.ok) return posted;
    entryId = posted.value;
  }
  await tx.query(
    `UPDATE cash_drawer SET status = 'closed', closed_at = $2, close_count = $3, expected = $4,
       counted = $5, over_short_cents = $6, over_short_entry_id = $7 WHERE id = $1`,
    [
      v.drawerId,
      ctx.now,
      JSON.stringify(input.cashCount),
      JSON.stringify(expected),
      JSON.stringify(counted),
      overShort,
      entryId,
    ],
  );
  await audit(tx, ctx, 'drawer.closed', v.drawerId, { expected, counted, overShort });
  return ok((await readDrawer(tx, v.drawerId))!);
}

async function postOverShort(
  tx: Tx,
  d: DrawerView,
  overShort: Cents,
  ctx: DrawerContext,
): Promise<Result<number, PostEntryCode>> {
  const amount = cents(Math.abs(overShort));
  const drawer = 'cash.drawer:general';
  const expense = 'expense.over_short:general';
  const posted = await postEntry(
    tx,
    {
      kind: 'over_short',
      sourceRef: `drawer:${d.drawerId}:over_short`,
      effectiveDate: d.businessDate,
      memo: `drawer ${d.drawerId} (${d.cashierName}) ${overShort > 0 ? 'over' : 'short'}`,
      lines:
        overShort > 0
          ? [
              { glAccount: drawer, debitCents: amount },
              { glAccount: expense, creditCents: amount },
            ]
          : [
              { glAccount: expense, debitCents: amount },
              { glAccount: drawer, creditCents: amount },
            ],
    },
    ctx,
  );
  return posted.ok ? ok(posted.value.entryId) : posted;
}

/**
 * A supervisor verifies a closed drawer (not their own). Codes: `drawer_not_found`,
 * `drawer_not_closed`, `drawer_self_verification`. Audited `drawer.verified`.
 */
export async function verifyDrawer(
  tx: Tx,
  drawerId: number,
  ctx: DrawerContext,
): Promise<Result<DrawerView, DrawerCode>> {
  const d = await getDrawer(tx, drawerId, { userId: -1, supervisor: true }, true);
  if (!d.ok) return d;
  if (d.value.status !== 'closed')
    return err('drawer_not_closed', `drawer ${drawerId} is ${d.value.status}`);
  if (d.value.cashierId === staffId(ctx.actor))
    return err('drawer_self_verification', 'another supervisor verifies your own drawer');
  await tx.query(
    `UPDATE cash_drawer SET status = 'verified', verified_at = $2, verified_by = $3 WHERE id = $1`,
    [drawerId, ctx.now, ctx.actor.name],
  );
  await audit(tx, ctx, 'drawer.verified', drawerId, { overShortCents: d.value.overShortCents });
  return ok((await readDrawer(tx, drawerId))!);
}

function audit(tx: Tx, ctx: DrawerContext, action: string, id: number, after: unknown) {
  return recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action,
    entityType: 'cash_drawer',
    entityId: id,
    after,
  });
}
