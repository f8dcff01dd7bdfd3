import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { meterLinks } from '../customers/index.ts';
import { requestReRead } from '../field/index.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import type { RegisterRow } from './register-state.ts';
import {
  insertSingleRead,
  lockRegister,
  planSingleRead,
  type SingleReadCode,
} from './single-read.ts';
import { parseReading } from './validate-read.ts';

/**
 * The held-read review (BIL-1): a reviewer releases, rejects or replaces a held read. Reads
 * are append-only, so a decision is a `read_review` row; a release or a replacement also
 * inserts a new read that validation and billing count (README "Held-read review").
 */

type Ctx = { readonly actor: Actor; readonly now: Date };

export type ReviewCode =
  | 'read_not_found'
  | 'read_not_held'
  | 'read_already_reviewed'
  | 'premise_not_found'
  | SingleReadCode;

export type HeldRead = {
  id: number;
  premiseId: number;
  meterNumber: string;
  register: RegisterKind;
  readDate: LocalDate;
  value: string;
  status: string;
  holdReason: string | null;
  source: 'import' | 'field' | 'estimate' | 'customer';
  kind: 'regular' | 'initial' | 'final';
  decision: string | null;
};

/** The held read with its register (locked); refuses a read that is not open for review. */
async function openHeldRead(
  tx: Tx,
  readId: number,
): Promise<Result<{ read: HeldRead; reg: RegisterRow }, ReviewCode>> {
  const r = await tx.query<HeldRead>(
    `SELECT mr.id, mr.premise_id AS "premiseId", m.meter_number AS "meterNumber",
            rg.kind AS register, mr.read_date AS "readDate", mr.value::text AS value, mr.status,
            mr.hold_reason AS "holdReason", mr.source, mr.kind, rv.decision
       FROM meter_read mr JOIN register rg ON rg.id = mr.register_id
       JOIN meter m ON m.id = rg.meter_id
       LEFT JOIN read_review rv ON rv.read_id = mr.id
      WHERE mr.id = $1`,
    [readId],
  );
  const read = r.rows[0];
  if (!read) return err('read_not_found', String(readId));
  if (read.status !== 'held') return err('read_not_held', String(readId));
  if (read.decision !== null) return err('read_already_reviewed', `${readId} ${read.decision}`);
  const reg = await lockRegister(tx, read.meterNumber, read.register);
  if (!reg.ok) return reg;
  return ok({ read, reg: reg.value });
}

/** Records the one decision on a held read (audited `meter_read.<decision>`). */
export async function recordDecision(
  tx: Tx,
  read: HeldRead,
  d: {
    decision: 'released' | 'rejected' | 'replaced';
    reason: string | null;
    replacementReadId: number | null;
    reReadOrderId: number | null;
  },
  ctx: Ctx,
): Promise<Result<{ reviewId: number }, ReviewCode>> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO read_review (read_id, premise_id, decision, reason, replacement_read_id,
       re_read_order_id, decided_by, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (read_id) DO NOTHING RETURNING id`,
    [
      read.id,
      read.premiseId,
      d.decision,
      d.reason,
      d.replacementReadId,
      d.reReadOrderId,
      ctx.actor.name,
      ctx.now,
    ],
  );
  if (!r.rows[0]) return err('read_already_reviewed', String(read.id));
  const [link] = await meterLinks(tx, [read]);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: `meter_read.${d.decision}`,
    entityType: 'meter_read',
    entityId: read.id,
    accountId: link?.accountId ?? null,
    before: { status: 'held', holdReason: read.holdReason, value: read.value },
    after: d,
  });
  return ok({ reviewId: r.rows[0].id });
}

/**
 * Releases a held read: it counts as accepted from now on. A new accepted read with the same
 * date, value and source is inserted, its usage measured from the register's latest accepted
 * read as it is now (a read accepted meanwhile is not counted twice); a read accepted after
 * this one's date makes it `read_out_of_order`. A `negative_usage` read released becomes the
 * register's new baseline (no usage).
 */
export async function releaseRead(
  tx: Tx,
  input: { readonly readId: number; readonly reason?: string | undefined },
  ctx: Ctx,
): Promise<Result<{ readId: number; acceptedReadId: number }, ReviewCode>> {
  const held = await openHeldRead(tx, input.readId);
  if (!held.ok) return held;
  const { read, reg } = held.value;
  const plan = await planSingleRead(tx, reg, read.readDate, parseReading(read.value)!, true);
  if (!plan.ok) return plan;
  const planned =
    read.holdReason === 'negative_usage' ? { ...plan.value, deltaMilli: null } : plan.value;
  const acceptedReadId = await insertSingleRead(tx, planned, { ...read, now: ctx.now });
  const d = await recordDecision(
    tx,
    read,
    {
      decision: 'released',
      reason: input.reason ?? null,
      replacementReadId: acceptedReadId,
      reReadOrderId: null,
    },
    ctx,
  );
  if (!d.ok) return d;
  return ok({ readId: read.id, acceptedReadId });
}

/** Rejects a held read (it is never counted); optionally asks the field crew for a re-read. */
export async function rejectRead(
  tx: Tx,
  input: {
    readonly readId: number;
    readonly reason: string;
    readonly requestReRead?: boolean | undefined;
  },
  ctx: Ctx,
): Promise<Result<{ readId: number; reReadOrderId: number | null }, ReviewCode>> {
  const held = await openHeldRead(tx, input.readId);
  if (!held.ok) return held;
  const { read } = held.value;
  let reReadOrderId: number | null = null;
  if (input.requestReRead === true) {
    const [link] = await meterLinks(tx, [read]);
    const order = await requestReRead(
      tx,
      {
        premiseId: read.premiseId,
        meterNumber: read.meterNumber,
        reason: 'held_read',
        note: `read ${read.id} of ${read.readDate} rejected: ${input.reason}`,
        accountId: link?.accountId ?? undefined,
      },
      ctx,
    );
    if (!order.ok) return order;
    reReadOrderId = order.value.orderId;
  }
  const d = await recordDecision(
    tx,
    read,
    { decision: 'rejected', reason: input.reason, replacementReadId: null, reReadOrderId },
    ctx,
  );
  if (!d.ok) return d;
  return ok({ readId: read.id, reReadOrderId });
}

/**
 * Replaces a held read with a corrected value (on the held read's date unless another is
 * given). The corrected read is validated like any read: it may be held again (then it is
 * in the queue in its turn). Errors: as the review, plus the read validation codes.
 */
export async function replaceRead(
  tx: Tx,
  input: {
    readonly readId: number;
    readonly valueMilli: number;
    readonly readDate?: LocalDate | undefined;
    readonly reason?: string | undefined;
  },
  ctx: Ctx,
): Promise<
  Result<{ readId: number; replacementReadId: number; status: 'accepted' | 'held' }, ReviewCode>
> {
  const held = await openHeldRead(tx, input.readId);
  if (!held.ok) return held;
  const { read, reg } = held.value;
  const plan = await planSingleRead(tx, reg, input.readDate ?? read.readDate, input.valueMilli);
  if (!plan.ok) return plan;
  const replacementReadId = await insertSingleRead(tx, plan.value, {
    source: 'field',
    kind: read.kind,
    now: ctx.now,
  });
  const d = await recordDecision(
    tx,
    read,
    { decision: 'replaced', reason: input.reason ?? null, replacementReadId, reReadOrderId: null },
    ctx,
  );
  if (!d.ok) return d;
  return ok({ readId: read.id, replacementReadId, status: plan.value.status });
}
