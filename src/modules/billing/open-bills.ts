import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import type { Fund } from '../ledger/index.ts';

/** One issued bill: its due date and what it charged per fund (its lines incl. taxes). */
export type OpenBill = {
  readonly billId: number;
  readonly billDate: LocalDate;
  readonly dueDate: LocalDate;
  readonly byFund: readonly { readonly fund: Fund; readonly amountCents: Cents }[];
};

/**
 * An account's issued (not cancelled) bills, newest first, with each bill's amount per fund —
 * the same grouping as the bill's journal entry (bill-entry.ts: a line's fund is its
 * service's; taxes go with their service). Payments (PAY-1) use it to tell past-due from
 * current charges. At most `limit` bills.
 */
export async function openBillsOf(
  q: Queryable,
  accountId: number,
  limit = 24,
): Promise<readonly OpenBill[]> {
  const r = await q.query<{
    billId: number;
    billDate: LocalDate;
    dueDate: LocalDate;
    fund: Fund | null;
    amountCents: number | null;
  }>(
    `WITH b AS (
       SELECT id, bill_date, due_date FROM bill
        WHERE account_id = $1 AND status = 'issued'
        ORDER BY bill_date DESC, id DESC LIMIT $2)
     SELECT b.id AS "billId", b.bill_date::text AS "billDate", b.due_date::text AS "dueDate",
            f.fund, f.amount::int8 AS "amountCents"
       FROM b LEFT JOIN LATERAL (
         SELECT CASE l.service
                  WHEN 'irrigation' THEN 'water' WHEN 'hydrant' THEN 'water'
                  WHEN 'account' THEN 'general' ELSE l.service END AS fund,
                sum(l.amount_cents) AS amount
           FROM bill_line l WHERE l.bill_id = b.id GROUP BY 1) f ON true
      ORDER BY b.bill_date DESC, b.id DESC, f.fund`,
    [accountId, limit],
  );
  const bills: OpenBill[] = [];
  for (const row of r.rows) {
    let bill = bills[bills.length - 1];
    if (!bill || bill.billId !== Number(row.billId)) {
      bill = {
        billId: Number(row.billId),
        billDate: row.billDate,
        dueDate: row.dueDate,
        byFund: [],
      };
      bills.push(bill);
    }
    if (row.fund !== null && row.amountCents !== null && Number(row.amountCents) > 0) {
      (bill.byFund as { fund: Fund; amountCents: Cents }[]).push({
        fund: row.fund,
        amountCents: cents(Number(row.amountCents)),
      });
    }
  }
  return bills;
}
