import { performance } from 'node:perf_hooks';
import { addDays, type LocalDate } from '../core/dates.ts';
import { cents, centsToDecimal } from '../core/money.ts';
import { expectOk, ok } from '../core/result.ts';
import { inTransaction, type Database } from '../db/index.ts';
import { systemActor } from '../modules/audit/index.ts';
import { runLateFees } from '../modules/billing/index.ts';
import {
  importRemittance,
  postPayment,
  recordReturnedPayment,
  type PostPaymentInput,
} from '../modules/payments/index.ts';
import { planBillPayments, type IssuedBill, type PlannedPayment } from './history-payments-plan.ts';

export type HistoryPaymentsSummary = {
  readonly payments: number;
  readonly paidCents: number;
  readonly byMethod: Readonly<Record<string, number>>;
  readonly lockboxFiles: number;
  readonly returned: number;
  readonly lateFeeRuns: number;
  readonly lateFees: number;
  readonly lateFeeCents: number;
  /** Wall-clock milliseconds spent on payments, returns and late fees, and by kind. */
  readonly ms: number;
  readonly msBy: Readonly<Record<'lockbox' | 'single' | 'returns' | 'lateFees', number>>;
};

/** A posted payment the bank will send back on `returnedOn`. */
type ReturnDue = {
  readonly paymentId: number;
  readonly ach: boolean;
  readonly returnedOn: LocalDate;
};
type Day = { payments: PlannedPayment[]; returns: ReturnDue[]; lateFees: boolean };

const actor = systemActor('demo history');
/** A routing number whose ABA check digit is right (JPMorgan Chase, NY). */
const demoRouting = '021000021';

/** Noon in Mesa on `date` (19:00 UTC): when the day's payments are posted. */
const noonOf = (date: LocalDate): Date => new Date(`${date}T19:00:00.000Z`);

/**
 * The payments of the demo history, interleaved with its bill runs in date order through
 * the real payment paths: after each run `afterRun` plans what its bills receive
 * (history-payments-plan.ts); `until(date)` posts everything dated before `date` day by day:
 * card and autopay payments through `postPayment`, bounced payments through
 * `recordReturnedPayment` (reversal + returned-payment fee), on the 16th of each month the
 * late-fee job (`runLateFees`); mailed checks wait for the week's lockbox file, ONE CSV
 * through `importRemittance` (the bulk path) imported when the next week's first payment
 * day comes (an on-time check is still in the books before its account's next bill).
 * Deterministic from the seed.
 */
export class PaymentHistory {
  private readonly days = new Map<LocalDate, Day>();
  private readonly totals = {
    payments: 0,
    paidCents: 0,
    lockboxFiles: 0,
    returned: 0,
    lateFeeRuns: 0,
    lateFees: 0,
    lateFeeCents: 0,
  };
  private readonly byMethod: Record<string, number> = {};
  private ms = 0;
  /** Mailed checks waiting for the week's lockbox file. */
  private mailbag: PlannedPayment[] = [];
  private readonly msBy = { lockbox: 0, single: 0, returns: 0, lateFees: 0 };
  private runs = 0;

  constructor(
    private readonly db: Database,
    private readonly options: {
      readonly seed: number;
      readonly today: LocalDate;
      /** Run the late-fee job on the 16th of each month (slow: one transaction per bill due). */
      readonly lateFees: boolean;
    },
  ) {}

  /** Plans what the bills of the run just done receive (and, at the first, the late-fee days). */
  async afterRun(runId: number | null): Promise<void> {
    const started = performance.now();
    const bills = runId === null ? [] : await billsOfRun(this.db, runId);
    if (this.runs === 0 && bills[0] && this.options.lateFees)
      this.scheduleLateFees(bills[0].billDate);
    const planned = planBillPayments(bills, this.options.seed, this.runs++, this.options.today);
    for (const p of planned) this.dayOf(p.date).payments.push(p);
    this.ms += performance.now() - started;
  }

