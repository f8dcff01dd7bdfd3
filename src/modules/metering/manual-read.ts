import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { meterLinks } from '../customers/index.ts';
import { requestReRead } from '../field/index.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import {
  insertSingleRead,
  lockRegister,
  planSingleRead,
  type SingleReadCode,
} from './single-read.ts';
import type { HoldReason } from './validate-read.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type ManualRead = {
  readonly meterNumber: string;
  /** May be left out when the meter has one register. */
  readonly register?: RegisterKind | undefined;
  readonly readDate: LocalDate;
  readonly valueMilli: number;
  /** `field`: read by the crew or an agent; `customer`: reported by the customer. */
  readonly source: 'field' | 'customer';
};

export type ManualReadResult = {
  readonly readId: number;
  readonly status: 'accepted' | 'held';
  readonly holdReason: HoldReason | null;
};

/**
 * One read entered by hand (BIL-1), validated exactly like an imported read
 * (`validateRead`): it is accepted or held for review; out of order or too many dials is
 * refused. Audited `meter_read.entered`.
 */
export async function enterRead(
  tx: Tx,
  input: ManualRead,
  ctx: Ctx,
): Promise<Result<ManualReadResult, SingleReadCode>> {
  const reg = await lockRegister(tx, input.meterNumber, input.register);
  if (!reg.ok) return reg;
  const plan = await planSingleRead(tx, reg.value, input.readDate, input.valueMilli);
  if (!plan.ok) return plan;
  const readId = await insertSingleRead(tx, plan.value, {
    source: input.source,
    kind: 'regular',
    now: ctx.now,
  });
  const [link] = await meterLinks(tx, [
    { meterNumber: input.meterNumber, premiseId: reg.value.premiseId },
  ]);
  const result = { readId, status: plan.value.status, holdReason: plan.value.holdReason };
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'meter_read.entered',
    entityType: 'meter_read',
    entityId: readId,
    accountId: link?.accountId ?? null,
    after: { ...input, ...result },
  });
  return ok(result);
}

/**
 * Asks for a re-read of a meter (field module service order), idempotent per meter.
 * Errors: `meter_not_found`.
 */
export async function requestMeterReRead(
  tx: Tx,
  input: {
    readonly meterNumber: string;
    readonly reason: 're_read' | 'estimate_limit' | 'high_bill' | 'leak_check' | 'held_read';
    readonly note?: string | undefined;
  },
  ctx: Ctx,
): Promise<Result<{ orderId: number; created: boolean }, 'meter_not_found' | 'premise_not_found'>> {
  const m = await tx.query<{ premiseId: number }>(
    'SELECT premise_id AS "premiseId" FROM meter WHERE meter_number = $1',
    [input.meterNumber],
  );
  const meter = m.rows[0];
  if (!meter) return err('meter_not_found', input.meterNumber);
  const [link] = await meterLinks(tx, [
    { meterNumber: input.meterNumber, premiseId: meter.premiseId },
  ]);
  return requestReRead(
    tx,
    {
      premiseId: meter.premiseId,
      meterNumber: input.meterNumber,
      reason: input.reason,
      note: input.note,
      accountId: link?.accountId ?? undefined,
    },
    ctx,
  );
}
