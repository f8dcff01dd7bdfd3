import { parseLocalDate, type LocalDate } from '../../core/dates.ts';
import { forEachCsvRow } from './parse-csv.ts';
import type { FileRead, ParsedFile, RowError } from './parse-reads-file.ts';

/**
 * NEM12 (AEMO Meter Data File Format, interval data) → one consumption read per channel and
 * day (pure). Records: 100 header (must come first, version `NEM12`), 200 NMI data details
 * (a channel: NMI, NMISuffix, UOM, IntervalLength), 300 interval data (one day of
 * 1440/IntervalLength values + QualityMethod and 4 trailing fields), 400 interval events
 * (quality per interval range when the 300's QualityMethod is `V`), 500 B2B details
 * (ignored), 900 end (must be last).
 *
 * - Meter: `meter_number = <NMI>-<NMISuffix>` (e.g. `NEM1201009-E1`), register `kwh`.
 * - Units: kWh as is, Wh ÷ 1000, MWh × 1000. Other units (kvarh, kVAh …) are not billed
 *   energy: their channels are skipped and named in `notes`.
 * - Quality: `A` actual → source `import`; `E` estimated, `S` substituted, `F` final
 *   substituted → source `estimate` (any such interval makes the day an estimate);
 *   `N` null data is a row error (nothing to roll up).
 * - Values are summed exactly in millionths and rounded half-up to thousandths per day.
 */
type Channel = {
  readonly meterNumber: string;
  readonly intervals: number;
  /** Millionths of the channel's unit → millionths of a kWh. */
  readonly toKwh: (micro: number) => number;
  readonly skip: boolean;
};

type PendingDay = {
  readonly line: number;
  readonly meterNumber: string;
  readonly readDate: LocalDate;
  readonly usageMicro: number;
  estimated: boolean;
  /** For QualityMethod V: the last interval covered by 400 records so far. */
  coveredTo: number | null;
  readonly intervals: number;
};

const intervalLengths = [1, 5, 10, 15, 30];
const units: Record<string, (micro: number) => number> = {
  kwh: (m) => m,
  wh: (m) => m / 1000,
  mwh: (m) => m * 1000,
};
const trailingFields = 5; // QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime, MSATSLoadDateTime

/** True when the text's first record is a NEM12 record (100/200/300 indicator). */
export function looksLikeNem12(text: string): boolean {
  const first = text.slice(0, 200).trimStart();
  return /^(100,NEM12|200,|300,)/.test(first);
}

type State = {
  header: boolean;
  ended: boolean;
  channel: Channel | undefined;
  pending: PendingDay | undefined;
  lastLine: number;
  readonly reads: FileRead[];
  readonly errors: RowError[];
  readonly notes: string[];
};

export function parseNem12(text: string): ParsedFile {
  const s: State = {
    header: false,
    ended: false,
    channel: undefined,
    pending: undefined,
    lastLine: 0,
    reads: [],
    errors: [],
    notes: [],
  };
  forEachCsvRow(text, (line, fields) => onRecord(s, line, fields));
  flushPending(s);
  if (s.header && !s.ended) err(s, s.lastLine, 'missing_end', 'no 900 end record');
  if (!s.header && s.errors.length === 0) err(s, 1, 'missing_header', 'no 100 header record');
  return { format: 'nem12', reads: s.reads, errors: s.errors, notes: s.notes };
}

function err(s: State, line: number, code: string, detail: string): void {
  s.errors.push({ line, code, detail });
}

function onRecord(s: State, line: number, raw: readonly string[]): void {
  s.lastLine = line;
  const f = raw.map((x) => x.trim());
  const kind = f[0] ?? '';
  if (s.ended) return err(s, line, 'record_after_end', `record ${kind} after the 900 end record`);
  if (!s.header && kind !== '100') {
    if (s.errors.some((e) => e.code === 'missing_header')) return;
    const detail = `a NEM12 file starts with a 100 header record, found "${kind}"`;
    return err(s, line, 'missing_header', detail);
  }
  if (kind !== '400') flushPending(s);
  if (kind === '100') return onHeader(s, line, f);
  if (kind === '200') return onChannel(s, line, f);
  if (kind === '300') return onDay(s, line, f);
  if (kind === '400') return onEvent(s, line, f);
  if (kind === '500') return;
  if (kind === '900') return void (s.ended = true);
  err(s, line, 'bad_record', `RecordIndicator "${kind}" is not 100, 200, 300, 400, 500 or 900`);
}

function onHeader(s: State, line: number, f: readonly string[]): void {
  if (s.header) return err(s, line, 'bad_record', 'a second 100 header record');
  s.header = true;
  if (f[1] !== 'NEM12') err(s, line, 'bad_header', `VersionHeader "${f[1] ?? ''}" is not NEM12`);
}

