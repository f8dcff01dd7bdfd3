import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  postEntry,
  type Fund,
  type JournalLineInput,
  type PostEntryCode,
} from '../ledger/index.ts';
import type { DrawerContext } from './drawer.ts';
import { readDrawer } from './drawer-store.ts';
import type { DrawerTender, DrawerView } from './drawer-types.ts';

export type DepositCode = 'invalid' | 'drawer_not_found' | 'drawer_not_verified' | PostEntryCode;

export type DepositView = {
  readonly depositId: number;
  readonly businessDate: LocalDate;
  readonly totalCents: Cents;
  readonly byFund: Readonly<Partial<Record<Fund, Cents>>>;
  readonly byTender: Readonly<Record<DrawerTender, { count: number; cents: Cents }>>;
  readonly checks: readonly { checkNumber: string; accountLast4: string; amountCents: Cents }[];
  readonly drawerIds: readonly number[];
  readonly journalEntryId: number | null;
  readonly createdBy: string;
  readonly createdAt: string;
};

/** What the drawers' money belongs to, per fund: receipts (fees to general) + over/short. */
export async function fundsOfDrawers(
  q: Queryable,
  drawerIds: readonly number[],
): Promise<Map<Fund, Cents>> {
  const r = await q.query<{ fund: Fund; total: string }>(
    `SELECT fund, sum(amount) AS total FROM (
       SELECT a->>'fund' AS fund, (a->>'amountCents')::bigint AS amount
         FROM payment p CROSS JOIN LATERAL jsonb_array_elements(p.application) a
        WHERE p.drawer_id = ANY($1::bigint[]) AND p.status = 'posted'
       UNION ALL SELECT 'general', fee_cents FROM payment
        WHERE drawer_id = ANY($1::bigint[]) AND status = 'posted'
       UNION ALL SELECT fund, amount_cents FROM city_receivable_sale
        WHERE drawer_id = ANY($1::bigint[])
          AND NOT EXISTS (SELECT 1 FROM window_transaction w
                           WHERE w.id = transaction_id AND w.voided_at IS NOT NULL)
       UNION ALL SELECT 'general', coalesce(over_short_cents, 0) FROM cash_drawer
        WHERE id = ANY($1::bigint[])) t
      GROUP BY fund HAVING sum(amount) <> 0 ORDER BY fund`,
    [drawerIds],
  );
  return new Map(r.rows.map((x) => [x.fund, cents(Number(x.total))]));
}

/**
 * Groups verified drawers into one bank deposit by fund (PAY-4). ONE entry (kind
 * `transfer`, source `deposit:<id>`): Cr cash.drawer:general for everything counted; Dr
 * cash.bank:F per fund; for F ≠ general the interfund settles (Dr due_to.F:general, Cr
 * due_from.general:F). Over/short belongs to the General Fund. Drawers become `deposited`.
 * Codes: `invalid` (no drawers, or of different days), `drawer_not_found`,
 * `drawer_not_verified`. Audited `deposit.created`.
 */
export async function createDeposit(
  tx: Tx,
  input: { readonly drawerIds: readonly number[] },
  ctx: DrawerContext,
): Promise<Result<DepositView, DepositCode>> {
  const ids = [...new Set(input.drawerIds)].sort((a, b) => a - b);
  if (ids.length === 0) return err('invalid', 'choose drawers', { drawerIds: 'empty' });
  const drawers: DrawerView[] = [];
  for (const id of ids) {
    const d = await readDrawer(tx, id, true);
    if (!d) return err('drawer_not_found', `drawer ${id}`);
    if (d.status !== 'verified')
      return err('drawer_not_verified', `drawer ${id} is ${d.status}: verify it first`);
    drawers.push(d);
  }
  const date = drawers[0]!.businessDate;
  if (drawers.some((d) => d.businessDate !== date))
    return err('invalid', 'one deposit per business day', { drawerIds: 'different days' });
  const byFund = await fundsOfDrawers(tx, ids);
  const byTender = tenderTotals(drawers);
  const total = cents(byTender.cash.cents + byTender.check.cents + byTender.card.cents);
  const checks = await checksOf(tx, ids);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO bank_deposit (business_date, total_cents, by_fund, by_tender, checks,
       created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      date,
      total,
      JSON.stringify(Object.fromEntries(byFund)),
      JSON.stringify(byTender),
      JSON.stringify(checks),
      ctx.actor.name,
      ctx.now,
    ],
  );
  const depositId = Number(r.rows[0]!.id);
  const posted = await postEntry(tx, depositEntry(depositId, date, total, byFund), ctx);
  if (!posted.ok) return posted;
  await tx.query('UPDATE bank_deposit SET journal_entry_id = $2 WHERE id = $1', [
    depositId,
    posted.value.entryId,
  ]);
  await tx.query(
    `UPDATE cash_drawer SET status = 'deposited', deposit_id = $2 WHERE id = ANY($1::bigint[])`,
    [ids, depositId],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'deposit.created',
    entityType: 'bank_deposit',
    entityId: depositId,
    after: { drawerIds: ids, totalCents: total, byFund: Object.fromEntries(byFund) },
  });
  return ok((await getDeposit(tx, depositId))!);
}

