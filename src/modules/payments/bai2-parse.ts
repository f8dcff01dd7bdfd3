import type { LocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import { bai2Records, fundsExtra, type Bai2Record } from './bai2-records.ts';
import {
  digitsToCents,
  RemittanceParseError,
  sixDigitDate,
  type ParsedRemittance,
  type RemittanceItem,
} from './remittance-types.ts';

/** The currency CIS books in; a BAI2 credit in another currency is rejected, not converted. */
const bookCurrency = 'USD';

type Group = {
  asOf: LocalDate;
  currency: string;
  total: number;
  accounts: number;
  records: number;
};
type Account = { currency: string; total: number; records: number };

/**
 * Parses a BAI2 balance-and-transaction file (pure): 01 file header, 02 group header, 03
 * account identifier with summary amounts, 16 details, 88 continuations, 49 account trailer,
 * 98 group trailer, 99 file trailer. Every control total (49 = the account's summary and
 * detail amounts, 98 = its accounts' 49 totals, 99 = its groups' 98 totals) and every record
 * count must match, and a blank control total is an error, not zero — else the whole file is
 * refused naming the line and field. Items: every 16 detail; a credit (type codes 100-399)
 * in USD is a payment whose customer reference is the account number; a debit or a foreign
 * currency credit is an item `rejected` with its reason. Dates: the group's as-of date.
 */
export function parseBai2(text: string): ParsedRemittance {
  const records = bai2Records(text);
  const first = records[0];
  if (!first || first.code !== '01')
    throw new RemittanceParseError(first?.line ?? 1, 'record code', 'a BAI2 file starts with 01');
  fileHeader(first);
  const s: FileState = {
    items: [],
    group: null,
    account: null,
    total: 0,
    groups: 0,
    records: 0,
    ended: false,
  };
  for (const r of records) {
    if (s.ended)
      throw new RemittanceParseError(r.line, 'record code', `${r.code} after the 99 file trailer`);
    if (r.code === '01' && r !== first)
      throw new RemittanceParseError(r.line, 'record code', 'a second 01 file header');
    s.records += r.records;
    if (s.group) s.group.records += r.records;
    if (s.account) s.account.records += r.records;
    readRecord(s, r);
  }
  const last = records[records.length - 1]!;
  if (!s.ended) throw new RemittanceParseError(last.line, 'record code', 'no 99 file trailer');
  const notes: string[] = [];
  const debits = s.items.filter((i) => i.rejectReason !== null).length;
  if (debits > 0) notes.push(`${debits} detail(s) are not payments (rejected with the reason)`);
  const total = s.items
    .filter((i) => i.rejectReason === null)
    .reduce((sum, i) => sum + i.amountCents, 0);
  return { format: 'bai2', items: s.items, totalCents: cents(total), notes };
}

type FileState = {
  items: RemittanceItem[];
  group: Group | null;
  account: Account | null;
  total: number;
  groups: number;
  records: number;
  ended: boolean;
};

function misplaced(r: Bai2Record, why: string): RemittanceParseError {
  return new RemittanceParseError(r.line, 'record code', why);
}

/** One record in its place in the file's structure; trailers check their totals and counts. */
function readRecord(s: FileState, r: Bai2Record): void {
  switch (r.code) {
    case '02':
      if (s.group) throw misplaced(r, '02 before the 98 of the group before');
      s.group = groupHeader(r);
      return;
    case '03':
      if (!s.group) throw misplaced(r, '03 outside a group');
      if (s.account) throw misplaced(r, '03 before the 49 of the account before');
      s.account = accountHeader(r, s.group);
      return;
    case '16':
      if (!s.group || !s.account) throw misplaced(r, '16 outside an account');
      s.account.total += detail(r, s.group, s.account, s.items);
      return;
    case '49':
      if (!s.group || !s.account) throw misplaced(r, '49 outside an account');
      trailer(r, 'account control total', s.account.total, [['record count', s.account.records]]);
      s.group.total += s.account.total;
      s.group.accounts += 1;
      s.account = null;
      return;
    case '98':
      if (!s.group || s.account) throw misplaced(r, '98 without a closed group');
      trailer(r, 'group control total', s.group.total, [
        ['number of accounts', s.group.accounts],
        ['record count', s.group.records],
      ]);
      s.total += s.group.total;
      s.groups += 1;
      s.group = null;
      return;
    case '99':
      if (s.group) throw misplaced(r, '99 before the 98 of the last group');
      trailer(r, 'file control total', s.total, [
        ['number of groups', s.groups],
        ['record count', s.records],
      ]);
      s.ended = true;
      return;
  }
}

function fileHeader(r: Bai2Record): void {
  sixDigitDate(r.fields[2] ?? '', 'YYMMDD', r.line, '01 file creation date');
  const time = r.fields[3] ?? '';
  if (!/^(\d{4}|\d\d:\d\d(:\d\d)?)?$/.test(time))
    throw new RemittanceParseError(r.line, '01 file creation time', `"${time}" is not HHMM`);
  if ((r.fields[7] ?? '') !== '2')
    throw new RemittanceParseError(
      r.line,
      '01 version number',
      `"${r.fields[7] ?? ''}": only BAI version 2`,
    );
}

function groupHeader(r: Bai2Record): Group {
  const asOf = sixDigitDate(r.fields[3] ?? '', 'YYMMDD', r.line, '02 as-of date');
  return { asOf, currency: r.fields[5] || bookCurrency, total: 0, accounts: 0, records: r.records };
}

/** 03: account, currency, then (type code, amount, item count, funds type + extras) groups. */
function accountHeader(r: Bai2Record, g: Group): Account {
  const f = r.fields;
  let total = 0;
  for (let i = 2; i < f.length;) {
    const amount = f[i + 1] ?? '';
    if (amount !== '') total += digitsToCents(amount, r.line, `03 amount of type ${f[i]}`);
    i += 4 + fundsExtra(f, i + 3);
  }
  return { currency: f[1] || g.currency, total, records: r.records };
}

/** 16: adds an item; returns its amount for the account's control total. */
function detail(r: Bai2Record, g: Group, a: Account, items: RemittanceItem[]): number {
  const f = r.fields;
  const type = f[0] ?? '';
  if (!/^\d{3}$/.test(type))
    throw new RemittanceParseError(r.line, '16 type code', `"${type}" is not a type code`);
  const amount = digitsToCents(f[1] || '0', r.line, '16 amount');
  const n = f.length;
  const customerRef = (f[n - 2] ?? '').trim();
  const text = (f[n - 1] ?? '').trim();
  const code = Number(type);
  const reason =
    code < 100 || code > 399
      ? `debit or non-payment detail (type ${type})`
      : a.currency !== bookCurrency
        ? `currency ${a.currency}, not ${bookCurrency}`
        : amount <= 0
          ? 'the amount is zero'
          : null;
  items.push({
    index: items.length,
    line: r.line,
    amountCents: cents(amount),
    effectiveDate: g.asOf,
    accountRef: customerRef === '' ? null : customerRef,
    invoiceRef: null,
    payerName: text === '' || text === '-' ? null : text.slice(0, 120),
    checkNumber: null,
    routingNumber: null,
    bankAccountLast4: null,
    rejectReason: reason,
  });
  return amount;
}

/** A trailer: its control total (blank is an error, not zero), then its counts in order. */
function trailer(
  r: Bai2Record,
  totalName: string,
  total: number,
  counts: readonly (readonly [string, number])[],
): void {
  const declared = r.fields[0] ?? '';
  const name = `${r.code} ${totalName}`;
  if (declared === '')
    throw new RemittanceParseError(r.line, name, 'blank (a control total is required)');
  const t = digitsToCents(declared, r.line, name);
  if (t !== total)
    throw new RemittanceParseError(r.line, name, `says ${t}, the records sum to ${total}`);
  for (const [i, [countName, found]] of counts.entries()) {
    const field = `${r.code} ${countName}`;
    const c = digitsToCents(r.fields[i + 1] ?? '', r.line, field);
    if (c !== found)
      throw new RemittanceParseError(r.line, field, `says ${c}, the file has ${found}`);
  }
}
