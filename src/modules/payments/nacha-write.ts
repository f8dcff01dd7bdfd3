import { isDebitCode } from './nacha-types.ts';

/** One entry to write (a PPD debit, a prenote, …). */
export type NachaEntryInput = {
  readonly transactionCode: string;
  readonly routingNumber: string;
  readonly accountNumber: string;
  readonly amountCents: number;
  readonly individualId: string;
  readonly individualName: string;
  /** 15 digits: the ODFI's eight and a sequence number. */
  readonly traceNumber: string;
  /** Addenda records (94 characters each, `returnAddenda` / `changeAddenda`). */
  readonly addenda?: readonly string[];
};

export type NachaBatchInput = {
  readonly companyName: string;
  readonly companyId: string;
  readonly secCode: string;
  readonly entryDescription: string;
  /** YYMMDD */
  readonly effectiveDate: string;
  readonly originatingDfi: string;
  readonly entries: readonly NachaEntryInput[];
};

export type NachaFileInput = {
  readonly immediateDestination: string;
  readonly immediateOrigin: string;
  readonly destinationName: string;
  readonly originName: string;
  /** YYMMDD and HHMM */
  readonly creationDate: string;
  readonly creationTime: string;
  readonly fileIdModifier: string;
  readonly batches: readonly NachaBatchInput[];
};

const alpha = (s: string, n: number) => s.toUpperCase().slice(0, n).padEnd(n, ' ');
const digits = (v: number | string, n: number) => String(v).padStart(n, '0').slice(-n);

/**
 * Writes a NACHA file (pure): records of 94 characters, controls computed from the entries
 * (counts, entry hash = Σ RDFI 8-digit identifications mod 10^10, debit and credit totals),
 * padded with lines of 9s to a multiple of ten records. `parseNacha` reads it back.
 */
export function writeNacha(input: NachaFileInput): string {
  const lines: string[] = [
    '101' +
      alpha(` ${input.immediateDestination}`, 10) +
      alpha(` ${input.immediateOrigin}`, 10) +
      input.creationDate +
      input.creationTime +
      input.fileIdModifier +
      '094101' +
      alpha(input.destinationName, 23) +
      alpha(input.originName, 23) +
      alpha('', 8),
  ];
  const file = { count: 0, hash: 0, debit: 0, credit: 0 };
  input.batches.forEach((b, i) => {
    const t = writeBatch(lines, b, i + 1);
    file.count += t.count;
    file.hash += t.hash;
    file.debit += t.debit;
    file.credit += t.credit;
  });
  const records = lines.length + 1;
  const blocks = Math.ceil(records / 10);
  lines.push(
    '9' +
      digits(input.batches.length, 6) +
      digits(blocks, 6) +
      digits(file.count, 8) +
      digits(file.hash % 10_000_000_000, 10) +
      digits(file.debit, 12) +
      digits(file.credit, 12) +
      alpha('', 39),
  );
  while (lines.length % 10 !== 0) lines.push('9'.repeat(94));
  return lines.join('\n') + '\n';
}

function writeBatch(lines: string[], b: NachaBatchInput, batchNumber: number) {
  const debits = b.entries.some((e) => isDebitCode(e.transactionCode));
  const credits = b.entries.some((e) => !isDebitCode(e.transactionCode));
  const serviceClass = debits && credits ? '200' : credits ? '220' : '225';
  lines.push(
    '5' +
      serviceClass +
      alpha(b.companyName, 16) +
      alpha('', 20) +
      alpha(b.companyId, 10) +
      b.secCode +
      alpha(b.entryDescription, 10) +
      alpha('', 6) +
      b.effectiveDate +
      '   ' +
      '1' +
      b.originatingDfi +
      digits(batchNumber, 7),
  );
  const t = { count: 0, hash: 0, debit: 0, credit: 0 };
  for (const e of b.entries) {
    lines.push(
      '6' +
        e.transactionCode +
        e.routingNumber +
        alpha(e.accountNumber, 17) +
        digits(e.amountCents, 10) +
        alpha(e.individualId, 15) +
        alpha(e.individualName, 22) +
        '  ' +
        (e.addenda?.length ? '1' : '0') +
        e.traceNumber,
    );
    for (const a of e.addenda ?? []) lines.push(a);
    t.count += 1 + (e.addenda?.length ?? 0);
    t.hash += Number(e.routingNumber.slice(0, 8));
    if (isDebitCode(e.transactionCode)) t.debit += e.amountCents;
    else t.credit += e.amountCents;
  }
  lines.push(
    '8' +
      serviceClass +
      digits(t.count, 6) +
      digits(t.hash % 10_000_000_000, 10) +
      digits(t.debit, 12) +
      digits(t.credit, 12) +
      alpha(b.companyId, 10) +
      alpha('', 19) +
      alpha('', 6) +
      b.originatingDfi +
      digits(batchNumber, 7),
  );
  return t;
}

/** An addenda 99 (return) record answering the entry with `originalTrace`. */
export function returnAddenda(a: {
  readonly code: string;
  readonly originalTrace: string;
  readonly originalRdfi: string;
  readonly info?: string;
  readonly traceNumber: string;
}): string {
  return (
    '799' +
    a.code +
    a.originalTrace +
    alpha('', 6) +
    a.originalRdfi +
    alpha(a.info ?? '', 44) +
    a.traceNumber
  );
}

/** An addenda 98 (notification of change) record with the corrected data. */
export function changeAddenda(a: {
  readonly code: string;
  readonly originalTrace: string;
  readonly originalRdfi: string;
  readonly correctedData: string;
  readonly traceNumber: string;
}): string {
  return (
    '798' +
    a.code +
    a.originalTrace +
    alpha('', 6) +
    a.originalRdfi +
    alpha(a.correctedData, 29) +
    alpha('', 15) +
    a.traceNumber
  );
}
