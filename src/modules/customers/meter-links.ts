import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { insertAgreement, stopAgreement } from './agreement-writes.ts';
import type { ServiceContext } from './types.ts';

/**
 * What the metering module needs from customers about its meters (issue 4): the premise
 * and account a meter serves, the meters of an account, and the hydrant-meter agreement of
 * a contractor. The link is still `service_agreement.meter_number` (README).
 */

export type MeterLink = {
  readonly meterNumber: string;
  readonly premiseId: number;
  /** "1234 E Main St, Unit 2, Mesa" */
  readonly address: string;
  readonly cycle: number;
  /** The account of the meter's active agreement, else of its latest one; null if none. */
  readonly accountId: number | null;
  readonly accountNo: string | null;
};

/** The premise and account of each (meter, premise) pair, in one query, in input order. */
export async function meterLinks(
  q: Queryable,
  meters: readonly { readonly meterNumber: string; readonly premiseId: number }[],
): Promise<MeterLink[]> {
  const links = await placeLinks(
    q,
    meters.map((m) => ({ ...m, accountId: null })),
  );
  return links.map((l, i) => ({ ...l, meterNumber: meters[i]!.meterNumber }));
}

export type PlaceLink = Omit<MeterLink, 'meterNumber'>;

/**
 * The premise's address and cycle, and the account, of each place a field order names (in
 * input order, one query): the account given, else the one of the meter's active agreement
 * (else its latest); null when neither.
 */
export async function placeLinks(
  q: Queryable,
  places: readonly {
    readonly premiseId: number;
    readonly accountId: number | null;
    readonly meterNumber: string | null;
  }[],
): Promise<PlaceLink[]> {
  if (places.length === 0) return [];
  const r = await q.query<PlaceLink & { n: number }>(
    `SELECT x.n::int AS n, p.id AS "premiseId",
            concat_ws(', ', p.address_line1, p.unit, p.city) AS address, p.cycle::int AS cycle,
            a.id AS "accountId", a.account_no AS "accountNo"
       FROM unnest($1::bigint[], $2::bigint[], $3::text[])
            WITH ORDINALITY AS x(premise_id, account_id, meter_number, n)
       JOIN premise p ON p.id = x.premise_id
       LEFT JOIN LATERAL (
         SELECT sa.account_id FROM service_agreement sa
          WHERE x.account_id IS NULL AND sa.meter_number = x.meter_number
          ORDER BY (sa.status = 'active') DESC, sa.start_date DESC, sa.id DESC LIMIT 1) s ON true
       LEFT JOIN account a ON a.id = coalesce(x.account_id, s.account_id)
      ORDER BY x.n`,
    [
      places.map((m) => m.premiseId),
      places.map((m) => m.accountId),
      places.map((m) => m.meterNumber),
    ],
  );
  return r.rows.map(({ n: _n, ...link }) => link);
}

/**
 * Of the given meter numbers, those that no active agreement, nor one awaiting its final
 * bill, names: a vacant premise's meter (metering accepts its zero use instead of holding
 * it). One query.
 */
export async function metersWithoutService(
  q: Queryable,
  meterNumbers: readonly string[],
): Promise<Set<string>> {
  if (meterNumbers.length === 0) return new Set();
  const r = await q.query<{ m: string }>(
    `SELECT x.m FROM unnest($1::text[]) AS x(m)
      WHERE NOT EXISTS (SELECT 1 FROM service_agreement sa
                         WHERE sa.meter_number = x.m AND sa.status IN ('active', 'pending_final'))`,
    [meterNumbers],
  );
  return new Set(r.rows.map((row) => row.m));
}

/** Ids of the premises read in a cycle (for the held-read queue's cycle filter). */
export async function premiseIdsInCycle(q: Queryable, cycle: number): Promise<number[]> {
  const r = await q.query<{ id: number }>('SELECT id FROM premise WHERE cycle = $1', [cycle]);
  return r.rows.map((row) => row.id);
}

export type AccountMeter = {
  readonly meterNumber: string;
  readonly service: string;
  readonly premiseId: number;
  readonly agreementStatus: string;
  /** The earliest start of the account's agreements on the meter. */
  readonly startDate: LocalDate;
};

/** The meters on an account's agreements (active first, then the most recent), or
 * `account_not_found`. */
export async function metersOfAccount(
  q: Queryable,
  accountId: number,
): Promise<Result<AccountMeter[], 'account_not_found'>> {
  const a = await q.query('SELECT 1 FROM account WHERE id = $1', [accountId]);
  if (a.rowCount === 0) return err('account_not_found', String(accountId));
  const r = await q.query<AccountMeter>(
    `SELECT DISTINCT ON (meter_number) meter_number AS "meterNumber", service,
            premise_id AS "premiseId", status AS "agreementStatus",
            min(start_date) OVER (PARTITION BY meter_number) AS "startDate"
       FROM service_agreement WHERE account_id = $1 AND meter_number IS NOT NULL
      ORDER BY meter_number, (status = 'active') DESC, start_date DESC`,
    [accountId],
  );
  return ok(r.rows);
}

