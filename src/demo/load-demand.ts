import type { Tx } from '../db/index.ts';
import type { MeterPlan } from './plan-meters.ts';
import type { DemandReadPlan } from './plan-demand.ts';

/**
 * Writes the planned demand reads into the meters' `kw` registers like a conversion: accepted
 * as read (a peak is not a dial that accumulates, so the kWh validation does not apply; no
 * delta or usage). One set-based statement.
 */
export async function loadDemandReads(
  tx: Tx,
  reads: readonly DemandReadPlan[],
  meters: readonly MeterPlan[],
  now: Date,
): Promise<number> {
  if (reads.length === 0) return 0;
  const r = await tx.query(
    `INSERT INTO meter_read (register_id, premise_id, read_date, value, source, kind, status,
       created_at)
     SELECT rg.id, rg.premise_id, x.read_date, x.kw, 'import', 'regular', 'accepted', $4
       FROM unnest($1::text[], $2::date[], $3::numeric[]) AS x(meter_number, read_date, kw)
       JOIN meter m ON m.meter_number = x.meter_number
       JOIN register rg ON rg.meter_id = m.id AND rg.kind = 'kw'`,
    [
      reads.map((d) => meters[d.meter]!.meterNumber),
      reads.map((d) => d.readDate),
      reads.map((d) => d.kw.toFixed(1)),
      now,
    ],
  );
  return r.rowCount ?? 0;
}
