import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { forEachCsvRow, parseCsv } from './parse-csv.ts';
import { looksLikeNem12, parseNem12 } from './parse-nem12.ts';
import { parseReading } from './validate-read.ts';

/**
 * Turns a read file's text into register reads or per-row errors (pure). Two formats:
 *
 * - `reads_csv` (the OpenCIS format): header `meter_number,read_date,reading[,register]`,
 *   read_date `YYYY-MM-DD`, reading a non-negative decimal with at most 3 places, register
 *   one of kwh|therm|gallon|kw (optional when the meter has one register).
 * - `beacon_360` (Badger Beacon AMI "360" export): hourly rows rolled up to one register
 *   read per meter and day — the last read of the day. `Read` is in CCF and becomes
 *   gallons (1 CCF = 748.052 gal, computed exactly in thousandths); `Meter_ID` is the
 *   meter number; `Read_Time` `YYYY-MM-DD HH:MM` gives the date.
 * - `nem12` (AEMO MDFF NEM12 interval data, parse-nem12.ts): each channel's interval
 *   values rolled up to one consumption read per day.
 */
export type ReadFormat = 'reads_csv' | 'beacon_360' | 'nem12';
export type RegisterKind = 'kwh' | 'therm' | 'gallon' | 'kw';

export type FileRead = {
  readonly line: number;
  readonly meterNumber: string;
  readonly readDate: LocalDate;
  readonly valueMilli: number;
  readonly register: RegisterKind | null;
  /**
   * Interval formats (NEM12) carry consumption, not a dial reading: the read's value is the
   * register's previous value plus this many thousandths (valueMilli is then 0 and unused).
   */
  readonly usageMilli?: number;
  /** `estimate` when the supplier estimated or substituted the data; `import` otherwise. */
  readonly source?: 'import' | 'estimate';
};

export type RowError = { readonly line: number; readonly code: string; readonly detail: string };

export type ParsedFile = {
  readonly format: ReadFormat;
  readonly reads: readonly FileRead[];
  readonly errors: readonly RowError[];
  /** What the parser skipped on purpose (NEM12 channels in units CIS does not bill). */
  readonly notes?: readonly string[];
};

const registerKinds: readonly string[] = ['kwh', 'therm', 'gallon', 'kw'];
const requiredColumns = ['meter_number', 'read_date', 'reading'] as const;

export function parseReadsFile(text: string): ParsedFile {
  const body = text.replace(/^\uFEFF/, '');
  if (looksLikeNem12(body)) return parseNem12(body);
  const firstLine = body.slice(0, Math.max(0, body.indexOf('\n')) || body.length);
  if (firstLine.includes('Meter_ID') && firstLine.includes('Read_Time')) {
    return parseBeacon(parseCsv(body));
  }
  return parseReadsCsv(body);
}

/** The OpenCIS reads CSV, row by row without a row list (the hot path of a big import). */
function parseReadsCsv(body: string): ParsedFile {
  let header: string[] | undefined;
  let cols: { meter: number; date: number; value: number; reg: number } | undefined;
  const reads: FileRead[] = [];
  const errors: RowError[] = [];
  const dates = new Map<string, LocalDate | undefined>();
  forEachCsvRow(body, (line, fields) => {
    if (header === undefined) {
      header = fields.map((f) => f.trim());
      const h = header;
      cols = {
        meter: h.indexOf('meter_number'),
        date: h.indexOf('read_date'),
        value: h.indexOf('reading'),
        reg: h.indexOf('register'),
      };
      return;
    }
    if (cols === undefined || cols.meter < 0 || cols.date < 0 || cols.value < 0) return;
    const r = parseRow(line, fields, header.length, cols, dates);
    if ('code' in r) errors.push(r);
    else reads.push(r);
  });
  const missing = requiredColumns.filter((c) => !(header ?? []).includes(c));
  if (header === undefined || missing.length > 0) {
    const detail = `the first line must be the header meter_number,read_date,reading[,register]; missing: ${missing.join(', ')}`;
    return {
      format: 'reads_csv',
      reads: [],
      errors: [{ line: 1, code: 'missing_header', detail }],
    };
  }
  return { format: 'reads_csv', reads, errors };
}

