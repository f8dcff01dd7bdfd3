import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Tx } from '../../db/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { funds, type Fund } from '../ledger/index.ts';
import type { BillDue } from './application.ts';
import { openItemsFor } from './open-items.ts';
import type { ApplicationFacts } from './remittance-bulk-plan.ts';

/**
 * The application facts of MANY accounts at once, for the remittance bulk path: the same
 * facts that openItemsFor reads per account (receivable balance per fund, the newest 24
 * issued bills' amounts per fund, the deposit due) in three set-based queries for the whole
 * file; the planner (remittance-bulk-plan.ts) turns them into open items with the same pure
 * `openItemsOf`, item by item. Accounts with a deposit requirement (rare) read their deposit
 * due through openItemsFor itself, as of `asOf` (the file's first date).
 *
 * Boundary note: these read-only queries touch the ledger's journal_line, billing's bill /
 * bill_line and customers' account_deposit_requirement directly, mirroring
 * ledger.accountBalances and billing.openBillsOf; they belong in bulk exports of those
 * modules (the per-account functions make 100,000 payments/s impossible).
 */
export async function applicationFactsOf(
  tx: Tx,
  accountIds: readonly number[],
  asOf: LocalDate,
): Promise<Map<number, ApplicationFacts>> {
  const ids = [...new Set(accountIds)];
  const out = new Map<number, ApplicationFacts>();
  if (ids.length === 0) return out;
  const balances = await balancesOf(tx, ids);
  const bills = await billsOf(tx, ids);
  const withDeposit = await tx.query<{ a: string }>(
    `SELECT DISTINCT account_id AS a FROM account_deposit_requirement
      WHERE account_id = ANY($1::bigint[]) AND status = 'required'`,
    [ids],
  );
  for (const id of ids) {
    const byFund = (balances.get(id) ?? []).sort(
      (a, b) => funds.indexOf(a.fund) - funds.indexOf(b.fund),
    );
    out.set(id, {
      balances: new Map(byFund.map((b) => [b.fund, b.balanceCents])),
      billsNewestFirst: bills.get(id) ?? [],
      deposit: null,
    });
  }
  for (const row of withDeposit.rows) {
    const id = Number(row.a);
    const overview = await getAccountOverview(tx, id);
    if (!overview.ok) continue;
    const due = (await openItemsFor(tx, overview.value, asOf)).find((i) => i.bucket === 'deposit');
    if (due) out.get(id)!.deposit = { fund: due.fund, amountCents: due.amountCents };
  }
  return out;
}

type FundBalance = { fund: Fund; balanceCents: Cents };

async function balancesOf(tx: Tx, ids: readonly number[]): Promise<Map<number, FundBalance[]>> {
  const r = await tx.query<{ a: string; fund: Fund; net: string }>(
    `SELECT l.account_id AS a, l.fund, sum(l.debit_cents - l.credit_cents)::int8 AS net
       FROM journal_line l JOIN gl_account g ON g.code = l.gl_account
      WHERE l.account_id = ANY($1::bigint[]) AND g.is_receivable
      GROUP BY 1, 2`,
    [ids],
  );
  const out = new Map<number, FundBalance[]>();
  for (const row of r.rows) {
    const id = Number(row.a);
    const list = out.get(id) ?? [];
    list.push({ fund: row.fund, balanceCents: cents(Number(row.net)) });
    out.set(id, list);
  }
  return out;
}

/** Issued bills newest first, per account (at most 24, as billing.openBillsOf). */
async function billsOf(tx: Tx, ids: readonly number[]): Promise<Map<number, BillDue[]>> {
  const r = await tx.query<{ a: string; b: string; due: LocalDate; fund: Fund; amount: string }>(
    `SELECT b.account_id AS a, b.id AS b, b.due_date::text AS due,
            CASE l.service WHEN 'irrigation' THEN 'water' WHEN 'hydrant' THEN 'water'
                           WHEN 'account' THEN 'general' ELSE l.service END AS fund,
            sum(l.amount_cents)::int8 AS amount
       FROM bill b JOIN bill_line l ON l.bill_id = b.id
      WHERE b.account_id = ANY($1::bigint[]) AND b.status = 'issued'
      GROUP BY b.account_id, b.id, b.bill_date, b.due_date, 4
      ORDER BY b.account_id, b.bill_date DESC, b.id DESC, 4`,
    [ids],
  );
  const out = new Map<number, BillDue[]>();
  let lastBill = '';
  let current: { dueDate: LocalDate; byFund: { fund: Fund; amountCents: Cents }[] } | null = null;
  for (const row of r.rows) {
    const id = Number(row.a);
    if (row.b !== lastBill) {
      lastBill = row.b;
      const list = out.get(id) ?? [];
      current = { dueDate: row.due, byFund: [] };
      if (list.length < 24) list.push(current);
      out.set(id, list);
    }
    if (Number(row.amount) > 0)
      current!.byFund.push({ fund: row.fund, amountCents: cents(Number(row.amount)) });
  }
  return out;
}
