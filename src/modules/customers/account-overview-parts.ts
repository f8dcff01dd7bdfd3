import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { maskIdNumber, maskTaxId } from './pii.ts';
import { isoSql, type AgreementStatus, type Service, type SpecialStatusKind } from './types.ts';

/** How many notes the overview shows; the rest are on the timeline. */
export const overviewNotesMax = 5;

export async function overviewCustomer(q: Queryable, customerId: number) {
  const r = await q.query<{
    customerId: number;
    kind: 'person' | 'business';
    displayName: string;
    email: string | null;
    phone: string | null;
    phoneAlt: string | null;
    language: 'en' | 'es';
    last4: string | null;
    version: number;
  }>(
    `SELECT id AS "customerId", kind, display_name AS "displayName", email, phone,
            phone_alt AS "phoneAlt", language, tax_id_last4 AS last4, version
       FROM customer WHERE id = $1`,
    [customerId],
  );
  const { last4, ...rest } = r.rows[0] as NonNullable<(typeof r.rows)[0]>;
  return { ...rest, taxIdMasked: maskTaxId(last4) };
}

export async function overviewContacts(q: Queryable, accountId: number) {
  const r = await q.query<{
    contactId: number;
    name: string;
    relationship: string;
    phone: string | null;
    email: string | null;
    mayDiscuss: boolean;
  }>(
    `SELECT id AS "contactId", name, relationship, phone, email, may_discuss AS "mayDiscuss"
       FROM account_contact WHERE account_id = $1 AND removed_at IS NULL ORDER BY id`,
    [accountId],
  );
  return r.rows;
}

export type OverviewPremise = {
  readonly premiseId: number;
  readonly premiseNo: string;
  readonly address: string;
  readonly agreements: readonly {
    readonly agreementId: number;
    readonly service: Service;
    readonly rateSchedule: string;
    readonly status: AgreementStatus;
    readonly startDate: LocalDate;
    readonly stopDate: LocalDate | null;
    readonly meterNumber: string | null;
  }[];
};

/** The account's premises with their agreements (all of them, newest first). */
export async function overviewPremises(
  q: Queryable,
  accountId: number,
): Promise<OverviewPremise[]> {
  const r = await q.query<
    OverviewPremise['agreements'][number] & {
      premiseId: number;
      premiseNo: string;
      address: string;
    }
  >(
    `SELECT p.id AS "premiseId", p.premise_no AS "premiseNo",
            p.address_line1 || coalesce(' #' || p.unit, '') || ', ' || p.city || ' ' || p.zip AS address,
            s.id AS "agreementId", s.service, s.rate_schedule AS "rateSchedule", s.status,
            s.start_date AS "startDate", s.stop_date AS "stopDate", s.meter_number AS "meterNumber"
       FROM service_agreement s JOIN premise p ON p.id = s.premise_id
      WHERE s.account_id = $1 ORDER BY s.start_date DESC, s.id`,
    [accountId],
  );
  const byPremise = new Map<
    number,
    {
      premiseId: number;
      premiseNo: string;
      address: string;
      agreements: OverviewPremise['agreements'][number][];
    }
  >();
  for (const { premiseId, premiseNo, address, ...a } of r.rows) {
    const p = byPremise.get(premiseId) ?? { premiseId, premiseNo, address, agreements: [] };
    p.agreements.push(a);
    byPremise.set(premiseId, p);
  }
  return [...byPremise.values()];
}

export async function overviewStatuses(q: Queryable, accountId: number) {
  const r = await q.query<{
    status: SpecialStatusKind;
    startsOn: LocalDate;
    endsOn: LocalDate | null;
    reason: string;
    reference: string | null;
    details: Record<string, unknown>;
    setByName: string;
  }>(
    `SELECT status, starts_on AS "startsOn", ends_on AS "endsOn", reason, reference, details,
            set_by_name AS "setByName"
       FROM account_special_status WHERE account_id = $1 AND cleared_at IS NULL ORDER BY id`,
    [accountId],
  );
  return r.rows;
}

export async function overviewIdentity(q: Queryable, customerId: number) {
  const r = await q.query<{
    idType: string;
    last4: string;
    issuer: string | null;
    method: string;
    leaseChecked: boolean;
    verifiedByName: string;
    verifiedAt: string;
  }>(
    `SELECT id_type AS "idType", id_last4 AS last4, issuer, method, lease_checked AS "leaseChecked",
            verified_by_name AS "verifiedByName", ${isoSql('verified_at')} AS "verifiedAt"
       FROM identity_verification WHERE customer_id = $1 ORDER BY verified_at DESC, id DESC LIMIT 1`,
    [customerId],
  );
  const row = r.rows[0];
  if (!row) return null;
  const { last4, ...rest } = row;
  return { ...rest, idMasked: maskIdNumber(last4) };
}

export async function overviewNotes(q: Queryable, accountId: number) {
  const r = await q.query<{
    noteId: number;
    category: string;
    body: string;
    createdByName: string;
    createdAt: string;
  }>(
    `SELECT id AS "noteId", category, body, created_by_name AS "createdByName", ${isoSql('created_at')} AS "createdAt"
       FROM account_note WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [accountId, overviewNotesMax],
  );
  return r.rows;
}

export async function overviewFraudSignals(q: Queryable, accountId: number) {
  const r = await q.query<{ signal: string; detail: Record<string, unknown>; raisedAt: string }>(
    `SELECT signal, detail, ${isoSql('raised_at')} AS "raisedAt" FROM account_fraud_signal
      WHERE account_id = $1 AND resolved_at IS NULL ORDER BY id`,
    [accountId],
  );
  return r.rows;
}

export async function overviewDeposits(q: Queryable, accountId: number) {
  const r = await q.query<{
    feeCode: string;
    amountCents: number;
    reason: string;
    status: string;
    requiredOn: LocalDate;
  }>(
    `SELECT fee_code AS "feeCode", amount_cents AS "amountCents", reason, status,
            required_on AS "requiredOn"
       FROM account_deposit_requirement WHERE account_id = $1 AND status = 'required' ORDER BY id`,
    [accountId],
  );
  return r.rows;
}
