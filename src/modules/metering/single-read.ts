import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { metersWithoutService } from '../customers/index.ts';
import type { PlannedRead } from './import-reads.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import { loadReadContexts, loadRegisters, type RegisterRow } from './register-state.ts';
import { formatMilli, validateRead } from './validate-read.ts';

/**
 * One read at a time (manual entry, held-read review): find the register, lock it so two
 * reviewers cannot both chain onto the same previous read, validate against the register's
 * latest accepted read, insert and return the new read's id.
 */

export type SingleReadCode =
  | 'meter_not_found'
  | 'register_required'
  | 'unknown_register'
  | 'read_outside_meter_dates'
  | 'read_out_of_order'
  | 'reading_exceeds_dials';

/** The meter's register of `kind` (or its only register), locked for the transaction. */
export async function lockRegister(
  tx: Tx,
  meterNumber: string,
  kind: RegisterKind | undefined,
): Promise<Result<RegisterRow, SingleReadCode>> {
  const regs = await loadRegisters(tx, [meterNumber]);
  if (regs.length === 0) return err('meter_not_found', meterNumber);
  let reg: RegisterRow | undefined;
  if (kind === undefined) {
    if (regs.length > 1) return err('register_required', meterNumber);
    reg = regs[0];
  } else reg = regs.find((r) => r.kind === kind);
  if (!reg) return err('unknown_register', `${meterNumber} ${kind}`);
  await tx.query('SELECT id FROM register WHERE id = $1 FOR UPDATE', [reg.registerId]);
  return ok(reg);
}

/**
 * Validates one read against the register's current state. `force` accepts what validation
 * would hold (a reviewer released it); errors (out of order, too many dials) still refuse.
 */
export async function planSingleRead(
  tx: Tx,
  reg: RegisterRow,
  readDate: LocalDate,
  valueMilli: number,
  force = false,
): Promise<Result<PlannedRead, SingleReadCode>> {
  if (readDate < reg.installedOn || (reg.removedOn !== null && readDate > reg.removedOn))
    return err('read_outside_meter_dates', `${reg.meterNumber} ${readDate}`);
  const contexts = await loadReadContexts(tx, [reg], readDate);
  let v = validateRead(contexts.get(reg.registerId)!, readDate, valueMilli);
  if (v.kind === 'error') return err(v.code, `${reg.meterNumber} ${readDate}`);
  // Zero use on a vacant premise's meter is expected (as in the import: plan-reads.ts).
  if (v.holdReason === 'zero_usage' && (await metersWithoutService(tx, [reg.meterNumber])).size)
    v = validateRead(
      { ...contexts.get(reg.registerId)!, meterInstalled: false },
      readDate,
      valueMilli,
    );
  if (v.kind === 'error') return err(v.code, `${reg.meterNumber} ${readDate}`);
  const held = v.status === 'held' && !force;
  return ok({
    registerId: reg.registerId,
    readDate,
    valueMilli,
    deltaMilli: v.deltaMilli,
    days: v.days,
    status: held ? 'held' : 'accepted',
    holdReason: held ? v.holdReason : null,
  });
}

/** Inserts one planned read and returns its id (usage = delta × multiplier, as the importer). */
export async function insertSingleRead(
  tx: Tx,
  r: PlannedRead,
  o: {
    readonly source: 'import' | 'field' | 'estimate' | 'customer';
    readonly kind: 'regular' | 'initial' | 'final';
    readonly now: Date;
  },
): Promise<number> {
  const res = await tx.query<{ id: number }>(
    `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days, usage,
       source, kind, status, hold_reason, created_at)
     SELECT r.id, r.premise_id, $2, $3::numeric, $4::numeric, $5, $4::numeric * r.multiplier,
            $6, $7, $8, $9, $10
       FROM register r WHERE r.id = $1
     RETURNING id`,
    [
      r.registerId,
      r.readDate,
      formatMilli(r.valueMilli),
      r.deltaMilli === null ? null : formatMilli(r.deltaMilli),
      r.days,
      o.source,
      o.kind,
      r.status,
      r.holdReason,
      o.now,
    ],
  );
  return res.rows[0]!.id;
}
