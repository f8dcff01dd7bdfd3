import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { PremiseType, ServiceContext } from './types.ts';

export type NewPremise = {
  readonly addressLine1: string;
  readonly unit?: string | null;
  readonly city: string;
  readonly state?: string;
  readonly zip: string;
  readonly latitude: number;
  readonly longitude: number;
  readonly parcel?: string | null;
  readonly premiseType: PremiseType;
  /** Read/bill cycle 1–16. */
  readonly cycle: number;
  /** Inside the city electric area (downtown only in the demo city). */
  readonly electricTerritory?: boolean;
  readonly gasTerritory?: boolean;
};

/**
 * Creates a premise (a service address) with its number from `premise_no_seq`. Coordinates
 * are stored with 6 decimals (numeric(9,6)). Never fails for input that passed the schema.
 */
export async function createPremise(
  tx: Tx,
  input: NewPremise,
  ctx: ServiceContext,
): Promise<Result<{ readonly premiseId: number; readonly premiseNo: string }, never>> {
  const r = await tx.query<{ id: number; premise_no: string }>(
    `INSERT INTO premise (premise_no, address_line1, unit, city, state, zip, latitude, longitude,
       parcel, premise_type, electric_territory, gas_territory, cycle, created_at)
     VALUES (nextval('premise_no_seq')::text, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
             $13)
     RETURNING id, premise_no`,
    [
      input.addressLine1.trim(),
      input.unit?.trim() || null,
      input.city.trim(),
      input.state ?? 'AZ',
      input.zip.trim(),
      String(input.latitude), // numeric(9,6) keeps 6 decimals
      String(input.longitude),
      input.parcel?.trim() || null,
      input.premiseType,
      input.electricTerritory ?? false,
      input.gasTerritory ?? true,
      input.cycle,
      ctx.now,
    ],
  );
  const row = r.rows[0] as { id: number; premise_no: string };
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'premise.created',
    entityType: 'premise',
    entityId: row.id,
    after: { ...input, premiseNo: row.premise_no },
  });
  return ok({ premiseId: row.id, premiseNo: row.premise_no });
}