  /** Posts every day before `date` (the next bill run's date) in date order. */
  async until(date: LocalDate): Promise<void> {
    const started = performance.now();
    for (;;) {
      const next = [...this.days.keys()].filter((d) => d < date).sort()[0];
      if (next === undefined) break;
      const day = this.days.get(next)!;
      this.days.delete(next);
      await this.postDay(next, day);
    }
    this.ms += performance.now() - started;
  }

  /** Posts the rest, through today, and sums it up. */
  async finish(): Promise<HistoryPaymentsSummary> {
    await this.until(addDays(this.options.today, 1));
    await this.flushMailbag();
    await this.until(addDays(this.options.today, 1)); // returns of the last checks
    const msBy = { ...this.msBy };
    for (const k of Object.keys(msBy) as (keyof typeof msBy)[]) msBy[k] = Math.round(msBy[k]);
    return { ...this.totals, byMethod: this.byMethod, ms: Math.round(this.ms), msBy };
  }

  private async timed<T>(kind: keyof PaymentHistory['msBy'], work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.msBy[kind] += performance.now() - started;
    }
  }

  private dayOf(d: LocalDate): Day {
    let day = this.days.get(d);
    if (!day) this.days.set(d, (day = { payments: [], returns: [], lateFees: false }));
    return day;
  }

  private scheduleLateFees(from: LocalDate): void {
    for (let d = from; d <= this.options.today; d = addDays(d, 1)) {
      if (d.endsWith('-16')) this.dayOf(d).lateFees = true;
    }
  }

  private async postDay(date: LocalDate, day: Day): Promise<void> {
    const now = noonOf(date);
    const bagged = this.mailbag[0];
    if (bagged && weekOf(bagged.date) !== weekOf(date)) await this.flushMailbag();
    this.mailbag.push(...day.payments.filter((p) => p.method === 'lockbox'));
    const single = day.payments.filter((p) => p.method !== 'lockbox');
    this.record(await this.timed('single', () => postSingly(this.db, single, now)));
    await this.timed('returns', async () => {
      for (const p of day.returns) await returnPayment(this.db, p);
    });
    this.totals.returned += day.returns.length;
    if (day.lateFees) {
      await this.flushMailbag();
      const r = expectOk(
        await this.timed('lateFees', () => runLateFees(this.db, { asOf: date }, { actor, now })),
      );
      this.totals.lateFeeRuns++;
      this.totals.lateFees += r.charged;
      this.totals.lateFeeCents += r.feeCents;
    }
  }

  /**
   * The week's mailed checks as ONE lockbox file (each item keeps its own date) through the
   * remittance import: the bulk path, one file a week because a file costs more than an item.
   */
  private async flushMailbag(): Promise<void> {
    const mailed = this.mailbag;
    if (mailed.length === 0) return;
    this.mailbag = [];
    const last = mailed[mailed.length - 1]!.date;
    this.record(
      await this.timed('lockbox', () => this.postMailed(mailed[0]!.date, mailed, noonOf(last))),
    );
  }

  private record(posted: readonly [PlannedPayment, number][]): void {
    for (const [p, id] of posted) {
      this.totals.payments++;
      this.totals.paidCents += p.amountCents;
      this.byMethod[p.method] = (this.byMethod[p.method] ?? 0) + 1;
      if (p.returnedOn !== null) {
        const due = { paymentId: id, ach: p.method === 'autopay', returnedOn: p.returnedOn };
        this.dayOf(p.returnedOn).returns.push(due);
      }
    }
  }

  private async postMailed(
    date: LocalDate,
    mailed: readonly PlannedPayment[],
    now: Date,
  ): Promise<[PlannedPayment, number][]> {
    if (mailed.length === 0) return [];
    const r = expectOk(
      await importRemittance(
        this.db,
        {
          format: 'remittance-csv',
          fileName: `demo-lockbox-week-${date}.csv`,
          text: csvOf(mailed),
        },
        { actor, now },
      ),
    );
    this.totals.lockboxFiles++;
    return r.outcomes.flatMap((o) =>
      o.paymentId === null ? [] : [[mailed[o.index]!, o.paymentId]],
    );
  }
}

