import { err, ok, type Result } from '../../core/result.ts';
import {
  abaCheckDigit,
  isDebitCode,
  type NachaAddenda,
  type NachaBatch,
  type NachaControlTotals,
  type NachaEntry,
  type NachaFile,
  type NachaFileHeader,
} from './nacha-types.ts';

/** Why a file was refused: the 1-based line, the field (NACHA name) and what is wrong. */
export class NachaProblem extends Error {
  constructor(
    readonly line: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`line ${line}, ${field}: ${problem}`);
  }
}

const recordLength = 94;

/**
 * Reads a NACHA file (pure). Tolerates what banks really send: CRLF, no final newline,
 * records right-trimmed of spaces (short) or with spaces past column 94 (long), blank lines.
 * Refuses, naming the line and the field: a record out of sequence, a non-numeric number, a
 * routing check digit that does not match, and batch/file control counts, entry hashes or
 * debit/credit totals that do not add up. Nothing is half-read: one problem refuses it all.
 */
export function parseNacha(text: string): Result<NachaFile, 'nacha_malformed'> {
  try {
    return ok(file({ lines: text.split('\n'), n: 0, routing8: 0 }));
  } catch (e) {
    if (!(e instanceof NachaProblem)) throw e;
    return err('nacha_malformed', e.message, { [`line ${e.line}`]: `${e.field}: ${e.problem}` });
  }
}

/** Where the reader is: the lines, the current 1-based line, the last entry's 8-digit RDFI
 * identification (summed into the entry hash). */
type State = { readonly lines: readonly string[]; n: number; routing8: number };
type Sums = { count: number; hash: number; debit: number; credit: number };

/** The next non-blank record, padded to 94 characters, or null at the end. */
function next(st: State): string | null {
  while (st.n < st.lines.length) {
    let s = st.lines[st.n++]!;
    if (s.endsWith('\r')) s = s.slice(0, -1);
    if (s.length === 0 || (s.charCodeAt(0) === 32 && s.trim().length === 0)) continue;
    if (s.length > recordLength) {
      if (s.slice(recordLength).trim().length > 0) {
        fail(st, 'record length', `${s.length} characters; a record is ${recordLength}`);
      }
      return s.slice(0, recordLength);
    }
    return s.length === recordLength ? s : s.padEnd(recordLength, ' ');
  }
  return null;
}

function fail(st: State, field: string, problem: string): never {
  throw new NachaProblem(st.n, field, problem);
}

function num(st: State, s: string, from: number, to: number, field: string): number {
  let v = 0;
  for (let i = from - 1; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) fail(st, field, `not a number: '${s.slice(from - 1, to)}'`);
    v = v * 10 + c;
  }
  return v;
}

function file(st: State): NachaFile {
  const first = next(st);
  if (first === null) throw new NachaProblem(1, 'record type', 'the file is empty');
  if (first[0] !== '1') fail(st, 'record type', `'${first[0]}': a file header (1) comes first`);
  const header = fileHeader(first);
  const batches: NachaBatch[] = [];
  for (;;) {
    const rec = next(st);
    if (rec === null) fail(st, 'record type', 'the file ends without a file control (9)');
    if (rec[0] === '5') batches.push(batch(st, rec));
    else if (rec[0] === '9') return finish(st, header, batches, rec);
    else fail(st, 'record type', `'${rec[0]}': a batch header (5) or file control (9) expected`);
  }
}

function batch(st: State, head: string): NachaBatch {
  const line = st.n;
  const header = {
    serviceClassCode: head.slice(1, 4),
    companyName: head.slice(4, 20).trim(),
    companyDiscretionaryData: head.slice(20, 40).trim(),
    companyId: head.slice(40, 50).trim(),
    secCode: head.slice(50, 53),
    entryDescription: head.slice(53, 63).trim(),
    descriptiveDate: head.slice(63, 69).trim(),
    effectiveDate: head.slice(69, 75),
    originatingDfi: head.slice(79, 87),
    batchNumber: num(st, head, 88, 94, 'batch number'),
  };
  const entries: NachaEntry[] = [];
  const sums = { count: 0, hash: 0, debit: 0, credit: 0 };
  for (;;) {
    const rec = next(st);
    if (rec === null)
      fail(st, 'record type', `batch ${header.batchNumber} has no batch control (8)`);
    const t = rec[0];
    if (t === '6') {
      const e = entry(st, rec);
      entries.push(e);
      sums.count++;
      sums.hash += st.routing8;
      if (isDebitCode(e.transactionCode)) sums.debit += e.amountCents;
      else sums.credit += e.amountCents;
    } else if (t === '7') {
      const last = entries[entries.length - 1];
      if (!last) fail(st, 'record type', 'an addenda (7) before any entry detail (6)');
      last.addenda.push(addenda(st, rec));
      sums.count++;
    } else if (t === '8') {
      const control = controlTotals(st, rec, 5, 11, 21, 33);
      check(st, control, sums, 'batch control');
      return { line, header, entries, control };
    } else fail(st, 'record type', `'${t}' inside batch ${header.batchNumber}`);
  }
}

