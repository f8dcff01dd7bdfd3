import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { closeServiceOrder, lockOpenOrder, type ServiceOrderKind } from '../field/index.ts';
import type { PlannedRead } from './import-reads.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import { reReadConfirms } from './re-read-check.ts';
import { recordDecision, type HeldRead, type ReviewCode } from './read-review.ts';
import type { RegisterRow } from './register-state.ts';
import { insertSingleRead, lockRegister, planSingleRead } from './single-read.ts';
import { formatMilli, parseReading, type HoldReason } from './validate-read.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type ReReadCode =
  | ReviewCode
  | 'service_order_not_found'
  | 'service_order_closed'
  | 'order_takes_no_reading'
  | 'duplicate_register';

export type ReReadInput = {
  readonly orderId: number;
  readonly readDate: LocalDate;
  /** One reading per register read (the register may be left out on a one-register meter). */
  readonly readings: readonly {
    readonly register?: RegisterKind | undefined;
    readonly valueMilli: number;
  }[];
  readonly note?: string | undefined;
};

export type ReReadOutcome = {
  readonly register: string;
  /** The read that now stands for the re-read: the field read, or on the held read's own
   * date the held read's accepted copy. */
  readonly readId: number;
  readonly status: 'accepted' | 'held';
  readonly holdReason: HoldReason | null;
  /** A usage hold the field read would have had, waived because the crew read the meter. */
  readonly verifiedHold: HoldReason | null;
  /** What the re-read decided for the register's held reads (released when it confirmed one,
   * replaced when it corrected it, rejected for older ones it superseded). */
  readonly heldReads: readonly {
    readonly readId: number;
    readonly decision: 'released' | 'replaced' | 'rejected';
  }[];
};

/**
 * Completes an order that reads a meter (`readingKinds`) with what the crew read (BIL-1,
 * FLD), in the caller's transaction (the order and each register locked). A turn-on,
 * turn-off or move read enters each reading as a `field` read, validated like any read. A
 * re-read's reading also decides the register's held reads it was sent to check:
 *
 * - the latest held read the re-read confirms (`reReadConfirms`) is released, counting from
 *   its own date, and the field read follows it; held reads older than it are rejected as
 *   superseded;
 * - otherwise the field read corrects them: each held read is `replaced` by it.
 *
 * The crew's read is the verification a usage hold asks for, so a high, low or zero usage
 * hold on the field read itself is waived (`verifiedHold`); a backwards read stays held for
 * a person. The order is completed with a result naming the reads. Refusals write nothing:
 * `service_order_not_found`, `service_order_closed`, `order_takes_no_reading`,
 * `duplicate_register`, and the read codes of `enterRead`.
 */
export async function completeReRead(
  tx: Tx,
  input: ReReadInput,
  ctx: Ctx,
): Promise<Result<{ orderId: number; reads: readonly ReReadOutcome[] }, ReReadCode>> {
  const order = await lockOpenOrder(tx, input.orderId);
  if (!order.ok) return order;
  const meterNumber = order.value.meterNumber;
  if (!readingKinds.has(order.value.kind) || meterNumber === null)
    return err('order_takes_no_reading', `order ${input.orderId} is ${order.value.kind}`);
  const seen = new Set<string>();
  const regs: { reg: RegisterRow; valueMilli: number }[] = [];
  for (const reading of input.readings) {
    const reg = await lockRegister(tx, meterNumber, reading.register);
    if (!reg.ok) return reg;
    if (seen.has(reg.value.kind)) return err('duplicate_register', reg.value.kind);
    seen.add(reg.value.kind);
    regs.push({ reg: reg.value, valueMilli: reading.valueMilli });
  }
  const reads: ReReadOutcome[] = [];
  for (const { reg, valueMilli } of regs) {
    const r = await recordReReading(
      tx,
      reg,
      { readDate: input.readDate, valueMilli },
      order.value,
      ctx,
    );
    if (!r.ok) return r;
    reads.push(r.value);
  }
  const result = [
    ...reads.map((r) => {
      const value = readingText(regs.find((x) => x.reg.kind === r.register)!.valueMilli);
      const held = r.heldReads.map((h) => `held read ${h.readId} ${resultWords[h.decision]}`);
      const hold = r.status === 'held' ? `, held (${r.holdReason})` : '';
      return `${r.register} ${value} on ${input.readDate}${hold}${held.length ? `: ${held.join(', ')}` : ''}`;
    }),
    ...(input.note ? [input.note] : []),
  ].join('; ');
  const closed = await closeServiceOrder(
    tx,
    { orderId: input.orderId, status: 'completed', result },
    ctx,
  );
  if (!closed.ok) return closed;
  return ok({ orderId: input.orderId, reads });
}

