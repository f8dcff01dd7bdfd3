import type { Queryable } from '../../db/index.ts';
import { accountBalances } from '../ledger/index.ts';
import type { FraudFacts } from './fraud-signals.ts';

export type FraudIdentity = {
  /** The existing customer, if any: its stored taxpayer hash and verified IDs are used. */
  readonly customerId: number | null;
  /** Extra hashes not yet stored (a new customer's taxpayer number, an ID verified now). */
  readonly taxIdHash: string | null;
  readonly idNumberHashes: readonly string[];
  /** The account service starts on, excluded from "another active account". */
  readonly accountId: number | null;
};

/**
 * Gathers the facts fraudSignals needs (reads only): every account held by the same
 * identity — the same taxpayer-number hash or the same verified ID-number hash — with its
 * status and receivable balance. The customer's own closed accounts count as prior
 * balances; only OTHER customers' active accounts count as a duplicate identity (a
 * customer's own second account is not a duplicate).
 */
export async function gatherFraudFacts(q: Queryable, who: FraudIdentity): Promise<FraudFacts> {
  const own =
    who.customerId === null
      ? { tax: null, ids: [] as string[] }
      : await ownHashes(q, who.customerId);
  const taxHashes = [own.tax, who.taxIdHash].filter((h): h is string => h !== null);
  const idHashes = [...own.ids, ...who.idNumberHashes];
  const r = await q.query<{ id: number; account_no: string; status: string; customer_id: number }>(
    `WITH same_identity AS (
       SELECT id FROM customer WHERE tax_id_hash = ANY($1::text[])
       UNION SELECT customer_id FROM identity_verification WHERE id_number_hash = ANY($2::text[])
       UNION SELECT $3::bigint WHERE $3::bigint IS NOT NULL)
     SELECT a.id, a.account_no, a.status, a.customer_id FROM account a
      WHERE a.customer_id IN (SELECT id FROM same_identity)
        AND a.id IS DISTINCT FROM $4::bigint
      ORDER BY a.id`,
    [taxHashes, idHashes, who.customerId, who.accountId],
  );
  const priorAccounts: FraudFacts['priorAccounts'][number][] = [];
  const otherActiveAccounts: FraudFacts['otherActiveAccounts'][number][] = [];
  for (const a of r.rows) {
    if (a.status === 'active') {
      if (a.customer_id !== who.customerId)
        otherActiveAccounts.push({ accountId: a.id, accountNo: a.account_no });
      continue;
    }
    const b = await accountBalances(q, a.id);
    priorAccounts.push({
      accountId: a.id,
      accountNo: a.account_no,
      status: a.status as 'final' | 'closed' | 'written_off',
      balanceCents: b.totalCents,
    });
  }
  return { priorAccounts, otherActiveAccounts, identityVerified: idHashes.length > 0 };
}

async function ownHashes(q: Queryable, customerId: number) {
  const c = await q.query<{ tax: string | null }>(
    'SELECT tax_id_hash AS tax FROM customer WHERE id = $1',
    [customerId],
  );
  const v = await q.query<{ h: string }>(
    'SELECT id_number_hash AS h FROM identity_verification WHERE customer_id = $1',
    [customerId],
  );
  return { tax: c.rows[0]?.tax ?? null, ids: v.rows.map((x) => x.h) };
}
