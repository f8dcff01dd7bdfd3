import { readQuotedRow } from './parse-csv.ts';
import type { RowError } from './parse-reads-file.ts';
import { emptyReadRows, pushRead, registerCodes, type ReadRows } from './read-import-rows.ts';
import { parseReadingAt } from './validate-read.ts';

/**
 * The OpenCIS reads CSV (parse-reads-file.ts documents it) straight into columns: fields are
 * located by index in the file's text, and the reading, date and register are decoded in
 * place; only a meter number becomes a string, once per distinct meter (meterIndex). Same rows, checks, order and messages as
 * the RFC 4180 reader (parse-csv.ts) plus the row rules: a line holding a `"` goes through
 * its quoted-row reader.
 */
export type ParsedReadsCsv = {
  readonly rows: ReadRows;
  readonly errors: RowError[];
};

type Cols = { meter: number; date: number; value: number; reg: number };

/** Field positions kept per row (more when the header is wider; a longer row is an error). */
const maxFields = 64;

export function parseReadsCsvRows(body: string): ParsedReadsCsv {
  return run(parser(body));
}

type CsvReadsParser = {
  readonly text: string;
  readonly rows: ReadRows;
  readonly errors: RowError[];
  starts: Int32Array;
  ends: Int32Array;
  /** yyyymmdd → day number, or NaN for a string that is not a calendar date. */
  readonly days: Map<number, number>;
  header: string[] | undefined;
  cols: Cols | undefined;
  width: number;
  /** The field read by `fieldAt`: its text and range (a trimmed copy when it had spaces). */
  fSrc: string;
  fS: number;
  fE: number;
  /** Open-addressing table of meter numbers: rows.meters index + 1 per slot, 0 = free. */
  slots: Int32Array;
};

function parser(text: string): CsvReadsParser {
  return {
    text,
    rows: emptyReadRows(Math.min(1 << 20, Math.ceil(text.length / 24))),
    errors: [],
    starts: new Int32Array(maxFields),
    ends: new Int32Array(maxFields),
    days: new Map(),
    header: undefined,
    cols: undefined,
    width: 0,
    fSrc: '',
    fS: 0,
    fE: 0,
    slots: new Int32Array(1024),
  };
}

function run(p: CsvReadsParser): ParsedReadsCsv {
  const text = p.text;
  const n = text.length;
  let pos = 0;
  let line = 1;
  let quote = text.indexOf('"');
  if (quote < 0) quote = n;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const cut = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (quote < pos) {
      quote = text.indexOf('"', pos);
      if (quote < 0) quote = n;
    }
    if (quote >= cut) {
      if (cut > pos && !unquotedRow(p, pos, cut, line)) return missingHeader(p);
      pos = end + 1;
      line++;
      continue;
    }
    const q = readQuotedRow(text, pos);
    if (!(q.fields.length === 1 && q.fields[0] === '') && !fieldsRow(p, q.fields, line)) {
      return missingHeader(p);
    }
    pos = q.next;
    line += q.lines;
  }
  if (p.header === undefined) return missingHeader(p);
  return { rows: p.rows, errors: p.errors };
}

function missingHeader(p: CsvReadsParser): ParsedReadsCsv {
  const missing = ['meter_number', 'read_date', 'reading'].filter(
    (c) => !(p.header ?? []).includes(c),
  );
  const detail = `the first line must be the header meter_number,read_date,reading[,register]; missing: ${missing.join(', ')}`;
  return { rows: emptyReadRows(0), errors: [{ line: 1, code: 'missing_header', detail }] };
}

/** A line without quotes, `text[pos, cut)`. False: the header lacks a required column. */
function unquotedRow(p: CsvReadsParser, pos: number, cut: number, line: number): boolean {
  const text = p.text;
  if (p.header === undefined) return setHeader(p, text.slice(pos, cut).split(','));
  let count = 0;
  let s = pos;
  for (;;) {
    const c = text.indexOf(',', s);
    const e = c < 0 || c >= cut ? cut : c;
    if (count < p.starts.length) {
      p.starts[count] = s;
      p.ends[count] = e;
    }
    count++;
    if (e === cut) break;
    s = e + 1;
  }
  row(p, text, count, line);
  return true;
}

/** A row from the quoted-row reader: its fields laid end to end in one string. */
function fieldsRow(p: CsvReadsParser, fields: string[], line: number): boolean {
  if (p.header === undefined) return setHeader(p, fields);
  let at = 0;
  for (let i = 0; i < fields.length && i < p.starts.length; i++) {
    p.starts[i] = at;
    at += fields[i]!.length;
    p.ends[i] = at;
  }
  row(p, fields.join(''), fields.length, line);
  return true;
}

function setHeader(p: CsvReadsParser, fields: string[]): boolean {
  const h = fields.map((f) => f.trim());
  p.header = h;
  p.width = h.length;
  if (h.length > maxFields) {
    p.starts = new Int32Array(h.length + 1);
    p.ends = new Int32Array(h.length + 1);
  }
  p.cols = {
    meter: h.indexOf('meter_number'),
    date: h.indexOf('read_date'),
    value: h.indexOf('reading'),
    reg: h.indexOf('register'),
  };
  return p.cols.meter >= 0 && p.cols.date >= 0 && p.cols.value >= 0;
}

