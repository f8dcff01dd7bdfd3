/** "12.34" / "12" / "$1,234.5" → cents, or null when it is not an amount (no float math). */
export function parseDollars(text: string): number | null {
  const t = text.replace(/[$,\s]/g, '');
  if (t === '') return 0;
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}
