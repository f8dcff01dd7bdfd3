import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { cancelMeterOrders } from '../field/index.ts';
import {
  activeAgreementWithoutMeter,
  getPremise,
  linkAgreementMeter,
  replaceAgreementMeter,
} from '../customers/index.ts';
import { insertReads, type PlannedRead } from './import-reads.ts';
import type { RegisterKind } from './parse-reads-file.ts';
import { loadReadContexts, loadRegisters } from './register-state.ts';
import { dialRangeMilli, validateRead } from './validate-read.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

export type MeterService = 'electric' | 'gas' | 'water' | 'irrigation' | 'hydrant';

export type NewMeter = {
  readonly premiseId: number;
  readonly meterNumber: string;
  readonly service: MeterService;
  readonly size: string | null;
  readonly installedOn: LocalDate;
  /** One entry per register with its initial (baseline) read in thousandths of a unit. */
  readonly registers: readonly {
    readonly kind: RegisterKind;
    readonly multiplier?: string;
    readonly dials: number;
    readonly initialMilli: number;
  }[];
};

export type MeterChangeCode =
  | 'meter_number_taken'
  | 'meter_already_installed'
  | 'premise_not_found'
  | 'meter_not_found'
  | 'meter_not_installed'
  | 'read_missing'
  | 'read_out_of_order'
  | 'reading_exceeds_dials';

/**
 * Installs a meter with its registers and an initial read per register (audited). An active
 * agreement for the service at the premise that names no meter (started before a meter was
 * there) takes the new meter (customers `linkAgreementMeter`), so that its use is billed; so
 * do the active agreements on a meter the premise had removed without a replacement (a
 * delayed exchange: `attachToService`).
 * Errors: `meter_number_taken`, `meter_already_installed` (the premise already has an
 * installed meter for the service: exchange it instead), `reading_exceeds_dials`,
 * `premise_not_found`.
 */
export async function installMeter(
  tx: Tx,
  m: NewMeter,
  ctx: Ctx,
): Promise<Result<{ meterId: number }, MeterChangeCode>> {
  return install(tx, m, null, ctx);
}

/** A meter taken out for the one being installed: the exchange's old meter. */
type Replacing = { readonly meterId: number; readonly meterNumber: string };