/** The orders that read a meter: re-reads, and the turn-on, turn-off and move reads of a
 * start, stop or transfer of service. */
export const readingKinds: ReadonlySet<ServiceOrderKind> = new Set([
  're_read',
  'turn_on',
  'turn_off',
  'move_read',
]);

/** How the order's result names each decision on a held read. */
const resultWords = {
  released: 'confirmed',
  replaced: 'corrected',
  rejected: 'superseded',
} as const;

type HeldRow = HeldRead & { delta: string | null; days: number | null };
type Standing = { readId: number; plan: PlannedRead; verifiedHold: HoldReason | null };
type Decision = {
  read: HeldRead;
  decision: 'released' | 'replaced' | 'rejected';
  reason: string;
  replacementReadId: number | null;
};
type Reading = { readonly readDate: LocalDate; readonly valueMilli: number };

/** The register's held reads still waiting for a decision up to `through`, oldest first, and
 * the date of its latest accepted read. */
async function heldState(
  tx: Tx,
  reg: RegisterRow,
  through: LocalDate,
): Promise<{ held: HeldRow[]; lastAccepted: LocalDate | null }> {
  const h = await tx.query<HeldRow>(
    `SELECT mr.id, mr.premise_id AS "premiseId", $3::text AS "meterNumber",
            $4::text AS register, mr.read_date AS "readDate", mr.value::text AS value,
            mr.status, mr.hold_reason AS "holdReason", mr.source, mr.kind, NULL AS decision,
            mr.delta::text AS delta, mr.usage_days AS days
       FROM meter_read mr
      WHERE mr.register_id = $1 AND mr.status = 'held' AND mr.read_date <= $2
        AND NOT EXISTS (SELECT 1 FROM read_review rv WHERE rv.read_id = mr.id)
      ORDER BY mr.read_date, mr.id`,
    [reg.registerId, through, reg.meterNumber, reg.kind],
  );
  const last = await tx.query<{ d: LocalDate | null }>(
    `SELECT max(read_date) AS d FROM meter_read WHERE register_id = $1 AND status = 'accepted'`,
    [reg.registerId],
  );
  return { held: h.rows, lastAccepted: last.rows[0]?.d ?? null };
}

/** The held read the re-read confirms, if any: the latest one, when no accepted read came
 * after it (its use would be inside that read's) and `reReadConfirms` says so. */
function confirmedHeld(
  held: readonly HeldRow[],
  lastAccepted: LocalDate | null,
  reading: Reading,
  dials: number,
): HeldRow | undefined {
  const latest = held.at(-1);
  if (latest === undefined || (lastAccepted !== null && lastAccepted >= latest.readDate))
    return undefined;
  const confirms = reReadConfirms(
    {
      holdReason: latest.holdReason as HoldReason | null,
      readDate: latest.readDate,
      valueMilli: parseReading(latest.value)!,
      deltaMilli: latest.delta === null ? null : (parseReading(latest.delta) ?? null),
      days: latest.days,
    },
    reading,
    dials,
  );
  return confirms ? latest : undefined;
}

async function recordReReading(
  tx: Tx,
  reg: RegisterRow,
  reading: Reading,
  order: { readonly id: number; readonly accountId: number | null; readonly kind: string },
  ctx: Ctx,
): Promise<Result<ReReadOutcome, ReReadCode>> {
  const reRead = order.kind === 're_read';
  const { held, lastAccepted } = reRead
    ? await heldState(tx, reg, reading.readDate)
    : { held: [], lastAccepted: null };
  const confirmed = confirmedHeld(held, lastAccepted, reading, reg.dials);
  const done = confirmed
    ? await confirm(tx, reg, held, confirmed, reading, order.id, ctx)
    : reRead
      ? await correct(tx, reg, held, lastAccepted, reading, order.id, ctx)
      : await plainRead(tx, reg, reading, ctx);
  if (!done.ok) return done;
  const { standing, decisions } = done.value;
  for (const d of decisions) {
    const { read, ...decision } = d;
    const r = await recordDecision(tx, read, { ...decision, reReadOrderId: order.id }, ctx);
    if (!r.ok) return r;
  }
  const outcome: ReReadOutcome = {
    register: reg.kind,
    readId: standing.readId,
    status: standing.plan.status,
    holdReason: standing.plan.holdReason,
    verifiedHold: standing.verifiedHold,
    heldReads: decisions.map((d) => ({ readId: d.read.id, decision: d.decision })),
  };
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: reRead ? 'meter_read.re_read' : 'meter_read.order_read',
    entityType: 'meter_read',
    entityId: standing.readId,
    accountId: order.accountId,
    after: {
      orderId: order.id,
      meterNumber: reg.meterNumber,
      readDate: reading.readDate,
      value: formatMilli(reading.valueMilli),
      ...outcome,
    },
  });
  return ok(outcome);
}