function tenderTotals(drawers: readonly DrawerView[]): DepositView['byTender'] {
  const t = {
    cash: { count: 0, cents: 0 },
    check: { count: 0, cents: 0 },
    card: { count: 0, cents: 0 },
  };
  for (const d of drawers) {
    const c = d.counted!;
    t.cash.cents += c.cash + d.dropsCents - d.floatCents;
    t.cash.count += d.receipts.cash.count;
    t.check.cents += c.check;
    t.check.count += d.receipts.check.count;
    t.card.cents += c.card;
    t.card.count += d.receipts.card.count;
  }
  const f = (x: { count: number; cents: number }) => ({ count: x.count, cents: cents(x.cents) });
  return { cash: f(t.cash), check: f(t.check), card: f(t.card) };
}

async function checksOf(q: Queryable, ids: readonly number[]): Promise<DepositView['checks']> {
  const r = await q.query<{ checkNumber: string; accountLast4: string; amount: string }>(
    `SELECT tender_detail->>'checkNumber' AS "checkNumber",
            tender_detail->>'accountLast4' AS "accountLast4", amount_cents AS amount
       FROM payment WHERE drawer_id = ANY($1::bigint[]) AND status = 'posted' AND tender = 'check'
      ORDER BY id`,
    [ids],
  );
  return r.rows.map((x) => ({ ...x, amountCents: cents(Number(x.amount)) }));
}

function depositEntry(id: number, date: LocalDate, total: Cents, byFund: Map<Fund, Cents>) {
  const lines: JournalLineInput[] = [];
  for (const [fund, amount] of byFund) {
    const abs = cents(Math.abs(amount));
    lines.push(
      amount > 0
        ? { glAccount: `cash.bank:${fund}`, debitCents: abs }
        : { glAccount: `cash.bank:${fund}`, creditCents: abs },
    );
    if (fund === 'general') continue;
    lines.push({ glAccount: `due_to.${fund}:general`, debitCents: amount });
    lines.push({ glAccount: `due_from.general:${fund}`, creditCents: amount });
  }
  lines.push({ glAccount: 'cash.drawer:general', creditCents: total });
  return {
    kind: 'transfer' as const,
    sourceRef: `deposit:${id}`,
    effectiveDate: date,
    memo: `bank deposit ${id} by fund`,
    lines,
  };
}

export async function getDeposit(q: Queryable, depositId: number): Promise<DepositView | null> {
  const r = await q.query<{
    depositId: string;
    businessDate: LocalDate;
    totalCents: string;
    byFund: Record<string, number>;
    byTender: DepositView['byTender'];
    checks: DepositView['checks'];
    journalEntryId: string | null;
    createdBy: string;
    createdAt: string;
    drawerIds: string[] | null;
  }>(
    `SELECT d.id AS "depositId", d.business_date::text AS "businessDate",
       d.total_cents AS "totalCents", d.by_fund AS "byFund", d.by_tender AS "byTender", d.checks,
       d.journal_entry_id AS "journalEntryId", d.created_by AS "createdBy",
       to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
       (SELECT array_agg(c.id ORDER BY c.id) FROM cash_drawer c WHERE c.deposit_id = d.id)
         AS "drawerIds"
       FROM bank_deposit d WHERE d.id = $1`,
    [depositId],
  );
  const x = r.rows[0];
  if (!x) return null;
  return {
    ...x,
    depositId: Number(x.depositId),
    totalCents: cents(Number(x.totalCents)),
    byFund: Object.fromEntries(Object.entries(x.byFund).map(([f, c]) => [f, cents(Number(c))])),
    journalEntryId: x.journalEntryId === null ? null : Number(x.journalEntryId),
    drawerIds: (x.drawerIds ?? []).map(Number),
  };
}

/** Deposits of a business day. */
export async function listDeposits(q: Queryable, date: LocalDate): Promise<DepositView[]> {
  const r = await q.query<{ id: string }>(
    'SELECT id FROM bank_deposit WHERE business_date = $1 ORDER BY id',
    [date],
  );
  const out: DepositView[] = [];
  for (const row of r.rows) out.push((await getDeposit(q, Number(row.id)))!);
  return out;
}