/** The services a meter is installed for (hydrant meters come with their own agreement). */
const meteredServices = ['electric', 'gas', 'water', 'irrigation'];

export type ServiceWithoutMeter = {
  readonly agreementId: number;
  readonly premiseId: number;
  readonly service: string;
  /** "1234 E Main St, Unit 2, Mesa" */
  readonly address: string;
};

/** The account's active metered agreements that name no meter (started before one was
 * installed) or one of `removedMeters` (the caller's: meters taken out without a replacement),
 * by premise and service. */
export async function servicesWithoutMeter(
  q: Queryable,
  accountId: number,
  removedMeters: readonly string[] = [],
): Promise<ServiceWithoutMeter[]> {
  const r = await q.query<ServiceWithoutMeter>(
    `SELECT s.id::int AS "agreementId", s.premise_id::int AS "premiseId", s.service,
            concat_ws(', ', p.address_line1, p.unit, p.city) AS address
       FROM service_agreement s JOIN premise p ON p.id = s.premise_id
      WHERE s.account_id = $1 AND s.status = 'active'
        AND (s.meter_number IS NULL OR s.meter_number = ANY($3::text[]))
        AND s.service = ANY($2::text[])
      ORDER BY s.premise_id, s.service`,
    [accountId, meteredServices, removedMeters],
  );
  return r.rows;
}

/** The active agreement for the service at the premise if it names no meter, else null. */
export async function activeAgreementWithoutMeter(
  q: Queryable,
  premiseId: number,
  service: string,
): Promise<number | null> {
  const r = await q.query<{ id: number }>(
    `SELECT id::int AS id FROM service_agreement
      WHERE premise_id = $1 AND service = $2 AND status = 'active' AND meter_number IS NULL`,
    [premiseId, service],
  );
  return r.rows[0]?.id ?? null;
}

export type HydrantAgreementInput = {
  readonly accountId: number;
  readonly premiseId: number;
  readonly meterNumber: string;
  readonly meterSize: string;
  readonly startDate: LocalDate;
};

/**
 * The contractor's active hydrant agreement (schedule HYD) for the meter: the one that
 * exists, or a new one. Errors: `account_not_found`, `account_closed`,
 * `service_already_active` (the premise has an active hydrant agreement for another meter).
 */
export async function openHydrantAgreement(
  tx: Tx,
  h: HydrantAgreementInput,
  ctx: ServiceContext,
): Promise<
  Result<
    { agreementId: number; created: boolean },
    'account_not_found' | 'account_closed' | 'service_already_active'
  >
> {
  const a = await tx.query<{ status: string }>(
    'SELECT status FROM account WHERE id = $1 FOR UPDATE',
    [h.accountId],
  );
  if (!a.rows[0]) return err('account_not_found', String(h.accountId));
  if (a.rows[0].status !== 'active') return err('account_closed', String(h.accountId));
  const active = await tx.query<{ id: number; accountId: number; meterNumber: string | null }>(
    `SELECT id, account_id AS "accountId", meter_number AS "meterNumber" FROM service_agreement
      WHERE premise_id = $1 AND service = 'hydrant' AND status = 'active'`,
    [h.premiseId],
  );
  const current = active.rows[0];
  if (current) {
    if (current.accountId === h.accountId && current.meterNumber === h.meterNumber)
      return ok({ agreementId: current.id, created: false });
    return err('service_already_active', `premise ${h.premiseId} hydrant`);
  }
  const agreementId = await insertAgreement(
    tx,
    { ...h, service: 'hydrant', rateSchedule: 'HYD' },
    ctx,
    ` (hydrant meter ${h.meterNumber})`,
  );
  return ok({ agreementId, created: true });
}

/** Stops the active hydrant agreement of the meter on its return date (final bill pending);
 * `agreement_not_found` when there is none. */
export async function stopHydrantAgreement(
  tx: Tx,
  s: { readonly meterNumber: string; readonly stopDate: LocalDate },
  ctx: ServiceContext,
): Promise<Result<{ agreementId: number; accountId: number }, 'agreement_not_found'>> {
  const r = await tx.query<{ id: number }>(
    `SELECT id FROM service_agreement
      WHERE meter_number = $1 AND service = 'hydrant' AND status = 'active' FOR UPDATE`,
    [s.meterNumber],
  );
  const row = r.rows[0];
  if (!row) return err('agreement_not_found', s.meterNumber);
  const stopped = await stopAgreement(
    tx,
    { agreementId: row.id, stopDate: s.stopDate, reason: 'hydrant meter returned' },
    ctx,
  );
  return ok({ agreementId: row.id, accountId: stopped.accountId });
}