/** Card and autopay payments of one day through `postPayment`, in one transaction. */
async function postSingly(
  db: Database,
  single: readonly PlannedPayment[],
  now: Date,
): Promise<[PlannedPayment, number][]> {
  if (single.length === 0) return [];
  return expectOk(
    await inTransaction(db, async (tx) => {
      const ids: [PlannedPayment, number][] = [];
      for (const p of single) {
        const r = await postPayment(tx, paymentInput(p), { actor, now });
        // A cash-only account cannot pay by ACH: its autopay debit is skipped (unpaid).
        if (!r.ok && r.code === 'cash_only_account') continue;
        ids.push([p, expectOk(r).paymentId]);
      }
      return ok(ids);
    }),
  );
}

/** Monday-to-Sunday weeks: 1970-01-01 was a Thursday. */
function weekOf(d: LocalDate): number {
  return Math.floor((Date.parse(`${d}T00:00:00Z`) / 86_400_000 + 3) / 7);
}

async function billsOfRun(db: Database, runId: number): Promise<IssuedBill[]> {
  const r = await db.pool.query<{
    id: string;
    account_id: string;
    account_no: string;
    total_cents: string;
    bill_date: LocalDate;
    due_date: LocalDate;
  }>(
    `SELECT b.id, b.account_id, a.account_no, b.total_cents, b.bill_date::text AS bill_date,
            b.due_date::text AS due_date
       FROM bill b JOIN account a ON a.id = b.account_id
      WHERE b.run_id = $1 AND b.status = 'issued' ORDER BY b.account_id, b.id`,
    [runId],
  );
  return r.rows.map((row) => ({
    billId: Number(row.id),
    accountId: Number(row.account_id),
    accountNo: row.account_no,
    totalCents: Number(row.total_cents),
    billDate: row.bill_date,
    dueDate: row.due_date,
  }));
}

/** The day's mailed checks as the remittance CSV the bank's lockbox would send. */
function csvOf(mailed: readonly PlannedPayment[]): string {
  const lines = mailed.map(
    (p) =>
      `${p.accountNo},${centsToDecimal(p.amountCents)},${p.date},${p.billId},` +
      `${1000 + (p.billId % 9000)}`,
  );
  return ['account_number,amount,date,invoice_number,check_number', ...lines, ''].join('\n');
}

function paymentInput(p: PlannedPayment): PostPaymentInput {
  const base = {
    accountId: p.accountId,
    amountCents: cents(p.amountCents),
    effectiveDate: p.date,
    idempotencyKey: `demo-history:${p.method}:${p.billId}`,
  };
  const last4 = String(p.accountId % 10_000).padStart(4, '0');
  if (p.method === 'autopay') {
    return {
      ...base,
      channel: 'autopay',
      tender: { kind: 'ach', routingNumber: demoRouting, accountLast4: last4 },
    };
  }
  return {
    ...base,
    channel: p.method === 'phone' ? 'phone' : 'web',
    tender: { kind: 'card', token: `tok_demo_${p.method === 'phone' ? 'mc' : 'visa'}_${last4}` },
  };
}

async function returnPayment(db: Database, p: ReturnDue): Promise<void> {
  const ach = p.ach;
  expectOk(
    await inTransaction(db, (tx) =>
      recordReturnedPayment(
        tx,
        {
          paymentId: p.paymentId,
          source: ach ? 'ach' : 'check',
          returnCode: ach ? 'R01' : 'NSF',
          reason: ach ? 'Insufficient funds' : 'Check returned: not sufficient funds',
          returnedOn: p.returnedOn,
        },
        { actor, now: noonOf(p.returnedOn) },
      ),
    ),
  );
}
