import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { landlordAccountFor } from './landlord.ts';
import type { AccountClass, PremiseType, Service } from './types.ts';

export type StartTargets = {
  /** Null when the start creates a new customer. */
  readonly customerId: number | null;
  /** Null when the start opens a new account. */
  readonly account: {
    readonly accountId: number;
    readonly accountNo: string;
    readonly accountClass: AccountClass;
  } | null;
  readonly premise: {
    readonly premiseId: number;
    readonly premiseType: PremiseType;
    readonly electricTerritory: boolean;
    readonly gasTerritory: boolean;
    readonly address: string;
  };
  /** Active agreements at the premise; `landlordHeld` when a landlord agreement holds it. */
  readonly active: readonly {
    readonly agreementId: number;
    readonly service: Service;
    readonly accountId: number;
    readonly accountNo: string;
    readonly startDate: LocalDate;
    readonly landlordHeld: boolean;
  }[];
};

export type TargetCode =
  | 'customer_not_found'
  | 'account_not_found'
  | 'premise_not_found'
  | 'account_closed'
  | 'account_deceased'
  | 'account_customer_mismatch';

type Who = {
  readonly customerId?: number;
  readonly accountId?: number;
  readonly premiseId: number;
};

/** Loads and checks the customer, account and premise of a start (reads only). */
export async function loadStartTargets(
  q: Queryable,
  who: Who,
): Promise<Result<StartTargets, TargetCode>> {
  const account = who.accountId === undefined ? ok(null) : await loadAccount(q, who.accountId);
  if (!account.ok) return account;
  const a = account.value;
  if (a && who.customerId !== undefined && a.customerId !== who.customerId) {
    return err('account_customer_mismatch');
  }
  const customerId = a?.customerId ?? who.customerId ?? null;
  if (customerId !== null) {
    const c = await q.query('SELECT 1 FROM customer WHERE id = $1', [customerId]);
    if (c.rowCount === 0) return err('customer_not_found');
  }
  const p = await q.query<StartTargets['premise']>(
    `SELECT id AS "premiseId", premise_type AS "premiseType",
            electric_territory AS "electricTerritory", gas_territory AS "gasTerritory",
            address_line1 || coalesce(' #' || unit, '') || ', ' || city AS address
       FROM premise WHERE id = $1`,
    [who.premiseId],
  );
  const premise = p.rows[0];
  if (!premise) return err('premise_not_found');
  const landlord = await landlordAccountFor(q, who.premiseId);
  const act = await q.query<Omit<StartTargets['active'][number], 'landlordHeld'>>(
    `SELECT s.id AS "agreementId", s.service, s.account_id AS "accountId",
            ac.account_no AS "accountNo", s.start_date AS "startDate"
       FROM service_agreement s JOIN account ac ON ac.id = s.account_id
      WHERE s.premise_id = $1 AND s.status = 'active' ORDER BY s.id`,
    [who.premiseId],
  );
  const active = act.rows.map((r) => ({
    ...r,
    // A start by anyone but the owner takes over from the owner's continuous service.
    landlordHeld: landlord !== null && r.accountId === landlord && a?.accountId !== landlord,
  }));
  const accountView = a
    ? { accountId: a.accountId, accountNo: a.accountNo, accountClass: a.accountClass }
    : null;
  return ok({ customerId, account: accountView, premise, active });
}

async function loadAccount(q: Queryable, accountId: number) {
  const r = await q.query<{
    accountId: number;
    accountNo: string;
    accountClass: AccountClass;
    status: string;
    customerId: number;
    deceased: boolean;
  }>(
    `SELECT a.id AS "accountId", a.account_no AS "accountNo", a.account_class AS "accountClass",
            a.status, a.customer_id AS "customerId",
            EXISTS (SELECT 1 FROM account_special_status s WHERE s.account_id = a.id
                     AND s.status = 'deceased' AND s.cleared_at IS NULL) AS deceased
       FROM account a WHERE a.id = $1`,
    [accountId],
  );
  const row = r.rows[0];
  if (!row) return err('account_not_found' as const);
  if (row.status !== 'active') return err('account_closed' as const, `account is ${row.status}`);
  if (row.deceased) return err('account_deceased' as const, 'the account holder is deceased');
  return ok(row);
}
