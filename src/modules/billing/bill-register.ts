import { centsToDecimal } from '../../core/money.ts';
import type { Queryable } from '../../db/index.ts';

/**
 * The bill register of one run (BIL-4): what the run billed, summed every way finance
 * reconciles it — by service, by fund (the receivables the ledger entries debit), by rate
 * schedule, taxes by jurisdiction — and the accounts it did not bill, by code. Issued bills
 * only (a bill cancelled since drops out).
 */
export type BillRegister = {
  readonly runId: number;
  readonly cycle: number;
  readonly asOf: string;
  readonly status: string;
  readonly bills: number;
  readonly totalCents: number;
  readonly byService: readonly {
    readonly service: string;
    readonly bills: number;
    readonly chargesCents: number;
    readonly taxesCents: number;
    readonly totalCents: number;
  }[];
  readonly byFund: readonly {
    readonly fund: string;
    readonly bills: number;
    readonly totalCents: number;
  }[];
  readonly bySchedule: readonly {
    readonly schedule: string;
    readonly bills: number;
    readonly chargesCents: number;
  }[];
  readonly taxes: readonly {
    readonly jurisdiction: string;
    readonly code: string;
    readonly lines: number;
    readonly amountCents: number;
  }[];
  readonly exceptions: readonly {
    readonly status: string;
    readonly code: string;
    readonly accounts: number;
  }[];
};

/** The fund of a line's service, as billEntry debits it (bill-entry.ts). */
const fundSql = `CASE l.service WHEN 'irrigation' THEN 'water' WHEN 'hydrant' THEN 'water'
  WHEN 'account' THEN 'general' ELSE l.service END`;
const isTax = `(l.explanation->>'kind' = 'tax')`;
const runLines = `FROM bill_line l JOIN bill b ON b.id = l.bill_id
  WHERE b.run_id = $1 AND b.status = 'issued'`;

type Num = string | number;
const n = (v: Num) => Number(v);

/** The register of `runId`, or undefined when there is no such run. */
export async function billRegister(q: Queryable, runId: number): Promise<BillRegister | undefined> {
  const run = await q.query<{ cycle: number; as_of: string; status: string }>(
    'SELECT cycle, as_of::text AS as_of, status FROM bill_run WHERE id = $1',
    [runId],
  );
  const head = run.rows[0];
  if (!head) return undefined;
  // One after another: a transaction's client runs one query at a time anyway.
  const totals = await q.query<{ bills: Num; total: Num }>(
    `SELECT count(*) AS bills, coalesce(sum(total_cents), 0) AS total FROM bill
        WHERE run_id = $1 AND status = 'issued'`,
    [runId],
  );
  const { byService, byFund, bySchedule, taxes } = await lineSums(q, runId);
  const exceptions = await q.query<{ status: string; code: string; accounts: Num }>(
    `SELECT status, coalesce(code, 'unknown') AS code, count(*) AS accounts
         FROM bill_run_item WHERE run_id = $1 AND status <> 'billed'
        GROUP BY 1, 2 ORDER BY 1, 2`,
    [runId],
  );
  const t = totals.rows[0]!;
  return {
    runId,
    cycle: head.cycle,
    asOf: head.as_of,
    status: head.status,
    bills: n(t.bills),
    totalCents: n(t.total),
    byService: byService.rows.map((r) => ({
      service: r.service,
      bills: n(r.bills),
      chargesCents: n(r.charges),
      taxesCents: n(r.taxes),
      totalCents: n(r.charges) + n(r.taxes),
    })),
    byFund: byFund.rows.map((r) => ({ fund: r.fund, bills: n(r.bills), totalCents: n(r.total) })),
    bySchedule: bySchedule.rows.map((r) => ({
      schedule: r.schedule,
      bills: n(r.bills),
      chargesCents: n(r.charges),
    })),
    taxes: taxes.rows.map((r) => ({
      jurisdiction: jurisdictionOf(r.code),
      code: r.code,
      lines: n(r.lines),
      amountCents: n(r.amount),
    })),
    exceptions: exceptions.rows.map((r) => ({
      status: r.status,
      code: r.code,
      accounts: n(r.accounts),
    })),
  };
}

/** The run's issued bill lines summed by service, fund, schedule and tax code. */
async function lineSums(q: Queryable, runId: number) {
  const byService = await q.query<{ service: string; bills: Num; charges: Num; taxes: Num }>(
    `SELECT l.service, count(DISTINCT l.bill_id) AS bills,
              coalesce(sum(l.amount_cents) FILTER (WHERE NOT ${isTax}), 0) AS charges,
              coalesce(sum(l.amount_cents) FILTER (WHERE ${isTax}), 0) AS taxes
         ${runLines} GROUP BY l.service ORDER BY l.service`,
    [runId],
  );
  const byFund = await q.query<{ fund: string; bills: Num; total: Num }>(
    `SELECT ${fundSql} AS fund, count(DISTINCT l.bill_id) AS bills,
              sum(l.amount_cents) AS total
         ${runLines} GROUP BY 1 ORDER BY 1`,
    [runId],
  );
  const bySchedule = await q.query<{ schedule: string; bills: Num; charges: Num }>(
    `SELECT coalesce(l.explanation->>'scheduleCode', '') AS schedule,
              count(DISTINCT l.bill_id) AS bills, sum(l.amount_cents) AS charges
         ${runLines} AND NOT ${isTax} GROUP BY 1 ORDER BY 1`,
    [runId],
  );
  const taxes = await q.query<{ code: string; lines: Num; amount: Num }>(
    `SELECT l.code, count(*) AS lines, sum(l.amount_cents) AS amount
         ${runLines} AND ${isTax} GROUP BY l.code ORDER BY l.code`,
    [runId],
  );
  return { byService, byFund, bySchedule, taxes };
}

/** 'TAX-STATE' → 'state'. */
function jurisdictionOf(code: string): string {
  return code.startsWith('TAX-') ? code.slice(4).toLowerCase() : code;
}

const csvQuote = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * The register as one CSV table (RFC 4180): `section,key,bills_or_count,amount` where the
 * amount is in dollars with two decimals (exact: formatted from cents, never a float sum).
 */
export function registerCsv(r: BillRegister): string {
  const rows: (readonly [string, string, number, string])[] = [
    [
      'run',
      `${r.runId} cycle ${r.cycle} as of ${r.asOf} (${r.status})`,
      r.bills,
      centsToDecimal(r.totalCents),
    ],
    ...r.byService.map(
      (s) => ['service', s.service, s.bills, centsToDecimal(s.totalCents)] as const,
    ),
    ...r.byFund.map((f) => ['fund', f.fund, f.bills, centsToDecimal(f.totalCents)] as const),
    ...r.bySchedule.map(
      (s) => ['schedule', s.schedule, s.bills, centsToDecimal(s.chargesCents)] as const,
    ),
    ...r.taxes.map((t) => ['tax', t.jurisdiction, t.lines, centsToDecimal(t.amountCents)] as const),
    ...r.exceptions.map((e) => ['exception', `${e.status}:${e.code}`, e.accounts, ''] as const),
  ];
  const lines = rows.map((row) => row.map((v) => csvQuote(String(v))).join(','));
  return ['section,key,count,amount', ...lines].join('\r\n') + '\r\n';
}