/** Sets fSrc/fS/fE to field i of the row (trimmed; '' when the column is absent). */
function fieldAt(p: CsvReadsParser, src: string, i: number): void {
  if (i < 0) {
    p.fSrc = '';
    p.fS = 0;
    p.fE = 0;
    return;
  }
  const s = p.starts[i]!;
  const e = p.ends[i]!;
  if (e > s && (src.charCodeAt(s) <= 32 || src.charCodeAt(e - 1) <= 32)) {
    const t = src.slice(s, e).trim();
    p.fSrc = t;
    p.fS = 0;
    p.fE = t.length;
    return;
  }
  p.fSrc = src;
  p.fS = s;
  p.fE = e;
}

function fieldText(p: CsvReadsParser): string {
  return p.fSrc.slice(p.fS, p.fE);
}

function row(p: CsvReadsParser, src: string, count: number, line: number): void {
  const cols = p.cols!;
  if (count !== p.width) {
    const detail = `expected ${p.width} fields, found ${count}`;
    p.errors.push({ line, code: 'wrong_field_count', detail });
    return;
  }
  fieldAt(p, src, cols.meter);
  const mSrc = p.fSrc;
  const mS = p.fS;
  const mE = p.fE;
  fieldAt(p, src, cols.date);
  const day = dayOfField(p);
  if (mE === mS) {
    p.errors.push({ line, code: 'missing_meter_number', detail: 'meter_number is empty' });
    return;
  }
  if (Number.isNaN(day)) {
    const detail = `read_date "${fieldText(p)}" is not YYYY-MM-DD`;
    p.errors.push({ line, code: 'bad_date', detail });
    return;
  }
  fieldAt(p, src, cols.value);
  const valueMilli = parseReadingAt(p.fSrc, p.fS, p.fE);
  if (valueMilli === undefined) {
    const detail = `reading "${fieldText(p)}" is not a number ≥ 0 with ≤ 3 decimals`;
    p.errors.push({ line, code: 'bad_reading', detail });
    return;
  }
  fieldAt(p, src, cols.reg);
  const reg = registerOfField(p);
  if (reg < 0) {
    const detail = `register "${fieldText(p).toLowerCase()}" is not kwh, therm, gallon or kw`;
    p.errors.push({ line, code: 'bad_register', detail });
    return;
  }
  pushRead(p.rows, line, meterIndex(p, mSrc, mS, mE), day, valueMilli, Number.NaN, reg, false);
}

/** Hash of text[start, end) (the same for a meter number wherever it sits). */
function hashOf(text: string, start: number, end: number): number {
  let h = 0;
  for (let k = start; k < end; k++) h = (Math.imul(h, 31) + text.charCodeAt(k)) | 0;
  // Mixed (murmur3's finalizer): numbered meters hash to runs of neighbours otherwise, and
  // linear probing through those runs is quadratic.
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * The rows.meters index of the meter number text[start, end), added when new: found by
 * hashing the characters in place, so a meter read 12 times in a file is one string, and
 * no string is cut per read.
 */
function meterIndex(p: CsvReadsParser, text: string, start: number, end: number): number {
  const meters = p.rows.meters;
  const len = end - start;
  let mask = p.slots.length - 1;
  let x = hashOf(text, start, end) & mask;
  for (; ; x = (x + 1) & mask) {
    const m = p.slots[x]! - 1;
    if (m < 0) break;
    const name = meters[m]!;
    if (name.length === len && text.startsWith(name, start)) return m;
  }
  const m = meters.push(text.slice(start, end)) - 1;
  if (meters.length * 2 <= p.slots.length) {
    p.slots[x] = m + 1;
    return m;
  }
  p.slots = new Int32Array(p.slots.length * 2);
  mask = p.slots.length - 1;
  for (let k = 0; k < meters.length; k++) {
    const name = meters[k]!;
    let y = hashOf(name, 0, name.length) & mask;
    while (p.slots[y] !== 0) y = (y + 1) & mask;
    p.slots[y] = k + 1;
  }
  return m;
}

/** The field as a day number (`YYYY-MM-DD`, a real calendar date) or NaN. */
function dayOfField(p: CsvReadsParser): number {
  const t = p.fSrc;
  const s = p.fS;
  if (p.fE - s !== 10 || t.charCodeAt(s + 4) !== 45 || t.charCodeAt(s + 7) !== 45) {
    return Number.NaN;
  }
  let key = 0;
  for (let k = 0; k < 10; k++) {
    if (k === 4 || k === 7) continue;
    const c = t.charCodeAt(s + k) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    key = key * 10 + c;
  }
  let day = p.days.get(key);
  if (day === undefined) {
    const y = Math.floor(key / 10_000);
    const m = Math.floor(key / 100) % 100;
    const d = key % 100;
    const probe = new Date(Date.UTC(y, m - 1, d));
    const real =
      probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
    day = real ? Math.round(probe.getTime() / 86_400_000) : Number.NaN;
    p.days.set(key, day);
  }
  return day;
}

/** registerCodes index of the field (0 when empty), or -1 when it names no register. */
function registerOfField(p: CsvReadsParser): number {
  const t = p.fSrc;
  const s = p.fS;
  const len = p.fE - s;
  if (len === 0) return 0;
  for (let k = 1; k < registerCodes.length; k++) {
    const name = registerCodes[k]!;
    if (name.length === len && t.startsWith(name, s)) return k;
  }
  const lower = fieldText(p).toLowerCase();
  const k = registerCodes.indexOf(lower as (typeof registerCodes)[number]);
  return k > 0 ? k : -1;
}
