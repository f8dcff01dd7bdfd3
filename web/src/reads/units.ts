/** Whole units, grouped: '18,000' (readings and usage arrive as decimal text). */
export function units(text: string | null): string {
  if (text === null) return '—';
  const [whole = '0', frac = ''] = text.split('.');
  const f = frac.replace(/0+$/, '');
  return `${Number(whole).toLocaleString('en-US')}${f ? `.${f}` : ''}`;
}
