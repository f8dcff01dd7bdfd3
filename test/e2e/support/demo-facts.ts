import type { Database } from '../../../src/db/index.ts';

/**
 * Facts picked from the test's demo city, so the browser tests work with real customers
 * and premises whatever the generator produced.
 */
export type SearchTarget = {
  readonly accountId: number;
  readonly displayName: string;
  readonly lastName: string;
  /** The surname with two inner letters swapped ("Hernandez" → "Hernadnez"). */
  readonly misspelled: string;
};

/** Swaps the first pair of differing adjacent letters after the first two. */
export function transpose(word: string): string {
  for (let i = 2; i + 1 < word.length; i++) {
    const a = word.charAt(i);
    const b = word.charAt(i + 1);
    if (a.toLowerCase() !== b.toLowerCase()) {
      return word.slice(0, i) + b + a + word.slice(i + 2);
    }
  }
  throw new Error(`cannot misspell ${word} by a transposition`);
}

/**
 * A person with one active account and a surname nobody else in the city has (so "first
 * result" is well defined), long enough that a transposition is a fair typo.
 */
export async function searchTarget(db: Database): Promise<SearchTarget> {
  const r = await db.pool.query<{ accountId: number; displayName: string; lastName: string }>(
    `SELECT a.id AS "accountId", c.display_name AS "displayName", c.last_name AS "lastName"
       FROM customer c JOIN account a ON a.customer_id = c.id
      WHERE c.kind = 'person' AND a.status = 'active' AND length(c.last_name) >= 7
        AND c.last_name ~ '^[A-Za-z]+$'
        AND (SELECT count(*) FROM account x WHERE x.customer_id = c.id) = 1
        AND (SELECT count(*) FROM customer o WHERE lower(o.last_name) = lower(c.last_name)) = 1
      ORDER BY a.id LIMIT 20`,
  );
  const surnames = new Set(
    (
      await db.pool.query<{ n: string }>('SELECT DISTINCT lower(last_name) AS n FROM customer')
    ).rows.map((x) => x.n),
  );
  const pick = r.rows.find((x) => !surnames.has(transpose(x.lastName).toLowerCase()));
  if (!pick) throw new Error('the demo city has no customer with a unique surname');
  return { ...pick, misspelled: transpose(pick.lastName) };
}

export type VacantPremise = { readonly premiseId: number; readonly address: string };

/** A single-family premise with no active service and an address no other premise has. */
export async function vacantPremise(db: Database): Promise<VacantPremise> {
  const r = await db.pool.query<{ premiseId: number; address: string }>(
    `SELECT p.id AS "premiseId", p.address_line1 AS address
       FROM premise p
      WHERE p.premise_type = 'single_family' AND p.unit IS NULL
        AND NOT EXISTS (SELECT 1 FROM service_agreement s
                         WHERE s.premise_id = p.id AND s.status = 'active')
        AND (SELECT count(*) FROM premise q WHERE q.address_line1 = p.address_line1) = 1
      ORDER BY p.id LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('the demo city has no vacant single-family premise');
  return row;
}

export type OccupiedAccount = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly displayName: string;
};

/**
 * An active residential account with active water service at a single-family premise and
 * nothing else going on (one premise, no special status), other than `notAccountId`.
 */
export async function occupiedAccount(
  db: Database,
  notAccountId: number,
): Promise<OccupiedAccount> {
  const r = await db.pool.query<OccupiedAccount>(
    `SELECT a.id AS "accountId", a.account_no AS "accountNo", c.display_name AS "displayName"
       FROM account a JOIN customer c ON c.id = a.customer_id
      WHERE a.status = 'active' AND a.account_class = 'residential' AND a.id <> $1
        AND c.kind = 'person'
        AND EXISTS (SELECT 1 FROM service_agreement s JOIN premise p ON p.id = s.premise_id
                     WHERE s.account_id = a.id AND s.status = 'active' AND s.service = 'water'
                       AND p.premise_type = 'single_family')
        AND (SELECT count(DISTINCT s.premise_id) FROM service_agreement s
              WHERE s.account_id = a.id AND s.status = 'active') = 1
        AND NOT EXISTS (SELECT 1 FROM account_special_status x
                         WHERE x.account_id = a.id AND x.cleared_at IS NULL)
      ORDER BY a.id DESC LIMIT 1`,
    [notAccountId],
  );
  const row = r.rows[0];
  if (!row) throw new Error('the demo city has no plain occupied account');
  return row;
}

export type BilledAccount = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly displayName: string;
  /** Bills issued by bill runs (not the converted billed-through bill). */
  readonly bills: number;
  /** The latest run bill's id and total. */
  readonly lastBillId: number;
  readonly lastBillCents: number;
  /** Receivable balance: the sum of its bills while no payment exists. */
  readonly balanceCents: number;
};

/**
 * A plain residential account (person, one premise, water, no special status) with at least
 * two bills from the demo history's bill runs. Needs a city generated with `months` ≥ 2
 * (`generateDemoCity(db, { …, months: 3, billedMonths: 2 })`).
 */
export async function billedAccount(db: Database): Promise<BilledAccount> {
  const r = await db.pool.query<BilledAccount>(
    `SELECT a.id AS "accountId", a.account_no AS "accountNo", c.display_name AS "displayName",
            b.bills::int AS bills, b.last_id::int AS "lastBillId", b.last_cents::int AS "lastBillCents",
            b.total::int AS "balanceCents"
       FROM account a JOIN customer c ON c.id = a.customer_id
       JOIN LATERAL (
         SELECT count(*) AS bills, sum(total_cents) AS total,
                (array_agg(id ORDER BY period_end DESC))[1] AS last_id,
                (array_agg(total_cents ORDER BY period_end DESC))[1] AS last_cents
           FROM bill WHERE account_id = a.id AND status = 'issued' AND run_id IS NOT NULL
       ) b ON b.bills >= 2
      WHERE a.status = 'active' AND a.account_class = 'residential' AND c.kind = 'person'
        AND EXISTS (SELECT 1 FROM service_agreement s WHERE s.account_id = a.id
                     AND s.status = 'active' AND s.service = 'water')
        AND (SELECT count(DISTINCT s.premise_id) FROM service_agreement s
              WHERE s.account_id = a.id AND s.status = 'active') = 1
        AND NOT EXISTS (SELECT 1 FROM account_special_status x
                         WHERE x.account_id = a.id AND x.cleared_at IS NULL)
      ORDER BY a.id LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('the demo city has no account with bills: generate it with months');
  return row;
}
