import type { Tx } from '../db/index.ts';
import { identitySequence, insertRows, reserveSequence, type Column } from './bulk-insert.ts';
import type { LoadedIds } from './load-columns.ts';
import type { MeterPlan } from './plan-meters.ts';

/**
 * Writes the city's meters and their registers into the metering tables like a conversion
 * (decision 0009): ids reserved from the identity sequences, then set-based inserts. Every
 * meter is installed; its register starts without reads (the history, if any, imports them).
 */
export async function loadMeters(
  tx: Tx,
  meters: readonly MeterPlan[],
  ids: LoadedIds,
  onRows: (n: number) => void,
): Promise<void> {
  const meterIds = await reserveSequence(tx, identitySequence('meter'), meters.length);
  const premiseId = (m: MeterPlan) => ids.premiseIds[m.premise];
  const meterColumns: Column<MeterPlan>[] = [
    ['id', 'int8', (_, i) => meterIds[i]],
    ['premise_id', 'int8', premiseId],
    ['meter_number', 'text', (m) => m.meterNumber],
    ['service', 'text', (m) => m.service],
    ['size', 'text', (m) => m.size],
    ['status', 'text', () => 'installed'],
    ['installed_on', 'date', (m) => m.installedOn],
    ['created_at', 'timestamptz', (m) => `${m.installedOn}T17:00:00.000Z`],
  ];
  const registerColumns: Column<MeterPlan>[] = [
    ['meter_id', 'int8', (_, i) => meterIds[i]],
    ['premise_id', 'int8', premiseId],
    ['kind', 'text', (m) => m.register],
    ['dials', 'int2', (m) => m.dials],
  ];
  const withIds = { overridingIds: true, onChunk: onRows };
  await insertRows(tx, 'meter', meterColumns, meters, withIds);
  await insertRows(tx, 'register', registerColumns, meters, { onChunk: onRows });
  // Demand meters (E3.1) also have a `kw` register: the period's peak, read with the kWh.
  const demandIds = meters.flatMap((m, i) => (m.demand ? [meterIds[i]] : []));
  await tx.query(
    `INSERT INTO register (meter_id, premise_id, kind, dials)
     SELECT m.id, m.premise_id, 'kw', ${demandRegisterDials} FROM meter m
      WHERE m.id = ANY($1::bigint[])`,
    [demandIds],
  );
}

/** Dials of a demand register: peaks up to 9,999.999 kW. */
export const demandRegisterDials = 4;
