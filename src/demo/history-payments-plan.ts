import { addDays, type LocalDate } from '../core/dates.ts';
import { createRandom } from './random.ts';

/** A bill the history's bill run just issued, as the payment planner needs it. */
export type IssuedBill = {
  readonly billId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly totalCents: number;
  readonly billDate: LocalDate;
  readonly dueDate: LocalDate;
};

/**
 * How a customer pays (`lockbox`: a check mailed to the bank's lockbox, posted by the
 * remittance import; `web` / `phone`: a card; `autopay`: an ACH debit on the due date).
 */
export type PayMethod = 'lockbox' | 'web' | 'phone' | 'autopay';
export type PayTiming = 'on_time' | 'late' | 'partial';

export type PlannedPayment = {
  readonly billId: number;
  readonly accountId: number;
  readonly accountNo: string;
  readonly amountCents: number;
  readonly date: LocalDate;
  readonly method: PayMethod;
  readonly timing: PayTiming;
  /** The day the bank sends it back (NSF check / ACH R01), or null. */
  readonly returnedOn: LocalDate | null;
};

/**
 * Shares of the demo's customers (accounts keep their habit from bill to bill): most mail a
 * check, some pay by card on the web or phone, some are on autopay, a few never pay (they go
 * past due and get late fees). Per bill: some pay late, some pay half, a few payments bounce.
 */
export const payHabits = {
  neverPays: 0.03,
  autopay: 0.025,
  web: 0.015,
  phone: 0.01,
  late: 0.08,
  partial: 0.04,
  returned: 0.015,
  /** The sandbox gateway declines $10,000.00 and more (README): big bills are mailed. */
  cardLimitCents: 1_000_000,
} as const;

/** A stable number in [0, 1) for one account: its paying habit does not change. */
export function accountDraw(seed: number, accountId: number): number {
  return createRandom((Math.imul(seed, 2_654_435_761) ^ Math.imul(accountId, 40_503)) >>> 0).next();
}

function methodOf(habit: number, totalCents: number): PayMethod | 'never' {
  const card = totalCents < payHabits.cardLimitCents;
  const table: [PayMethod | 'never', number][] = [
    ['never', payHabits.neverPays],
    ['autopay', payHabits.autopay],
    [card ? 'web' : 'lockbox', payHabits.web],
    [card ? 'phone' : 'lockbox', payHabits.phone],
  ];
  let at = 0;
  for (const [method, share] of table) {
    at += share;
    if (habit < at) return method;
  }
  return 'lockbox';
}

/**
 * The payments a run's bills receive (pure, deterministic from the seed and the run):
 * autopay on the due date; on-time payers 4 to 18 days after the bill date (never after the
 * due date); late payers 6 to 20 days after the due date; partial payers half the bill on
 * time. Returned: a check 10 days after it was posted (NSF; its weekly lockbox file is in by then), an ACH debit 3 days after (R01).
 * Nothing is dated after `today`; bills of zero or less are not paid.
 */
export function planBillPayments(
  bills: readonly IssuedBill[],
  seed: number,
  runIndex: number,
  today: LocalDate,
): PlannedPayment[] {
  const random = createRandom((seed * 31_337 + runIndex * 7_919 + 17) >>> 0);
  const out: PlannedPayment[] = [];
  for (const b of bills) {
    const [timingDraw, dayDraw, returnDraw] = [random.next(), random.next(), random.next()];
    const method = methodOf(accountDraw(seed, b.accountId), b.totalCents);
    if (method === 'never' || b.totalCents <= 0) continue;
    const timing: PayTiming =
      method === 'autopay'
        ? 'on_time'
        : timingDraw < payHabits.late
          ? 'late'
          : timingDraw < payHabits.late + payHabits.partial
            ? 'partial'
            : 'on_time';
    const date = payDate(b, method, timing, dayDraw);
    if (date > today) continue;
    const bounces =
      returnDraw < payHabits.returned && (method === 'lockbox' || method === 'autopay');
    const returnedOn = bounces ? addDays(date, method === 'autopay' ? 3 : 10) : null;
    out.push({
      billId: b.billId,
      accountId: b.accountId,
      accountNo: b.accountNo,
      amountCents: timing === 'partial' ? Math.max(1, Math.floor(b.totalCents / 2)) : b.totalCents,
      date,
      method,
      timing,
      returnedOn: returnedOn !== null && returnedOn <= today ? returnedOn : null,
    });
  }
  return out;
}

function payDate(b: IssuedBill, method: PayMethod, timing: PayTiming, draw: number): LocalDate {
  if (method === 'autopay') return b.dueDate;
  if (timing === 'late') return addDays(b.dueDate, 6 + Math.floor(draw * 15));
  const onTime = addDays(b.billDate, 4 + Math.floor(draw * 15));
  return onTime < b.dueDate ? onTime : b.dueDate;
}
