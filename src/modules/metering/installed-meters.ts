import type { Queryable } from '../../db/index.ts';

export type InstalledMeter = {
  readonly service: 'electric' | 'gas' | 'water' | 'irrigation' | 'hydrant';
  readonly meterNumber: string;
  /** Water meters' size ('3/4', '1', …); null for electric and gas. */
  readonly size: string | null;
};

/** The meters installed at a premise (at most one per service), by service. */
export async function installedMetersAt(
  q: Queryable,
  premiseId: number,
): Promise<readonly InstalledMeter[]> {
  const r = await q.query<InstalledMeter>(
    `SELECT service, meter_number AS "meterNumber", size FROM meter
      WHERE premise_id = $1 AND status = 'installed' ORDER BY service`,
    [premiseId],
  );
  return r.rows;
}
