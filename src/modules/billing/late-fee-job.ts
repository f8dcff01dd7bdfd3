import { addDays, type LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database, type Queryable, type Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { accountFacts } from '../customers/index.ts';
import { accountBalances, postEntry } from '../ledger/index.ts';
import { feeAsOf } from '../rates/index.ts';
import { fundOf } from './adjustment-entry.ts';
import { budgetAmountDue } from './budget-billing.ts';
import {
  decideLateFee,
  lateFeeEntry,
  lateFeeExemptStatuses,
  type FundShare,
  type LateFeeDecision,
  type LateFeePolicy,
} from './late-fee-decision.ts';

/** How far back the job looks for bills that fell due (a missed day is caught up). */
export const lateFeeLookbackDays = 45;
const pageSize = 500;

export type LateFeeOutcome = LateFeeDecision['outcome'] | 'already_charged' | 'failed';

export type LateFeeItem = {
  readonly billId: number;
  readonly accountId: number;
  readonly outcome: LateFeeOutcome;
  readonly pastDueCents?: Cents;
  readonly feeCents?: Cents;
  readonly taxCents?: Cents;
  readonly journalEntryId?: number;
  readonly detail?: string;
};

export type LateFeeRun = {
  readonly asOf: LocalDate;
  readonly dryRun: boolean;
  readonly bills: number;
  readonly charged: number;
  readonly feeCents: Cents;
  readonly taxCents: Cents;
  readonly results: readonly LateFeeItem[];
};

type Candidate = {
  id: number;
  account_id: number;
  due_date: LocalDate;
  bill_date: LocalDate;
  total_cents: string | number;
};

/** The late-fee numbers in effect on `asOf`. Codes: `fee_not_found`. */
export async function lateFeePolicyAsOf(
  q: Queryable,
  asOf: LocalDate,
): Promise<Result<LateFeePolicy, 'fee_not_found'>> {
  const minimum = await feeAsOf(q, 'late_fee_minimum', asOf);
  if (!minimum.ok) return minimum;
  const threshold = await feeAsOf(q, 'late_fee_threshold', asOf);
  if (!threshold.ok) return threshold;
  const r = await q.query<{ basis_points: number }>(
    `SELECT basis_points FROM late_fee_policy WHERE effective_from <= $1::date
        AND (effective_to IS NULL OR effective_to >= $1::date)`,
    [asOf],
  );
  if (!r.rows[0]) return err('fee_not_found', `no late fee rate on ${asOf}`);
  return ok({
    basisPoints: r.rows[0].basis_points,
    minimumCents: minimum.value.amountCents,
    thresholdCents: threshold.value.amountCents,
  });
}

/**
 * The late-fee job (BIL-7): every issued bill that fell due in the last 45 days before
 * `asOf` (due_date < asOf) and has no late fee yet, decided by `decideLateFee` and, unless
 * `dryRun`, charged in ONE transaction per bill: one entry (kind `fee`, source
 * `late_fee:<billId>`) and a `bill_late_fee` row, audited `bill.late_fee_charged`. Running
 * it twice charges a bill once (the row, backed by the ledger's unique source reference).
 * Per-bill outcomes: not_delinquent, paid, under_threshold, exempt, charge, already_charged,
 * failed (a ledger refusal: configuration).
 *
 * Past due (documented rule): the account's receivable balance now (all posted entries)
 * minus the totals of its issued bills dated after this bill, capped at this bill's total —
 * payments go to the oldest debt first. Codes: `fee_not_found` (no late-fee data).
 */
export async function runLateFees(
  db: Database,
  input: { readonly asOf: LocalDate; readonly dryRun?: boolean },
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<Result<LateFeeRun, 'fee_not_found'>> {
  const policy = await lateFeePolicyAsOf(db.pool, input.asOf);
  if (!policy.ok) return policy;
  const dryRun = input.dryRun ?? false;
  const results: LateFeeItem[] = [];
  let afterId = 0;
  for (;;) {
    const page = await candidates(db.pool, input.asOf, afterId);
    for (const bill of page) {
      const r = await inTransaction(db, async (tx) =>
        ok(await assessBill(tx, bill, input.asOf, policy.value, dryRun, ctx)),
      );
      results.push(r.ok ? r.value : failed(bill, r.code));
    }
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]!.id;
  }
  const charged = results.filter((r) => r.outcome === 'charge');
  return ok({
    asOf: input.asOf,
    dryRun,
    bills: results.length,
    charged: charged.length,
    feeCents: cents(charged.reduce((s, r) => s + (r.feeCents ?? 0), 0)),
    taxCents: cents(charged.reduce((s, r) => s + (r.taxCents ?? 0), 0)),
    results,
  });
}

function failed(bill: Candidate, detail: string): LateFeeItem {
  return { billId: bill.id, accountId: Number(bill.account_id), outcome: 'failed', detail };
}

async function candidates(
  q: Queryable,
  asOf: LocalDate,
  afterId: number,
): Promise<readonly Candidate[]> {
  const r = await q.query<Candidate>(
    `SELECT b.id, b.account_id, b.due_date::text AS due_date, b.bill_date::text AS bill_date,
            b.total_cents
       FROM bill b
      WHERE b.status = 'issued' AND b.due_date < $1::date AND b.due_date >= $2::date
        AND b.id > $3 AND NOT EXISTS (SELECT 1 FROM bill_late_fee f WHERE f.bill_id = b.id)
      ORDER BY b.id LIMIT $4`,
    [asOf, addDays(asOf, -lateFeeLookbackDays), afterId, pageSize],
  );
  return r.rows.map((row) => ({ ...row, id: Number(row.id) }));
}

async function assessBill(
  tx: Tx,
  bill: Candidate,
  asOf: LocalDate,
  policy: LateFeePolicy,
  dryRun: boolean,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<LateFeeItem> {
  const accountId = Number(bill.account_id);
  const balanceCents = (await accountBalances(tx, accountId)).totalCents;
  // Under budget billing a bill asks for its instalment and the rest of its charges (and the
  // earlier bills') is deferred, not past due: only the amount asked can be late.
  const budget = await budgetAmountDue(tx, accountId, bill.id);
  const facts = {
    dueDate: bill.due_date,
    asOf,
    billTotalCents: cents(budget === null ? Number(bill.total_cents) : budget.amountDueCents),
    balanceCents: cents(balanceCents - (budget?.deferredAfterCents ?? 0)),
    laterBilledCents: await laterBilled(tx, bill),
    exemptStatus: null,
    funds: await fundShares(tx, bill.id),
  };
  let d = decideLateFee(facts, policy);
  if (d.outcome === 'charge') {
    d = decideLateFee({ ...facts, exemptStatus: await exemptStatus(tx, accountId, asOf) }, policy);
  }
  const base = { billId: bill.id, accountId, outcome: d.outcome };
  if (d.outcome !== 'charge')
    return 'pastDueCents' in d ? { ...base, pastDueCents: d.pastDueCents } : base;
  const charge = {
    ...base,
    pastDueCents: d.pastDueCents,
    feeCents: d.feeCents,
    taxCents: d.taxCents,
  };
  if (dryRun) return charge;
  const posted = await postEntry(tx, lateFeeEntry(bill.id, accountId, d.parts, asOf), ctx);
  if (!posted.ok) {
    return posted.code === 'duplicate_source_ref'
      ? { ...base, outcome: 'already_charged' }
      : { ...base, outcome: 'failed', detail: posted.code };
  }
  const entryId = posted.value.entryId;
  await tx.query(
    `INSERT INTO bill_late_fee (bill_id, account_id, assessed_on, past_due_cents, fee_cents,
       tax_cents, journal_entry_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [bill.id, accountId, asOf, d.pastDueCents, d.feeCents, d.taxCents, entryId, ctx.now],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'bill.late_fee_charged',
    entityType: 'bill',
    entityId: bill.id,
    accountId,
    after: {
      asOf,
      pastDueCents: d.pastDueCents,
      feeCents: d.feeCents,
      taxCents: d.taxCents,
      journalEntryId: entryId,
    },
  });
  return { ...charge, journalEntryId: entryId };
}

async function laterBilled(q: Queryable, bill: Candidate): Promise<Cents> {
  const r = await q.query<{ n: string }>(
    `SELECT coalesce(sum(total_cents), 0)::text AS n FROM bill
      WHERE account_id = $1 AND status = 'issued' AND id <> $2
        AND (bill_date, id) > ($3::date, $2)`,
    [bill.account_id, bill.id, bill.bill_date],
  );
  return cents(Number(r.rows[0]!.n));
}

/** The bill's receivable per fund (lines with their taxes) and each fund's tax rates. */
async function fundShares(q: Queryable, billId: number): Promise<readonly FundShare[]> {
  const r = await q.query<{ service: string; code: string; amount: string; bp: number | null }>(
    `SELECT service, code, amount_cents::text AS amount,
            (explanation->>'basisPoints')::int AS bp
       FROM bill_line WHERE bill_id = $1 ORDER BY line_no`,
    [billId],
  );
  const byFund = new Map<string, { weight: number; taxes: Map<string, number> }>();
  for (const row of r.rows) {
    const fund = fundOf(row.service);
    const share = byFund.get(fund) ?? { weight: 0, taxes: new Map<string, number>() };
    share.weight += Number(row.amount);
    if (row.code.startsWith('TAX-') && row.bp !== null) share.taxes.set(row.code, row.bp);
    byFund.set(fund, share);
  }
  return [...byFund].map(([fund, s]) => ({
    fund,
    weightCents: s.weight,
    taxes: [...s.taxes].map(([code, basisPoints]) => ({ code, basisPoints })),
  }));
}

async function exemptStatus(
  q: Queryable,
  accountId: number,
  asOf: LocalDate,
): Promise<string | null> {
  // accountFacts: the statuses open on asOf, in one query (not the agent's overview).
  const facts = (await accountFacts(q, [accountId], asOf)).get(accountId);
  return facts?.specialStatuses.find((s) => lateFeeExemptStatuses.includes(s)) ?? null;
}