function onChannel(s: State, line: number, f: readonly string[]): void {
  s.channel = undefined;
  const [nmi, suffix, uom, length] = [f[1] ?? '', f[4] ?? '', f[7] ?? '', Number(f[8])];
  if (f.length < 10) {
    return err(s, line, 'wrong_field_count', `200 record has ${f.length} fields, needs 10`);
  }
  if (!/^[A-Z0-9]{10}$/i.test(nmi)) {
    return err(s, line, 'bad_nmi', `NMI "${nmi}" is not 10 letters or digits`);
  }
  if (!/^[A-Z][A-Z0-9]$/i.test(suffix)) {
    return err(s, line, 'bad_suffix', `NMISuffix "${suffix}" is not a channel like E1`);
  }
  if (!intervalLengths.includes(length)) {
    return err(s, line, 'bad_interval_length', `IntervalLength "${f[8]}" is not 1/5/10/15/30`);
  }
  const toKwh = units[uom.toLowerCase()];
  const meterNumber = `${nmi}-${suffix}`;
  if (!toKwh) s.notes.push(`line ${line}: channel ${meterNumber} in ${uom} skipped`);
  s.channel = { meterNumber, intervals: 1440 / length, toKwh: toKwh ?? ((m) => m), skip: !toKwh };
}

function onDay(s: State, line: number, f: readonly string[]): void {
  const ch = s.channel;
  if (!ch) return err(s, line, 'record_out_of_order', '300 record without a valid 200');
  const need = 2 + ch.intervals + trailingFields;
  if (f.length !== need) {
    const detail = `300 record has ${f.length} fields; IntervalLength ${1440 / ch.intervals} needs ${need} (IntervalDate, ${ch.intervals} IntervalValue, QualityMethod, ReasonCode, ReasonDescription, UpdateDateTime, MSATSLoadDateTime)`;
    return err(s, line, 'wrong_field_count', detail);
  }
  const d = f[1] ?? '';
  const readDate = parseLocalDate(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`);
  if (d.length !== 8 || readDate === undefined) {
    return err(s, line, 'bad_date', `IntervalDate "${d}" is not YYYYMMDD`);
  }
  let micro = 0;
  for (let i = 0; i < ch.intervals; i++) {
    const v = parseMicro(f[2 + i] ?? '');
    if (v === undefined) {
      const detail = `IntervalValue ${i + 1} "${f[2 + i]}" is not a number ≥ 0 with ≤ 6 decimals`;
      return err(s, line, 'bad_reading', detail);
    }
    micro += v;
  }
  const qm = f[2 + ch.intervals] ?? '';
  const estimated = quality(s, line, qm.charAt(0), `QualityMethod "${qm}"`);
  if (estimated === undefined || ch.skip) return;
  s.pending = {
    line,
    meterNumber: ch.meterNumber,
    readDate,
    usageMicro: ch.toKwh(micro),
    estimated: estimated === true,
    coveredTo: estimated === 'V' ? 0 : null,
    intervals: ch.intervals,
  };
}

function onEvent(s: State, line: number, f: readonly string[]): void {
  const p = s.pending;
  if (s.channel?.skip) return;
  if (!p || p.coveredTo === null) {
    return err(s, line, 'record_out_of_order', '400 record not after a 300 with QualityMethod V');
  }
  const [start, end] = [Number(f[1]), Number(f[2])];
  if (start !== p.coveredTo + 1 || !Number.isInteger(end) || end < start || end > p.intervals) {
    const detail = `StartInterval ${f[1]}–EndInterval ${f[2]} must continue from interval ${p.coveredTo + 1} up to ${p.intervals}`;
    return err(s, line, 'bad_interval_range', detail);
  }
  const q = (f[3] ?? '').charAt(0);
  if (q === 'V') err(s, line, 'bad_quality', 'a 400 record cannot have QualityMethod V');
  else if (quality(s, line, q, `QualityMethod "${f[3]}"`) === true) p.estimated = true;
  p.coveredTo = end;
}

/** true = estimated, false = actual, 'V' = see 400 records, undefined = error reported. */
function quality(s: State, line: number, q: string, what: string): boolean | 'V' | undefined {
  if (q === 'A') return false;
  if (q === 'E' || q === 'S' || q === 'F') return true;
  if (q === 'V') return 'V';
  if (q === 'N') return void err(s, line, 'null_data', `${what}: null data, nothing to read`);
  return void err(s, line, 'bad_quality', `${what} is not A, E, F, N, S or V`);
}

function flushPending(s: State): void {
  const p = s.pending;
  s.pending = undefined;
  if (!p) return;
  if (p.coveredTo !== null && p.coveredTo !== p.intervals) {
    const detail = `400 records cover intervals 1–${p.coveredTo} of ${p.intervals}`;
    return err(s, p.line, 'incomplete_quality', detail);
  }
  s.reads.push({
    line: p.line,
    meterNumber: p.meterNumber,
    readDate: p.readDate,
    valueMilli: 0,
    register: 'kwh',
    usageMilli: Math.floor((p.usageMicro + 500) / 1000),
    source: p.estimated ? 'estimate' : 'import',
  });
}

/** A non-negative decimal with at most 6 places → integer millionths, exactly. */
function parseMicro(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 1_000_000 + Number((m[2] ?? '').padEnd(6, '0'));
}