function entry(st: State, s: string): NachaEntry {
  const transactionCode = s.slice(1, 3);
  num(st, s, 2, 3, 'transaction code');
  st.routing8 = num(st, s, 4, 11, 'receiving DFI identification');
  const check = num(st, s, 12, 12, 'check digit');
  const routingNumber = s.slice(3, 12);
  const expected = abaCheckDigit(routingNumber);
  if (check !== expected) {
    fail(st, 'check digit', `routing ${routingNumber}: expected ${expected}, found ${check}`);
  }
  return {
    line: st.n,
    transactionCode,
    routingNumber,
    accountNumber: s.slice(12, 29).trim(),
    amountCents: num(st, s, 30, 39, 'amount'),
    individualId: s.slice(39, 54).trim(),
    individualName: s.slice(54, 76).trim(),
    discretionaryData: s.slice(76, 78),
    traceNumber: s.slice(79, 94),
    addenda: [],
  };
}

function addenda(st: State, s: string): NachaAddenda {
  const typeCode = s.slice(1, 3);
  const line = st.n;
  if (typeCode === '99' || typeCode === '98') {
    const code = s.slice(3, 6);
    const letter = typeCode === '99' ? 'R' : 'C';
    if (code[0] !== letter || !/^\d\d$/.test(code.slice(1))) {
      fail(st, typeCode === '99' ? 'return reason code' : 'change code', `'${code}'`);
    }
    const base = { line, code, originalTrace: s.slice(6, 21), originalRdfi: s.slice(27, 35) };
    return typeCode === '99'
      ? {
          kind: 'return',
          ...base,
          dateOfDeath: s.slice(21, 27).trim(),
          info: s.slice(35, 79).trim(),
        }
      : { kind: 'change', ...base, correctedData: s.slice(35, 64).trim() };
  }
  return { kind: 'other', line, typeCode, text: s.slice(3, 83).trimEnd() };
}

function controlTotals(
  st: State,
  s: string,
  count: number,
  hash: number,
  debit: number,
  credit: number,
): NachaControlTotals {
  const width = count === 5 ? 6 : 8;
  return {
    entryAddendaCount: num(st, s, count, count + width - 1, 'entry/addenda count'),
    entryHash: num(st, s, hash, hash + 9, 'entry hash'),
    totalDebitCents: num(st, s, debit, debit + 11, 'total debit amount'),
    totalCreditCents: num(st, s, credit, credit + 11, 'total credit amount'),
  };
}

function check(st: State, c: NachaControlTotals, sums: Sums, what: string): void {
  if (c.entryAddendaCount !== sums.count) {
    fail(
      st,
      'entry/addenda count',
      `${what} says ${c.entryAddendaCount}, the records are ${sums.count}`,
    );
  }
  const hash = sums.hash % 10_000_000_000;
  if (c.entryHash !== hash)
    fail(st, 'entry hash', `${what} says ${c.entryHash}, the entries sum to ${hash}`);
  if (c.totalDebitCents !== sums.debit) {
    fail(
      st,
      'total debit amount',
      `${what} says ${c.totalDebitCents}, the debits are ${sums.debit}`,
    );
  }
  if (c.totalCreditCents !== sums.credit) {
    fail(
      st,
      'total credit amount',
      `${what} says ${c.totalCreditCents}, the credits are ${sums.credit}`,
    );
  }
}

function finish(st: State, header: NachaFileHeader, batches: NachaBatch[], rec: string): NachaFile {
  const batchCount = num(st, rec, 2, 7, 'batch count');
  const blockCount = num(st, rec, 8, 13, 'block count');
  const totals = controlTotals(st, rec, 14, 22, 32, 44);
  if (batchCount !== batches.length) {
    fail(st, 'batch count', `file control says ${batchCount}, the file has ${batches.length}`);
  }
  const sums = { count: 0, hash: 0, debit: 0, credit: 0 };
  let entryCount = 0;
  for (const b of batches) {
    sums.count += b.control.entryAddendaCount;
    sums.hash += b.control.entryHash;
    sums.debit += b.control.totalDebitCents;
    sums.credit += b.control.totalCreditCents;
    entryCount += b.entries.length;
  }
  check(st, totals, sums, 'file control');
  for (let rest = next(st); rest !== null; rest = next(st)) {
    if (!/^9{94}$/.test(rest))
      fail(st, 'record type', 'only padding (9s) may follow the file control');
  }
  return { header, batches, control: { ...totals, batchCount, blockCount }, entryCount };
}

function fileHeader(s: string): NachaFileHeader {
  return {
    immediateDestination: s.slice(3, 13).trim(),
    immediateOrigin: s.slice(13, 23).trim(),
    creationDate: s.slice(23, 29),
    creationTime: s.slice(29, 33),
    fileIdModifier: s.slice(33, 34),
    destinationName: s.slice(40, 63).trim(),
    originName: s.slice(63, 86).trim(),
    referenceCode: s.slice(86, 94).trim(),
  };
}
