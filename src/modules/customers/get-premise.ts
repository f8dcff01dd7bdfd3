import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import type { AgreementStatus, PremiseType, Service } from './types.ts';

export type PremiseSummary = {
  readonly premiseId: number;
  readonly premiseNo: string;
  readonly addressLine1: string;
  readonly unit: string | null;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
  readonly premiseType: PremiseType;
  /** No active service agreement at the premise. */
  readonly vacant: boolean;
};

export type PremiseView = PremiseSummary & {
  readonly latitude: number;
  readonly longitude: number;
  readonly parcel: string | null;
  readonly cycle: number;
  readonly electricTerritory: boolean;
  readonly gasTerritory: boolean;
  /** Every agreement ever held at the premise, newest start first. */
  readonly serviceHistory: readonly {
    readonly agreementId: number;
    readonly accountId: number;
    readonly accountNo: string;
    readonly customerName: string;
    readonly service: Service;
    readonly rateSchedule: string;
    readonly status: AgreementStatus;
    readonly startDate: LocalDate;
    readonly stopDate: LocalDate | null;
    readonly meterNumber: string | null;
  }[];
};

const summaryColumns = `p.id AS "premiseId", p.premise_no AS "premiseNo",
  p.address_line1 AS "addressLine1", p.unit, p.city, p.state, p.zip,
  p.premise_type AS "premiseType",
  NOT EXISTS (SELECT 1 FROM service_agreement a
               WHERE a.premise_id = p.id AND a.status = 'active') AS vacant`;

/** A premise with its full service history. Codes: `premise_not_found`. */
export async function getPremise(
  q: Queryable,
  premiseId: number,
): Promise<Result<PremiseView, 'premise_not_found'>> {
  const r = await q.query<
    Omit<PremiseView, 'serviceHistory'> & { latitude: string; longitude: string }
  >(
    `SELECT ${summaryColumns}, p.latitude, p.longitude, p.parcel, p.cycle,
            p.electric_territory AS "electricTerritory", p.gas_territory AS "gasTerritory"
       FROM premise p WHERE p.id = $1`,
    [premiseId],
  );
  const row = r.rows[0];
  if (!row) return err('premise_not_found');
  const history = await q.query<PremiseView['serviceHistory'][number]>(
    `SELECT a.id AS "agreementId", a.account_id AS "accountId", ac.account_no AS "accountNo",
            c.display_name AS "customerName", a.service, a.rate_schedule AS "rateSchedule",
            a.status, a.start_date AS "startDate", a.stop_date AS "stopDate",
            a.meter_number AS "meterNumber"
       FROM service_agreement a
       JOIN account ac ON ac.id = a.account_id
       JOIN customer c ON c.id = ac.customer_id
      WHERE a.premise_id = $1
      ORDER BY a.start_date DESC, a.id DESC`,
    [premiseId],
  );
  return ok({
    ...row,
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    serviceHistory: history.rows,
  });
}

/**
 * Premises whose address matches `text` (case-insensitive substring, ranked by trigram
 * similarity), for the start-service premise picker; vacant ones are flagged. Full agent
 * search (ACC-6) is a separate feature. At most limits.searchResultsMax rows.
 */
export async function findPremisesByAddress(
  q: Queryable,
  text: string,
): Promise<readonly PremiseSummary[]> {
  const needle = text.trim().slice(0, limits.searchQueryCharsMax);
  if (needle.length === 0) return [];
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const r = await q.query<PremiseSummary>(
    `SELECT ${summaryColumns}
       FROM premise p
      WHERE p.address_line1 ILIKE $1
         OR (p.address_line1 || coalesce(' ' || p.unit, '') || ' ' || p.city) ILIKE $1
         OR p.address_line1 % $2
      ORDER BY similarity(p.address_line1, $2) DESC, p.address_line1, p.unit NULLS FIRST, p.id
      LIMIT $3`,
    [pattern, needle, limits.searchResultsMax],
  );
  return r.rows;
}
