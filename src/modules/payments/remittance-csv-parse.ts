import { parseLocalDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import {
  RemittanceParseError,
  type ParsedRemittance,
  type RemittanceItem,
} from './remittance-types.ts';

/**
 * The simple remittance CSV (PAY-5): a header line naming the columns (any order; names
 * are case-insensitive), then one payment per line. Quoted fields ("Smith, Bob") allowed.
 *   account_number  required unless invoice_number: the CIS account number
 *   amount          required  dollars with at most 2 decimals, > 0 ("125.40")
 *   date            required  YYYY-MM-DD, the day the bank received it
 *   invoice_number  optional  a bill number, used when the account number does not match
 *   check_number    optional
 *   payer_name      optional
 * CSV carries no control total: its lines are the items.
 */
export const remittanceCsvColumns = [
  'account_number',
  'amount',
  'date',
  'invoice_number',
  'check_number',
  'payer_name',
] as const;
type Column = (typeof remittanceCsvColumns)[number];

export function parseRemittanceCsv(text: string): ParsedRemittance {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const header = splitCsv(lines[0] ?? '', 1).map((h) => h.trim().toLowerCase());
  const at = new Map<Column, number>();
  for (const [i, h] of header.entries()) {
    if (!(remittanceCsvColumns as readonly string[]).includes(h))
      throw new RemittanceParseError(
        1,
        'header',
        `unknown column "${h}" (columns: ${remittanceCsvColumns.join(', ')})`,
      );
    at.set(h as Column, i);
  }
  for (const need of ['amount', 'date'] as const)
    if (!at.has(need)) throw new RemittanceParseError(1, 'header', `column ${need} is required`);
  if (!at.has('account_number') && !at.has('invoice_number'))
    throw new RemittanceParseError(1, 'header', 'account_number or invoice_number is required');
  const items: RemittanceItem[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') throw new RemittanceParseError(i + 1, 'line', 'blank line');
    items.push(row(splitCsv(lines[i]!, i + 1), i + 1, items.length, at));
  }
  const total = items.reduce((s, it) => s + it.amountCents, 0);
  return { format: 'remittance-csv', items, totalCents: cents(total), notes: [] };
}

function row(f: string[], no: number, index: number, at: Map<Column, number>): RemittanceItem {
  const get = (c: Column): string | null => {
    const i = at.get(c);
    const v = i === undefined ? '' : (f[i] ?? '').trim();
    return v === '' ? null : v;
  };
  const amountText = get('amount') ?? '';
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(amountText);
  if (!m)
    throw new RemittanceParseError(no, 'amount', `"${amountText}" is not dollars like 125.40`);
  const amount = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (amount <= 0) throw new RemittanceParseError(no, 'amount', 'must be more than zero');
  const date = parseLocalDate(get('date') ?? '');
  if (date === undefined)
    throw new RemittanceParseError(no, 'date', `"${get('date') ?? ''}" is not YYYY-MM-DD`);
  const accountRef = get('account_number');
  const invoiceRef = get('invoice_number');
  if (accountRef === null && invoiceRef === null)
    throw new RemittanceParseError(
      no,
      'account_number',
      'an account number or an invoice number is required',
    );
  return {
    index,
    line: no,
    amountCents: cents(amount),
    effectiveDate: date,
    accountRef,
    invoiceRef,
    payerName: get('payer_name'),
    checkNumber: get('check_number'),
    routingNumber: null,
    bankAccountLast4: null,
    rejectReason: null,
  };
}

/** One CSV line into fields ("" inside quotes is a quote). */
function splitCsv(line: string, no: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (quoted) throw new RemittanceParseError(no, 'line', 'unterminated quote');
  out.push(cur);
  return out;
}
