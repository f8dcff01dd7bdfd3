import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';

export const remittanceFormats = ['lockbox', 'bai2', 'remittance-csv'] as const;
export type RemittanceFormat = (typeof remittanceFormats)[number];

/**
 * One payment a bank reports (a lockbox check, a BAI2 credit, a CSV row), as parsed: pure
 * data, no account resolved yet. `rejectReason` is set when the file is well formed but this
 * item cannot be a payment (a debit, a foreign currency, a zero amount): the item is reported
 * `rejected` and the rest of the file still imports.
 */
export type RemittanceItem = {
  /** 0-based position among the file's items: with the file hash, the idempotency key. */
  readonly index: number;
  /** 1-based physical line of the item's record. */
  readonly line: number;
  readonly amountCents: Cents;
  readonly effectiveDate: LocalDate;
  /** What the customer wrote or the stub carried: our account number, when present. */
  readonly accountRef: string | null;
  /** A bill number, when present. */
  readonly invoiceRef: string | null;
  readonly payerName: string | null;
  readonly checkNumber: string | null;
  readonly routingNumber: string | null;
  readonly bankAccountLast4: string | null;
  readonly rejectReason: string | null;
};

export type ParsedRemittance = {
  readonly format: RemittanceFormat;
  readonly items: readonly RemittanceItem[];
  /** Sum of the items' amounts that the file's own control totals vouch for. */
  readonly totalCents: Cents;
  /** Things the parser read but does not import (other accounts' balances, debits …). */
  readonly notes: readonly string[];
};

/** A malformed file: `fields` maps "line N" to "field: what is wrong". */
export type ParseProblem = { readonly detail: string; readonly fields: Record<string, string> };

export class RemittanceParseError extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`line ${line}, ${field}: ${problem}`);
  }
  toProblem(): ParseProblem {
    return {
      detail: this.message,
      fields: { [`line ${this.line}`]: `${this.field}: ${this.problem}` },
    };
  }
}

/** Digits only, as cents ("0000700000" = 700000 = $7,000.00). */
export function digitsToCents(text: string, line: number, field: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new RemittanceParseError(line, field, `"${text}" is not a number`);
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new RemittanceParseError(line, field, `"${text}" is too large`);
  return n;
}

/** YYMMDD or MMDDYY (pivot: 20YY) → YYYY-MM-DD; throws naming the line and field. */
export function sixDigitDate(
  text: string,
  order: 'YYMMDD' | 'MMDDYY',
  line: number,
  field: string,
): LocalDate {
  if (!/^\d{6}$/.test(text))
    throw new RemittanceParseError(line, field, `"${text}" is not a ${order} date`);
  const [yy, mm, dd] =
    order === 'YYMMDD'
      ? [text.slice(0, 2), text.slice(2, 4), text.slice(4, 6)]
      : [text.slice(4, 6), text.slice(0, 2), text.slice(2, 4)];
  const iso = `20${yy}-${mm}-${dd}`;
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    throw new RemittanceParseError(line, field, `"${text}" is not a real ${order} date`);
  return iso as LocalDate;
}
