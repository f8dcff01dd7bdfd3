import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { parseCsv } from './parse-csv.ts';
import { looksLikeNem12, parseNem12 } from './parse-nem12.ts';
import { parseReadsCsvRows } from './read-import-csv.ts';
import { fileReadsOf, readRowsOf, type ReadRows } from './read-import-rows.ts';
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

export function parseReadsFile(text: string): ParsedFile {
  const body = stripBom(text);
  const f = format(body);
  if (f === 'nem12') return parseNem12(body);
  if (f === 'beacon_360') return parseBeacon(parseCsv(body));
  return parseReadsCsv(body);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function format(body: string): ReadFormat {
  if (looksLikeNem12(body)) return 'nem12';
  const firstLine = body.slice(0, Math.max(0, body.indexOf('\n')) || body.length);
  if (firstLine.includes('Meter_ID') && firstLine.includes('Read_Time')) return 'beacon_360';
  return 'reads_csv';
}

/** The OpenCIS reads CSV, parsed as columns (read-import-csv.ts), as objects. */
function parseReadsCsv(body: string): ParsedFile {
  const p = parseReadsCsvRows(body);
  return { format: 'reads_csv', reads: fileReadsOf(p.rows), errors: p.errors };
}

/** A read file as columns, for the importer: the reads CSV without an object per read. */
export type ParsedRows = {
  readonly format: ReadFormat;
  readonly rows: ReadRows;
  readonly errors: readonly RowError[];
  readonly notes?: readonly string[];
};

export function parseReadsFileRows(text: string): ParsedRows {
  const body = stripBom(text);
  if (format(body) === 'reads_csv') {
    const p = parseReadsCsvRows(body);
    return { format: 'reads_csv', rows: p.rows, errors: p.errors };
  }
  const parsed = parseReadsFile(body);
  return { ...parsed, rows: readRowsOf(parsed.reads) };
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
