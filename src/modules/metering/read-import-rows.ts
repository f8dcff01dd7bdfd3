import type { LocalDate } from '../../core/dates.ts';
import type { FileRead, RegisterKind } from './parse-reads-file.ts';
import { epochDay } from './validate-read.ts';

/**
 * A read file's reads as columns (typed arrays, one slot per read, file order): what the
 * importer validates and writes. No object per read, so a big file costs a few dozen bytes
 * a read and next to no garbage collection.
 */
export type ReadRows = {
  n: number;
  line: Int32Array;
  /** Index into `meters`: each distinct meter number is one string, whatever the reads. */
  meter: Int32Array;
  /** The file's distinct meter numbers, in order of first appearance. */
  meters: string[];
  /** Days since 1970-01-01 (`dayText` gives the date back). */
  day: Int32Array;
  valueMilli: Float64Array;
  /** Consumption reads (NEM12): the usage in milli units; NaN for a dial reading. */
  usageMilli: Float64Array;
  /** registerCodes index; 0 = none named. */
  register: Int8Array;
  /** 1 = the file marked the read estimated (source `estimate`). */
  estimate: Uint8Array;
};

/** Register kinds by code: 0 means the file named none. */
export const registerCodes: readonly (RegisterKind | null)[] = [
  null,
  'kwh',
  'therm',
  'gallon',
  'kw',
];

export function emptyReadRows(capacity: number): ReadRows {
  const c = Math.max(16, capacity);
  return {
    n: 0,
    line: new Int32Array(c),
    meter: new Int32Array(c),
    meters: [],
    day: new Int32Array(c),
    valueMilli: new Float64Array(c),
    usageMilli: new Float64Array(c),
    register: new Int8Array(c),
    estimate: new Uint8Array(c),
  };
}

/** Appends one read (`meter`: its index in `rows.meters`), growing the columns by doubling. */
export function pushRead(
  rows: ReadRows,
  line: number,
  meter: number,
  day: number,
  valueMilli: number,
  usageMilli: number,
  register: number,
  estimate: boolean,
): void {
  if (rows.n === rows.line.length) grow(rows);
  const i = rows.n++;
  rows.line[i] = line;
  rows.meter[i] = meter;
  rows.day[i] = day;
  rows.valueMilli[i] = valueMilli;
  rows.usageMilli[i] = usageMilli;
  rows.register[i] = register;
  rows.estimate[i] = estimate ? 1 : 0;
}

function grow(rows: ReadRows): void {
  const c = rows.line.length * 2;
  const copy = <T extends Int32Array | Float64Array | Int8Array | Uint8Array>(
    a: T,
    make: (n: number) => T,
  ): T => {
    const b = make(c);
    b.set(a);
    return b;
  };
  rows.line = copy(rows.line, (n) => new Int32Array(n));
  rows.meter = copy(rows.meter, (n) => new Int32Array(n));
  rows.day = copy(rows.day, (n) => new Int32Array(n));
  rows.valueMilli = copy(rows.valueMilli, (n) => new Float64Array(n));
  rows.usageMilli = copy(rows.usageMilli, (n) => new Float64Array(n));
  rows.register = copy(rows.register, (n) => new Int8Array(n));
  rows.estimate = copy(rows.estimate, (n) => new Uint8Array(n));
}

const texts = new Map<number, LocalDate>();

/** The `YYYY-MM-DD` of a day number (cached: a file has few distinct dates). */
export function dayText(day: number): LocalDate {
  let t = texts.get(day);
  if (t === undefined) {
    if (texts.size > 100_000) texts.clear();
    t = new Date(day * 86_400_000).toISOString().slice(0, 10) as LocalDate;
    texts.set(day, t);
  }
  return t;
}

/** The meter number of read i. */
export function meterOf(rows: ReadRows, i: number): string {
  return rows.meters[rows.meter[i]!]!;
}

/** Reads parsed as objects (Beacon, NEM12) as columns. */
export function readRowsOf(reads: readonly FileRead[]): ReadRows {
  const rows = emptyReadRows(reads.length);
  const index = new Map<string, number>();
  for (const r of reads) {
    let m = index.get(r.meterNumber);
    if (m === undefined) {
      m = rows.meters.push(r.meterNumber) - 1;
      index.set(r.meterNumber, m);
    }
    pushRead(
      rows,
      r.line,
      m,
      epochDay(r.readDate),
      r.valueMilli,
      r.usageMilli ?? Number.NaN,
      r.register === null ? 0 : registerCodes.indexOf(r.register),
      r.source === 'estimate',
    );
  }
  return rows;
}

/** Columns back to objects (the pure `parseReadsFile` API). */
export function fileReadsOf(rows: ReadRows): FileRead[] {
  const out: FileRead[] = new Array<FileRead>(rows.n);
  for (let i = 0; i < rows.n; i++) {
    out[i] = {
      line: rows.line[i]!,
      meterNumber: meterOf(rows, i),
      readDate: dayText(rows.day[i]!),
      valueMilli: rows.valueMilli[i]!,
      register: registerCodes[rows.register[i]!] ?? null,
    };
  }
  return out;
}