/** One reads-CSV row. No closures inside: it runs once per read (≥ 200,000 reads/s). */
function parseRow(
  line: number,
  fields: readonly string[],
  width: number,
  cols: { meter: number; date: number; value: number; reg: number },
  dates: Map<string, LocalDate | undefined>,
): FileRead | RowError {
  if (fields.length !== width) {
    const detail = `expected ${width} fields, found ${fields.length}`;
    return { line, code: 'wrong_field_count', detail };
  }
  const meterNumber = field(fields, cols.meter);
  const dateText = field(fields, cols.date);
  let readDate = dates.get(dateText);
  if (readDate === undefined && !dates.has(dateText)) {
    readDate = parseLocalDate(dateText);
    dates.set(dateText, readDate);
  }
  const valueText = field(fields, cols.value);
  const valueMilli = parseReading(valueText);
  const regText = field(fields, cols.reg);
  const reg = registerKinds.includes(regText) ? regText : regText.toLowerCase();
  if (meterNumber === '')
    return { line, code: 'missing_meter_number', detail: 'meter_number is empty' };
  if (readDate === undefined) {
    return { line, code: 'bad_date', detail: `read_date "${dateText}" is not YYYY-MM-DD` };
  }
  if (valueMilli === undefined) {
    const detail = `reading "${valueText}" is not a number ≥ 0 with ≤ 3 decimals`;
    return { line, code: 'bad_reading', detail };
  }
  if (reg !== '' && !registerKinds.includes(reg)) {
    const detail = `register "${reg}" is not kwh, therm, gallon or kw`;
    return { line, code: 'bad_register', detail };
  }
  return {
    line,
    meterNumber,
    readDate,
    valueMilli,
    register: reg === '' ? null : (reg as RegisterKind),
  };
}

/** Field i trimmed ('' when the column is absent); trims only when there is a space. */
function field(fields: readonly string[], i: number): string {
  if (i < 0) return '';
  const v = fields[i] ?? '';
  return v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32) ? v.trim() : v;
}

const gallonsPerCcfMilli = 748_052; // 748.052 gallons, in thousandths

function parseBeacon(rows: ReturnType<typeof parseCsv>): ParsedFile {
  const header = (rows[0]?.fields ?? []).map((f) => f.trim());
  const [iMeter, iTime, iRead, iUnit] = ['Meter_ID', 'Read_Time', 'Read', 'Read_Unit'].map((c) =>
    header.indexOf(c),
  ) as [number, number, number, number];
  const lastOfDay = new Map<string, FileRead>();
  const errors: RowError[] = [];
  for (const row of rows.slice(1)) {
    const f = (i: number): string => (i < 0 ? '' : (row.fields[i] ?? '').trim());
    const e = (code: string, detail: string): void =>
      void errors.push({ line: row.line, code, detail });
    const readDate = parseLocalDate(f(iTime).slice(0, 10));
    const ccfMilli = parseReading(f(iRead));
    if (f(iMeter) === '') e('missing_meter_number', 'Meter_ID is empty');
    else if (readDate === undefined)
      e('bad_date', `Read_Time "${f(iTime)}" has no YYYY-MM-DD date`);
    else if (ccfMilli === undefined) e('bad_reading', `Read "${f(iRead)}" is not a number`);
    else if (iUnit >= 0 && f(iUnit) !== 'CCF') e('bad_unit', `Read_Unit "${f(iUnit)}" is not CCF`);
    else {
      const key = `${f(iMeter)}|${readDate}`;
      const prior = lastOfDay.get(key);
      const time = f(iTime);
      if (prior === undefined || time >= (beaconTimes.get(prior) ?? '')) {
        // CCF thousandths × 748.052 gal/CCF → gallon thousandths, rounded half-up.
        const valueMilli = Math.floor((ccfMilli * gallonsPerCcfMilli + 500) / 1000);
        const read: FileRead = {
          line: row.line,
          meterNumber: f(iMeter),
          readDate,
          valueMilli,
          register: 'gallon',
        };
        beaconTimes.set(read, time);
        lastOfDay.set(key, read);
      }
    }
  }
  return { format: 'beacon_360', reads: [...lastOfDay.values()], errors };
}

const beaconTimes = new WeakMap<FileRead, string>();
