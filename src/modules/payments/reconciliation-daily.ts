import { addDays, type LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';
import { trialBalance, type Fund } from '../ledger/index.ts';
import { fundsOfDrawers, listDeposits, type DepositView } from './deposit-by-fund.ts';
import { readDrawers } from './drawer-store.ts';
import { drawerTenders, type DrawerTender, type DrawerView } from './drawer-types.ts';

export type ReconciliationDifference = {
  /** What does not tie: `drawer_open`, `drawer_not_verified`, `drawer_not_deposited`,
   * `receipts_changed_after_close`, `over_short`, `fund_not_deposited`, `ledger_drawer_balance`,
   * `window_payment_without_drawer`. */
  readonly kind: string;
  readonly drawerId: number | null;
  readonly fund: Fund | null;
  readonly amountCents: Cents;
  readonly detail: string;
};

export type Reconciliation = {
  readonly businessDate: LocalDate;
  readonly byTender: readonly {
    readonly tender: DrawerTender;
    readonly receiptsCents: Cents;
    readonly countedCents: Cents;
    readonly depositedCents: Cents;
  }[];
  readonly byFund: readonly {
    readonly fund: Fund;
    readonly receiptsCents: Cents;
    readonly depositedCents: Cents;
  }[];
  readonly drawers: number;
  readonly deposits: number;
  readonly overShortCents: Cents;
  /** Movement of cash.drawer:general on the day in the ledger (0 when all is deposited). */
  readonly ledgerDrawerCents: Cents;
  readonly differences: readonly ReconciliationDifference[];
  readonly tied: boolean;
};

/**
 * The daily reconciliation (PAY-4): receipts by tender and fund vs drawer counts vs bank
 * deposits vs the ledger. Ties to zero when every drawer of the day is closed, verified and
 * deposited, nothing changed after close, and cash.drawer:general moved by 0 on the day;
 * otherwise lists every difference. Over/short is listed (it is explained and posted).
 */
export async function dailyReconciliation(q: Queryable, date: LocalDate): Promise<Reconciliation> {
  const drawers = await readDrawers(q, { businessDate: date });
  const deposits = await listDeposits(q, date);
  const diffs: ReconciliationDifference[] = [];
  const byTender = drawerRows(drawers, diffs);
  const byFund = await fundRows(q, drawers, deposits, diffs);
  const ledgerDrawer = await drawerMovement(q, date);
  if (ledgerDrawer !== 0)
    diffs.push(
      diff(
        'ledger_drawer_balance',
        null,
        'general',
        ledgerDrawer,
        'cash.drawer:general did not return to zero on the day',
      ),
    );
  const stray = await strayWindowPayments(q, date);
  if (stray !== null) diffs.push(stray);
  const overShort = drawers.reduce((s, d) => s + (d.overShortCents ?? 0), 0);
  return {
    businessDate: date,
    byTender,
    byFund,
    drawers: drawers.length,
    deposits: deposits.length,
    overShortCents: cents(overShort),
    ledgerDrawerCents: ledgerDrawer,
    differences: diffs,
    tied: diffs.every((x) => x.kind === 'over_short'),
  };
}

function diff(
  kind: string,
  drawerId: number | null,
  fund: Fund | null,
  amount: number,
  detail: string,
): ReconciliationDifference {
  return { kind, drawerId, fund, amountCents: cents(amount), detail };
}

/** Receipts, counts and deposits by tender; a difference for each drawer not yet done. */
function drawerRows(
  drawers: readonly DrawerView[],
  diffs: ReconciliationDifference[],
): Reconciliation['byTender'] {
  const rows = drawerTenders.map((tender) => ({ tender, receipts: 0, counted: 0, deposited: 0 }));
  for (const dr of drawers) {
    for (const row of rows) {
      row.receipts += dr.receipts[row.tender].cents;
      const counted = dr.counted?.[row.tender] ?? 0;
      // Cash counted is the drawer less its float, plus what was dropped to the safe.
      const net =
        row.tender === 'cash' && dr.counted ? counted + dr.dropsCents - dr.floatCents : counted;
      row.counted += net;
      if (dr.status === 'deposited') row.deposited += net;
    }
    diffs.push(...drawerDifferences(dr));
  }
  return rows.map((r) => ({
    tender: r.tender,
    receiptsCents: cents(r.receipts),
    countedCents: cents(r.counted),
    depositedCents: cents(r.deposited),
  }));
}

function drawerDifferences(dr: DrawerView): ReconciliationDifference[] {
  const out: ReconciliationDifference[] = [];
  const receipts = drawerTenders.reduce((s, t) => s + dr.receipts[t].cents, 0);
  const who = `drawer ${dr.drawerId} (${dr.cashierName})`;
  const status = {
    open: ['drawer_open', 'is still open'],
    closed: ['drawer_not_verified', 'is not verified'],
    verified: ['drawer_not_deposited', 'is not deposited'],
    deposited: null,
  }[dr.status];
  if (status) out.push(diff(status[0]!, dr.drawerId, null, receipts, `${who} ${status[1]}`));
  if (dr.expected) {
    const e = dr.expected;
    const atClose = e.cash - dr.floatCents + dr.dropsCents + e.check + e.card;
    if (atClose !== receipts)
      out.push(
        diff(
          'receipts_changed_after_close',
          dr.drawerId,
          null,
          receipts - atClose,
          `${who}: receipts changed after it closed`,
        ),
      );
  }
  if (dr.overShortCents) {
    const word = dr.overShortCents > 0 ? 'over' : 'short';
    out.push(
      diff(
        'over_short',
        dr.drawerId,
        'general',
        dr.overShortCents,
        `${who} ${word} (posted to expense.over_short:general)`,
      ),
    );
  }
  return out;
}

async function fundRows(
  q: Queryable,
  drawers: readonly DrawerView[],
  deposits: readonly DepositView[],
  diffs: ReconciliationDifference[],
): Promise<Reconciliation['byFund']> {
  const receiptFunds = await fundsOfDrawers(
    q,
    drawers.map((x) => x.drawerId),
  );
  const depositedFunds = new Map<Fund, number>();
  for (const dep of deposits)
    for (const [f, c] of Object.entries(dep.byFund) as [Fund, number][])
      depositedFunds.set(f, (depositedFunds.get(f) ?? 0) + c);
  const funds = [...new Set([...receiptFunds.keys(), ...depositedFunds.keys()])].sort();
  const rows = funds.map((fund) => ({
    fund,
    receiptsCents: cents(receiptFunds.get(fund) ?? 0),
    depositedCents: cents(depositedFunds.get(fund) ?? 0),
  }));
  for (const f of rows)
    if (f.receiptsCents !== f.depositedCents)
      diffs.push(
        diff(
          'fund_not_deposited',
          null,
          f.fund,
          f.receiptsCents - f.depositedCents,
          `${f.fund}: receipts (with over/short) and deposits differ`,
        ),
      );
  return rows;
}

async function strayWindowPayments(
  q: Queryable,
  date: LocalDate,
): Promise<ReconciliationDifference | null> {
  const r = await q.query<{ n: string; total: string | null }>(
    `SELECT count(*) AS n, sum(amount_cents + fee_cents) AS total FROM payment
      WHERE effective_date = $1 AND channel = 'window' AND tender <> 'ach' AND drawer_id IS NULL
        AND status = 'posted'`,
    [date],
  );
  const n = Number(r.rows[0]!.n);
  if (n === 0) return null;
  return diff(
    'window_payment_without_drawer',
    null,
    null,
    Number(r.rows[0]!.total),
    `${n} window payments were taken without a drawer`,
  );
}

async function drawerMovement(q: Queryable, date: LocalDate): Promise<Cents> {
  const bal = async (asOf: LocalDate) =>
    (await trialBalance(q, { asOf })).rows.find((r) => r.glAccount === 'cash.drawer:general')
      ?.balanceCents ?? 0;
  return cents((await bal(date)) - (await bal(addDays(date, -1))));
}
