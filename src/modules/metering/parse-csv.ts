/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes inside quotes, CRLF or LF line
 * ends, a final line with or without a newline. Returns rows of fields with the 1-based
 * line number each row starts on, so error reports can point at the file.
 *
 * Speed (≥ 200,000 reads/s for the read import): a line without a `"` is split with
 * `String.split` (native, no per-character work); only a line that holds a quote goes
 * through the character loop, which may then run on over quoted line breaks.
 */
export type CsvRow = { readonly line: number; readonly fields: readonly string[] };

export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  forEachCsvRow(text, (line, fields) => void rows.push({ line, fields }));
  return rows;
}

/** Calls `onRow` for every non-empty row, in file order, without building a row list. */
export function forEachCsvRow(text: string, onRow: (line: number, fields: string[]) => void): void {
  let pos = 0;
  let line = 1;
  const n = text.length;
  while (pos < n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    const cut = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const raw = text.slice(pos, cut);
    if (raw.indexOf('"') < 0) {
      if (raw !== '') onRow(line, raw.split(','));
      pos = end + 1;
      line++;
      continue;
    }
    const q = readQuotedRow(text, pos);
    if (!(q.fields.length === 1 && q.fields[0] === '')) onRow(line, q.fields);
    pos = q.next;
    line += q.lines;
  }
}

/** The character loop for a row holding quotes, from `start` to the end of its last line. */
export function readQuotedRow(
  text: string,
  start: number,
): { fields: string[]; next: number; lines: number } {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  let lines = 1;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') lines++;
        field += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n') break;
    else if (ch === '\r' && text[i + 1] === '\n') {
      i++;
      break;
    } else if (ch === '\r') break;
    else field += ch;
  }
  fields.push(field);
  return { fields, next: i + 1, lines };
}