async function install(
  tx: Tx,
  m: NewMeter,
  replacing: Replacing | null,
  ctx: Ctx,
): Promise<Result<{ meterId: number }, MeterChangeCode>> {
  const clash = await tx.query<{
    meterNumber: string;
    status: string;
    premiseId: number;
    service: string;
  }>(
    `SELECT meter_number AS "meterNumber", status, premise_id AS "premiseId", service FROM meter
      WHERE meter_number = $1 OR (premise_id = $2 AND service = $3 AND status = 'installed')`,
    [m.meterNumber, m.premiseId, m.service],
  );
  if (clash.rows.some((r) => r.meterNumber === m.meterNumber))
    return err('meter_number_taken', m.meterNumber);
  if (clash.rows.length > 0)
    return err('meter_already_installed', `premise ${m.premiseId} ${m.service}`);
  if (m.registers.some((r) => r.initialMilli >= dialRangeMilli(r.dials)))
    return err('reading_exceeds_dials');
  if (!(await getPremise(tx, m.premiseId)).ok) return err('premise_not_found', String(m.premiseId));
  const meter = await tx.query<{ id: number }>(
    `INSERT INTO meter (premise_id, meter_number, service, size, status, installed_on, created_at)
     VALUES ($1, $2, $3, $4, 'installed', $5, $6) RETURNING id`,
    [m.premiseId, m.meterNumber, m.service, m.size, m.installedOn, ctx.now],
  );
  const meterId = meter.rows[0]!.id;
  const reads: PlannedRead[] = [];
  for (const r of m.registers) {
    const reg = await tx.query<{ id: number }>(
      `INSERT INTO register (meter_id, premise_id, kind, multiplier, dials)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [meterId, m.premiseId, r.kind, r.multiplier ?? '1', r.dials],
    );
    reads.push(baseline(reg.rows[0]!.id, m.installedOn, r.initialMilli));
  }
  await insertReads(tx, reads, { source: 'field', kind: 'initial', batchId: null, now: ctx.now });
  await attachToService(tx, meterId, m, replacing, ctx);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'meter.installed',
    entityType: 'meter',
    entityId: meterId,
    after: m,
  });
  return ok({ meterId });
}

/**
 * The service the new meter serves: the exchanged meter's agreements (active or awaiting
 * their final bill); else an active agreement for the service at the premise that names no
 * meter (started before a meter was there: linked); else the active agreements still on the
 * premise's last meter for the service that was removed without a replacement (a meter
 * pulled, later put back): a delayed exchange. An exchange records the meter replaced
 * (`replaces_meter_id`), so bills count the old meter's reads up to its final read and the
 * new one's after its initial read.
 */
async function attachToService(
  tx: Tx,
  meterId: number,
  m: NewMeter,
  replacing: Replacing | null,
  ctx: Ctx,
): Promise<void> {
  const exchange = async (old: Replacing, activeOnly: boolean) => {
    const change = {
      oldMeterNumber: old.meterNumber,
      newMeterNumber: m.meterNumber,
      newMeterSize: m.size,
      on: m.installedOn,
      activeOnly,
    };
    const moved = await replaceAgreementMeter(tx, change, ctx);
    if (moved.length > 0 || !activeOnly)
      await tx.query('UPDATE meter SET replaces_meter_id = $2 WHERE id = $1', [
        meterId,
        old.meterId,
      ]);
  };
  if (replacing !== null) return exchange(replacing, false);
  const agreementId = await activeAgreementWithoutMeter(tx, m.premiseId, m.service);
  if (agreementId !== null) {
    const link = { agreementId, meterNumber: m.meterNumber, meterSize: m.size };
    await linkAgreementMeter(tx, link, ctx);
    return;
  }
  const pulled = await tx.query<Replacing>(
    `SELECT o.id AS "meterId", o.meter_number AS "meterNumber" FROM meter o
      WHERE o.premise_id = $1 AND o.service = $2 AND o.status = 'removed' AND o.id <> $3
        AND NOT EXISTS (SELECT 1 FROM meter n WHERE n.replaces_meter_id = o.id)
      ORDER BY o.removed_on DESC, o.id DESC LIMIT 1`,
    [m.premiseId, m.service, meterId],
  );
  if (pulled.rows[0]) await exchange(pulled.rows[0], true);
}

function baseline(registerId: number, readDate: LocalDate, valueMilli: number): PlannedRead {
  return {
    registerId,
    readDate,
    valueMilli,
    deltaMilli: null,
    days: null,
    status: 'accepted',
    holdReason: null,
  };
}

export type RemoveMeter = {
  readonly meterNumber: string;
  readonly removedOn: LocalDate;
  /** The final read of every register, keyed by register kind, in thousandths. */
  readonly finalMilli: Readonly<Partial<Record<RegisterKind, number>>>;
  /** `estimate` when the final reads were estimated (a hydrant meter returned unread). */
  readonly source?: 'field' | 'estimate' | undefined;
};

/**
 * Removes an installed meter with a final read per register (validated like any read; a
 * final read may be held); its open re-read orders are cancelled. Errors: `meter_not_found`, `meter_not_installed`,
 * `read_missing`, `read_out_of_order`, `reading_exceeds_dials`.
 */
export async function removeMeter(
  tx: Tx,
  input: RemoveMeter,
  ctx: Ctx,
): Promise<Result<{ meterId: number }, MeterChangeCode>> {
  const registers = await loadRegisters(tx, [input.meterNumber]);
  const first = registers[0];
  if (!first) return err('meter_not_found', input.meterNumber);
  if (first.meterStatus !== 'installed') return err('meter_not_installed', input.meterNumber);
  const contexts = await loadReadContexts(tx, registers, input.removedOn);
  const reads: PlannedRead[] = [];
  for (const reg of registers) {
    const value = input.finalMilli[reg.kind as RegisterKind];
    if (value === undefined) return err('read_missing', `final ${reg.kind} read`);
    const v = validateRead(
      { ...contexts.get(reg.registerId)!, meterInstalled: false },
      input.removedOn,
      value,
    );
    if (v.kind === 'error') return err(v.code, `${reg.kind} ${input.removedOn}`);
    reads.push({
      registerId: reg.registerId,
      readDate: input.removedOn,
      valueMilli: value,
      deltaMilli: v.deltaMilli,
      days: v.days,
      status: v.status,
      holdReason: v.holdReason,
    });
  }
  await insertReads(tx, reads, {
    source: input.source ?? 'field',
    kind: 'final',
    batchId: null,
    now: ctx.now,
  });
  await tx.query(`UPDATE meter SET status = 'removed', removed_on = $2 WHERE id = $1`, [
    first.meterId,
    input.removedOn,
  ]);
  // Its re-reads cannot be done any more: its final read is the last word on it.
  await cancelMeterOrders(
    tx,
    {
      meterNumber: input.meterNumber,
      kinds: ['re_read'],
      result: `Meter removed on ${input.removedOn}; its final read stands`,
    },
    ctx,
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'meter.removed',
    entityType: 'meter',
    entityId: first.meterId,
    before: { status: 'installed' },
    after: { status: 'removed', ...input },
  });
  return ok({ meterId: first.meterId });
}

/**
 * Exchanges a meter: final reads on the old one and initial reads on the new one, on the
 * same date and premise, in the caller's transaction. The new meter records the one it
 * replaces, and the service agreements on the old meter move to the new one (customers
 * `replaceAgreementMeter`): the next bill counts both meters' reads over its period.
 * Errors: as removeMeter and installMeter.
 */
export async function exchangeMeter(
  tx: Tx,
  input: {
    readonly old: RemoveMeter;
    readonly replacement: Omit<NewMeter, 'installedOn' | 'premiseId' | 'service'>;
  },
  ctx: Ctx,
): Promise<Result<{ oldMeterId: number; newMeterId: number }, MeterChangeCode>> {
  const old = await tx.query<{ premiseId: number; service: MeterService }>(
    'SELECT premise_id AS "premiseId", service FROM meter WHERE meter_number = $1',
    [input.old.meterNumber],
  );
  const o = old.rows[0];
  if (!o) return err('meter_not_found', input.old.meterNumber);
  const removed = await removeMeter(tx, input.old, ctx);
  if (!removed.ok) return removed;
  const installed = await install(
    tx,
    {
      ...input.replacement,
      premiseId: o.premiseId,
      service: o.service,
      installedOn: input.old.removedOn,
    },
    { meterId: removed.value.meterId, meterNumber: input.old.meterNumber },
    ctx,
  );
  if (!installed.ok) return installed;
  return ok({ oldMeterId: removed.value.meterId, newMeterId: installed.value.meterId });
}
