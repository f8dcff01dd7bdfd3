import type { Tx } from '../db/index.ts';

/**
 * The bins of the city's SW-COMM agreements (customers' solid_waste_service, 0063), like a
 * conversion: one set-based statement. Deterministic from the premise id: front-load bins of
 * 2–8 cubic yards (mostly 3–4), one bin (a few with two), emptied 1–5 times a week (mostly
 * 1–2; restaurants more), a third with recycling.
 */
export async function loadSolidWaste(
  tx: Tx,
  premiseIds: readonly number[],
  now: Date,
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO solid_waste_service (agreement_id, premise_id, container_yards, containers,
       pickups_per_week, recycling, updated_at)
     SELECT sa.id, sa.premise_id,
            (ARRAY[2, 3, 3, 4, 4, 4, 6, 6, 8, 3])[1 + h % 10],
            CASE WHEN (h / 10) % 7 = 0 THEN 2 ELSE 1 END,
            (ARRAY[1, 2, 2, 3, 1, 2, 5, 3, 2, 1])[1 + (h / 70) % 10],
            (h / 700) % 3 = 0, $2
       FROM service_agreement sa
       CROSS JOIN LATERAL (SELECT ((sa.premise_id * 2654435761) % 1000003)::int AS h) k
      WHERE sa.rate_schedule = 'SW-COMM' AND sa.premise_id = ANY($1::bigint[])`,
    [premiseIds, now],
  );
  return r.rowCount ?? 0;
}
