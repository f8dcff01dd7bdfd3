import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { parseCsv } from './parse-csv.ts';
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
 */
export type ReadFormat = 'reads_csv' | 'beacon_360';
export type RegisterKind = 'kwh' | 'therm' | 'gallon' | 'kw';

export type FileRead = {
  readonly line: number;
  readonly meterNumber: string;
  readonly readDate: LocalDate;
  readonly valueMilli: number;
  readonly register: RegisterKind | null;
};

export type RowError = { readonly line: number; readonly code: string; readonly detail: string };

export type ParsedFile = {
  readonly format: ReadFormat;
  readonly reads: readonly FileRead[];
  readonly errors: readonly RowError[];
};

const registerKinds: readonly string[] = ['kwh', 'therm', 'gallon', 'kw'];
const requiredColumns = ['meter_number', 'read_date', 'reading'] as const;

export function parseReadsFile(text: string): ParsedFile {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (rows[0]?.fields ?? []).map((f) => f.trim());
  if (header.includes('Meter_ID') && header.includes('Read_Time')) return parseBeacon(rows);
  const missing = requiredColumns.filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length > 0) {
    const detail = `the first line must be the header meter_number,read_date,reading[,register]; missing: ${missing.join(', ')}`;
    return {
      format: 'reads_csv',
      reads: [],
      errors: [{ line: 1, code: 'missing_header', detail }],
    };
  }
  const col = (name: string): number => header.indexOf(name);
  const [iMeter, iDate, iValue, iReg] = [
    col('meter_number'),
    col('read_date'),
    col('reading'),
    col('register'),
  ];
  const reads: FileRead[] = [];
  const errors: RowError[] = [];
  for (const row of rows.slice(1)) {
    const f = (i: number): string => (i < 0 ? '' : (row.fields[i] ?? '').trim());
    const e = (code: string, detail: string): void =>
      void errors.push({ line: row.line, code, detail });
    if (row.fields.length !== header.length) {
      e('wrong_field_count', `expected ${header.length} fields, found ${row.fields.length}`);
      continue;
    }
    const meterNumber = f(iMeter);
    const readDate = parseLocalDate(f(iDate));
    const valueMilli = parseReading(f(iValue));
    const reg = f(iReg).toLowerCase();
    if (meterNumber === '') e('missing_meter_number', 'meter_number is empty');
    else if (readDate === undefined) e('bad_date', `read_date "${f(iDate)}" is not YYYY-MM-DD`);
    else if (valueMilli === undefined)
      e('bad_reading', `reading "${f(iValue)}" is not a number ≥ 0 with ≤ 3 decimals`);
    else if (reg !== '' && !registerKinds.includes(reg))
      e('bad_register', `register "${reg}" is not kwh, therm, gallon or kw`);
    else
      reads.push({
        line: row.line,
        meterNumber,
        readDate,
        valueMilli,
        register: reg === '' ? null : (reg as RegisterKind),
      });
  }
  return { format: 'reads_csv', reads, errors };
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
