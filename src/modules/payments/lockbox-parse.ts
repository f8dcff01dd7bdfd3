import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import type { FieldSpan, LockboxLayout } from './lockbox-layouts.ts';
import {
  digitsToCents,
  RemittanceParseError,
  sixDigitDate,
  type ParsedRemittance,
  type RemittanceItem,
} from './remittance-types.ts';

type MutableItem = { -readonly [K in keyof RemittanceItem]: RemittanceItem[K] };

function take(line: string, span: FieldSpan): string {
  return line.slice(span[0] - 1, span[1]);
}

function required(text: string, lineNo: number, field: string, span: FieldSpan): string {
  if (text.length < span[1] - span[0] + 1)
    throw new RemittanceParseError(
      lineNo,
      field,
      `record too short (columns ${span[0]}-${span[1]})`,
    );
  return text;
}

function num(line: string, span: FieldSpan, lineNo: number, field: string): number {
  return digitsToCents(required(take(line, span), lineNo, field, span).trim(), lineNo, field);
}

/** Mutable state while reading: the items of the open batch and of the open lockbox. */
type State = {
  depositDate: LocalDate | null;
  items: MutableItem[];
  batch: { count: number; cents: number };
  lockbox: { count: number; cents: number };
  records: number;
  sawTrailer: boolean;
};

/**
 * Parses a bank lockbox file by `layout` (pure). Every control total must balance — each
 * batch total (count and amount of the checks since the last batch), each lockbox total and
 * the trailer's record count — else the whole file is refused with the line and field
 * (thrown as RemittanceParseError). The items' date is the batch's deposit date.
 */
export function parseLockbox(text: string, layout: LockboxLayout): ParsedRemittance {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  if (lines.length === 0) throw new RemittanceParseError(1, 'file', 'the file is empty');
  const s: State = {
    depositDate: null,
    items: [],
    batch: { count: 0, cents: 0 },
    lockbox: { count: 0, cents: 0 },
    records: 0,
    sawTrailer: false,
  };
  for (const [i, line] of lines.entries()) readRecord(s, line, i + 1, layout);
  if (!s.sawTrailer)
    throw new RemittanceParseError(
      lines.length,
      'record type',
      `no trailer (${layout.trailer.type}) record`,
    );
  const total = s.items.reduce((sum, it) => sum + it.amountCents, 0);
  return { format: 'lockbox', items: s.items, totalCents: cents(total), notes: [] };
}

function readRecord(s: State, line: string, no: number, layout: LockboxLayout): void {
  const type = take(line, layout.recordType);
  if (s.sawTrailer) throw new RemittanceParseError(no, 'record type', 'record after the trailer');
  if (no === 1 && type !== layout.header.type)
    throw new RemittanceParseError(
      no,
      'record type',
      `expected header "${layout.header.type}", found "${type}"`,
    );
  s.records += 1;
  if (type === layout.header.type) {
    if (no !== 1) throw new RemittanceParseError(no, 'record type', 'a second header record');
    sixDigitDate(take(line, layout.header.fileDate), layout.dateOrder, no, 'file date');
  } else if (layout.ignored.includes(type)) {
    return;
  } else if (type === layout.batchHeader.type) {
    const f = layout.batchHeader;
    s.depositDate = sixDigitDate(take(line, f.depositDate), layout.dateOrder, no, 'deposit date');
  } else if (type === layout.item.type) {
    readItem(s, line, no, layout);
  } else if (type === layout.overflow.type) {
    readOverflow(s, line, no, layout);
  } else if (type === layout.batchTotal.type) {
    checkTotal(s.batch, line, no, layout.batchTotal, 'batch total');
    s.batch = { count: 0, cents: 0 };
  } else if (type === layout.lockboxTotal.type) {
    checkTotal(s.lockbox, line, no, layout.lockboxTotal, 'lockbox total');
    s.lockbox = { count: 0, cents: 0 };
  } else if (type === layout.trailer.type) {
    const declared = num(line, layout.trailer.recordCount, no, 'record count');
    if (declared !== s.records)
      throw new RemittanceParseError(
        no,
        'record count',
        `says ${declared} records, the file has ${s.records}`,
      );
    s.sawTrailer = true;
  } else {
    throw new RemittanceParseError(
      no,
      'record type',
      `"${type}" is not a record of layout ${layout.name}`,
    );
  }
}

function readItem(s: State, line: string, no: number, layout: LockboxLayout): void {
  const f = layout.item;
  if (s.depositDate === null)
    throw new RemittanceParseError(
      no,
      'record type',
      `check before any batch header (${layout.batchHeader.type})`,
    );
  const amount = num(line, f.amount, no, 'amount');
  const routing = take(line, f.routing).trim();
  const bankAccount = take(line, f.bankAccount).trim();
  const remitter = take(line, f.remitter).trim();
  const check = take(line, f.checkNumber)
    .trim()
    .replace(/^0+(?=\d)/, '');
  s.items.push({
    index: s.items.length,
    line: no,
    amountCents: cents(amount),
    effectiveDate: s.depositDate,
    accountRef: null,
    invoiceRef: null,
    payerName: remitter === '' ? null : remitter,
    checkNumber: check === '' ? null : check,
    routingNumber: routing === '' ? null : routing,
    bankAccountLast4: bankAccount === '' ? null : bankAccount.slice(-4),
    rejectReason: amount <= 0 ? 'the amount is zero' : null,
  });
  s.batch.count += 1;
  s.batch.cents += amount;
  s.lockbox.count += 1;
  s.lockbox.cents += amount;
}

function readOverflow(s: State, line: string, no: number, layout: LockboxLayout): void {
  const item = s.items[s.items.length - 1];
  if (!item) throw new RemittanceParseError(no, 'record type', 'overflow record before any check');
  const f = layout.overflow;
  const meaning = f.meaning[take(line, f.overflowType)];
  const data = take(line, f.data).trim();
  if (meaning === undefined || data === '') return;
  const seen = item[meaning];
  item[meaning] = seen === null ? data : `${seen}${data}`;
}

function checkTotal(
  got: { count: number; cents: number },
  line: string,
  no: number,
  f: { readonly count: FieldSpan; readonly amount: FieldSpan },
  what: string,
): void {
  const count = num(line, f.count, no, `${what} item count`);
  const amount = num(line, f.amount, no, `${what} amount`);
  if (count !== got.count)
    throw new RemittanceParseError(
      no,
      `${what} item count`,
      `says ${count}, the checks number ${got.count}`,
    );
  if (amount !== got.cents)
    throw new RemittanceParseError(
      no,
      `${what} amount`,
      `says ${amount} cents, the checks sum to ${got.cents}`,
    );
}