type Done = Result<{ standing: Standing; decisions: Decision[] }, ReReadCode>;

/** The held read was real: it counts from its own date, then the crew's read after it; held
 * reads older than it are superseded. */
async function confirm(
  tx: Tx,
  reg: RegisterRow,
  held: readonly HeldRow[],
  latest: HeldRow,
  reading: Reading,
  orderId: number,
  ctx: Ctx,
): Promise<Done> {
  const decisions: Decision[] = held.slice(0, -1).map((read) => ({
    read,
    decision: 'rejected',
    reason: `superseded by re-read order ${orderId}`,
    replacementReadId: null,
  }));
  const value = parseReading(latest.value)!;
  const release = await planSingleRead(tx, reg, latest.readDate, value, true);
  if (!release.ok) return release;
  const releasedId = await insertSingleRead(tx, release.value, { ...latest, now: ctx.now });
  decisions.push({
    read: latest,
    decision: 'released',
    reason: `confirmed by re-read order ${orderId}`,
    replacementReadId: releasedId,
  });
  let standing: Standing = { readId: releasedId, plan: release.value, verifiedHold: null };
  if (reading.readDate > latest.readDate) {
    const field = await fieldRead(tx, reg, reading, ctx);
    if (!field.ok) return field;
    standing = field.value;
  }
  return ok({ standing, decisions });
}

/** The crew's read corrects the held reads: each is replaced by it, or superseded when an
 * accepted read came after it. */
async function correct(
  tx: Tx,
  reg: RegisterRow,
  held: readonly HeldRow[],
  lastAccepted: LocalDate | null,
  reading: Reading,
  orderId: number,
  ctx: Ctx,
): Promise<Done> {
  const field = await fieldRead(tx, reg, reading, ctx);
  if (!field.ok) return field;
  const decisions = held.map((read): Decision =>
    lastAccepted !== null && read.readDate < lastAccepted
      ? {
          read,
          decision: 'rejected',
          reason: `superseded by a later accepted read (re-read order ${orderId})`,
          replacementReadId: null,
        }
      : {
          read,
          decision: 'replaced',
          reason: `corrected by re-read order ${orderId}`,
          replacementReadId: field.value.readId,
        },
  );
  return ok({ standing: field.value, decisions });
}

/** A turn-on, turn-off or move read: a field read validated like any other, nothing waived. */
async function plainRead(tx: Tx, reg: RegisterRow, reading: Reading, ctx: Ctx): Promise<Done> {
  const field = await fieldRead(tx, reg, reading, ctx, false);
  if (!field.ok) return field;
  return ok({ standing: field.value, decisions: [] });
}

/** The crew's read, validated like any read; on a re-read a usage hold is waived (the crew
 * verified it). */
async function fieldRead(
  tx: Tx,
  reg: RegisterRow,
  reading: Reading,
  ctx: Ctx,
  verifies = true,
): Promise<Result<Standing, ReReadCode>> {
  const plan = await planSingleRead(tx, reg, reading.readDate, reading.valueMilli);
  if (!plan.ok) return plan;
  const waive =
    verifies && plan.value.status === 'held' && plan.value.holdReason !== 'negative_usage';
  const planned: PlannedRead = waive
    ? { ...plan.value, status: 'accepted', holdReason: null }
    : plan.value;
  const readId = await insertSingleRead(tx, planned, {
    source: 'field',
    kind: 'regular',
    now: ctx.now,
  });
  return ok({ readId, plan: planned, verifiedHold: waive ? plan.value.holdReason : null });
}

/** A reading as the crew wrote it: 26500, 227.6 (no trailing zeros). */
function readingText(milli: number): string {
  return formatMilli(milli).replace(/\.?0+$/, '');
}
