import { RemittanceParseError } from './remittance-types.ts';

/** One logical BAI2 record with its 88 continuations joined. */
export type Bai2Record = {
  readonly code: string;
  /** Fields after the record code; for 16 the free text is ONE last field (commas kept). */
  fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Logical records it counts for in the trailers' record counts (itself + its 88s). */
  records: number;
};

const recordCodes = new Set(['01', '02', '03', '16', '49', '98', '99']);
/** A record that starts after a "/" on the same physical line (moov sample3). */
const inlineSplit = /\/\s+(?=\d\d,)/;

/**
 * Splits BAI2 text into logical records (pure): one or several records per physical line
 * (a record ends at "/" followed by whitespace and the next record's code); a physical line
 * that does not start with a record code continues the record before it; 88 continuation
 * records are joined to the record they continue — appended fields for 03 and the trailers,
 * appended free text for 16. Throws with the line and field for an unknown or malformed code.
 */
export function bai2Records(text: string): Bai2Record[] {
  const out: Bai2Record[] = [];
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const no = i + 1;
    if (line.trim() === '') continue;
    // "111…" (a 16's text broken over lines, moov sample3) continues; "88:" is malformed.
    if (!/^\d\d(,|[^\d]|$)/.test(line)) {
      const last = out[out.length - 1];
      if (!last) throw new RemittanceParseError(no, 'record code', 'the file must start with 01');
      appendText(last, line);
      continue;
    }
    for (const piece of line.split(inlineSplit)) addRecord(out, piece, no);
  }
  return out;
}

function addRecord(out: Bai2Record[], piece: string, no: number): void {
  const code = piece.slice(0, 2);
  if (piece[2] !== ',' && piece.length > 2)
    throw new RemittanceParseError(
      no,
      'record code',
      `"${piece.slice(0, 3)}": a record code is two digits and a comma`,
    );
  const body = stripEnd(piece.slice(3));
  if (code === '88') {
    const last = out[out.length - 1];
    if (!last)
      throw new RemittanceParseError(no, 'record code', '88 continuation with nothing to continue');
    last.records += 1;
    if (last.code === '16') appendText(last, body);
    else {
      if (last.code === '03') trimToGroup(last.fields);
      last.fields.push(...body.split(','));
    }
    return;
  }
  if (!recordCodes.has(code))
    throw new RemittanceParseError(no, 'record code', `"${code}" is not a BAI2 record code`);
  const fields = body.split(',');
  if (code === '16') out.push({ code, fields: detailFields(fields), line: no, records: 1 });
  else out.push({ code, fields, line: no, records: 1 });
}

/** A record's end: trailing blanks and the "/" delimiter. */
function stripEnd(body: string): string {
  const t = body.replace(/\s+$/, '');
  return t.endsWith('/') ? t.slice(0, -1) : t;
}

function appendText(r: Bai2Record, more: string): void {
  const text = stripEnd(more).trim();
  if (r.code !== '16') {
    r.fields.push(...text.split(','));
    return;
  }
  const last = r.fields.length - 1;
  r.fields[last] = [r.fields[last], text].filter((s) => s !== undefined && s !== '').join(' ');
}

/** How many fields a funds type adds after it (BAI2 §3: V date+time, S 3 amounts, D n pairs). */
export function fundsExtra(fields: readonly string[], at: number): number {
  const t = fields[at] ?? '';
  if (t === 'V') return 2;
  if (t === 'S') return 3;
  if (t === 'D') return 1 + 2 * Number(fields[at + 1] || 0);
  return 0;
}

/** 16: type, amount, funds type (+ extras), bank ref, customer ref, then text (commas kept). */
function detailFields(f: string[]): string[] {
  const textAt = 3 + fundsExtra(f, 2) + 2;
  if (f.length <= textAt) {
    while (f.length < textAt) f.push('');
    return [...f, ''];
  }
  return [...f.slice(0, textAt), f.slice(textAt).join(',')];
}

/**
 * Before an 88 continues a 03: empty fields after the last complete summary group are the
 * writer's trailing commas (",,,/" in the SVB sample), not fields; a partial group (sample2
 * ends a 03 with a lone type code "190/") is kept so the 88 completes it.
 */
function trimToGroup(fields: string[]): void {
  let i = 2;
  while (i < fields.length) {
    const next = i + 4 + fundsExtra(fields, i + 3);
    if (next > fields.length) break;
    i = next;
  }
  if (fields.slice(i).every((f) => f === '')) fields.length = i;
}
