import type { Queryable } from '../../db/index.ts';

/**
 * The owner's account that holds a landlord continuous-service agreement (§9.6) covering
 * `premiseId` — an open landlord_premise row whose account is active and has an open
 * 'landlord_agreement' special status — or null.
 */
export async function landlordAccountFor(q: Queryable, premiseId: number): Promise<number | null> {
  const r = await q.query<{ account_id: number }>(
    `SELECT lp.account_id FROM landlord_premise lp
       JOIN account a ON a.id = lp.account_id AND a.status = 'active'
       JOIN account_special_status s ON s.account_id = lp.account_id
        AND s.status = 'landlord_agreement' AND s.cleared_at IS NULL
      WHERE lp.premise_id = $1 AND lp.ended_at IS NULL`,
    [premiseId],
  );
  return r.rows[0]?.account_id ?? null;
}
