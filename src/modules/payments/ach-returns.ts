import type { LocalDate } from '../../core/dates.ts';
import { cents, formatCents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { applyChangeNotice } from './ach-change.ts';
import { stopAutopay } from './autopay-enrol.ts';
import { changeCodeName, returnCodeName } from './nacha-codes.ts';
import { parseNacha } from './nacha-parse.ts';
import type { NachaChange, NachaEntry, NachaReturn } from './nacha-types.ts';
import { recordReturnedPayment } from './returned-payment.ts';
import type { PaymentContext } from './types.ts';

export type AchItemOutcome = {
  readonly line: number;
  readonly traceNumber: string;
  readonly originalTrace: string;
  readonly amountCents: number;
  /** R01 … or C01 …, and its NACHA name (null when the code is not a NACHA code). */
  readonly code: string;
  readonly codeName: string | null;
  readonly outcome:
    | 'returned'
    | 'prenote_returned'
    | 'changed'
    | 'noted'
    | 'unmatched'
    | 'already_processed'
    | 'rejected';
  readonly accountId: number | null;
  readonly paymentId: number | null;
  readonly detail: string;
};

export type AchReturnsResult = {
  readonly fileName: string;
  readonly items: readonly AchItemOutcome[];
  readonly counts: Readonly<Record<AchItemOutcome['outcome'], number>>;
};

type Matched = {
  id: number;
  enrolmentId: number;
  accountId: number;
  kind: string;
  paymentId: number | null;
};

/**
 * `cis import ach-returns FILE` (PAY-6): a bank's return / notification-of-change file. A
 * malformed file (line and field named) or one holding an entry that is neither a return
 * (addenda 99) nor a NOC (addenda 98) is refused whole. Each item is matched to the autopay
 * entry it answers by the original trace number; a return reverses the payment, charges the
 * fee, counts toward cash-only and stops autopay when the code requires it
 * (`recordReturnedPayment`); a returned prenote stops the enrolment; a NOC corrects the
 * enrolment. Unknown codes (R97, C92) are rejected per item; nothing else is touched.
 * Idempotent: the same file again reports `already_processed`.
 */
export async function importAchReturns(
  tx: Tx,
  input: { readonly fileName: string; readonly text: string; readonly returnedOn: LocalDate },
  ctx: PaymentContext,
): Promise<Result<AchReturnsResult, 'nacha_malformed' | 'not_a_return_file'>> {
  const parsed = parseNacha(input.text);
  if (!parsed.ok) return parsed;
  const items: AchItemOutcome[] = [];
  for (const batch of parsed.value.batches) {
    for (const entry of batch.entries) {
      const a = entry.addenda.find(
        (x): x is NachaReturn | NachaChange => x.kind === 'return' || x.kind === 'change',
      );
      if (!a) {
        return err(
          'not_a_return_file',
          `line ${entry.line}, addenda: entry ${entry.traceNumber} has no return (99) or change (98) addenda`,
          { [`line ${entry.line}`]: 'addenda: a return or notification of change expected' },
        );
      }
      items.push(await itemOf(tx, entry, a, input.returnedOn, ctx));
    }
  }
  const counts = {
    returned: 0,
    prenote_returned: 0,
    changed: 0,
    noted: 0,
    unmatched: 0,
    already_processed: 0,
    rejected: 0,
  };
  for (const i of items) counts[i.outcome]++;
  return ok({ fileName: input.fileName, items, counts });
}

async function itemOf(
  tx: Tx,
  entry: NachaEntry,
  a: NachaReturn | NachaChange,
  returnedOn: LocalDate,
  ctx: PaymentContext,
): Promise<AchItemOutcome> {
  const codeName = a.kind === 'return' ? returnCodeName(a.code) : changeCodeName(a.code);
  const base = {
    line: a.line,
    traceNumber: entry.traceNumber,
    originalTrace: a.originalTrace,
    amountCents: entry.amountCents,
    code: a.code,
    codeName,
    accountId: null,
    paymentId: null,
  };
  if (codeName === null) {
    const what = a.kind === 'return' ? 'return reason' : 'change';
    return {
      ...base,
      outcome: 'rejected',
      detail: `unknown ${what} code ${a.code}: not processed`,
    };
  }
  const m = await tx.query<Matched>(
    `SELECT id, enrolment_id AS "enrolmentId", account_id AS "accountId", kind,
            payment_id AS "paymentId" FROM ach_entry WHERE trace_number = $1 FOR UPDATE`,
    [a.originalTrace],
  );
  const x = m.rows[0];
  if (!x)
    return {
      ...base,
      outcome: 'unmatched',
      detail: `no autopay entry with trace ${a.originalTrace}`,
    };
  const found = {
    ...base,
    accountId: Number(x.accountId),
    paymentId: x.paymentId === null ? null : Number(x.paymentId),
  };
  return a.kind === 'return'
    ? returned(tx, found, x, a, returnedOn, ctx)
    : changed(tx, found, x, a, ctx);
}

type Base = Omit<AchItemOutcome, 'outcome' | 'detail'>;

async function returned(
  tx: Tx,
  base: Base,
  x: Matched,
  a: NachaReturn,
  returnedOn: LocalDate,
  ctx: PaymentContext,
): Promise<AchItemOutcome> {
  const done = await tx.query(
    'UPDATE ach_entry SET return_code = $2 WHERE id = $1 AND return_code IS NULL',
    [x.id, a.code],
  );
  if (!done.rowCount) return { ...base, outcome: 'already_processed', detail: 'returned before' };
  if (x.kind === 'prenote' || x.paymentId === null) {
    const s = await stopAutopay(
      tx,
      {
        accountId: Number(x.accountId),
        reason: `prenote returned ${a.code}`,
        stoppedOn: returnedOn,
      },
      ctx,
    );
    return {
      ...base,
      outcome: 'prenote_returned',
      detail: s.ok ? 'autopay stopped' : 'autopay was not open',
    };
  }
  const r = await recordReturnedPayment(
    tx,
    {
      paymentId: Number(x.paymentId),
      source: 'ach',
      returnCode: a.code,
      reason: base.codeName ?? a.code,
      returnedOn,
    },
    ctx,
  );
  if (!r.ok) {
    if (r.code === 'already_returned' || r.code === 'already_reversed') {
      return { ...base, outcome: 'already_processed', detail: r.code };
    }
    return { ...base, outcome: 'rejected', detail: `${r.code}${r.detail ? `: ${r.detail}` : ''}` };
  }
  const v = r.value;
  const notes = [`payment reversed`, `fee ${formatCents(cents(v.feeCents))}`];
  if (v.autopayStopped) notes.push('autopay stopped');
  if (v.cashOnlyFrom) notes.push(`cash-only from ${v.cashOnlyFrom}`);
  return { ...base, outcome: 'returned', detail: notes.join(', ') };
}

async function changed(
  tx: Tx,
  base: Base,
  x: Matched,
  a: NachaChange,
  ctx: PaymentContext,
): Promise<AchItemOutcome> {
  const r = await applyChangeNotice(
    tx,
    { enrolmentId: Number(x.enrolmentId), code: a.code, correctedData: a.correctedData },
    ctx,
  );
  if (!r.ok)
    return { ...base, outcome: 'rejected', detail: `${r.code}${r.detail ? `: ${r.detail}` : ''}` };
  return r.value.changed.length
    ? { ...base, outcome: 'changed', detail: `corrected ${r.value.changed.join(', ')}` }
    : { ...base, outcome: 'noted', detail: 'nothing an enrolment keeps; noted' };
}
