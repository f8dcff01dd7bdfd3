import type { Random } from './random.ts';

/**
 * Typing mistakes, for the search tests and the search benchmark: swap two neighbouring
 * letters, drop one, or hit a neighbouring key. Never touches the first letter (people
 * rarely get it wrong, and it keeps the mistake a realistic one).
 */
export type Mistake = 'transpose' | 'drop' | 'substitute';

const keyboardNeighbours: Readonly<Record<string, string>> = {
  a: 'sq',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

export function misspell(word: string, mistake: Mistake, position: number): string {
  if (word.length < 4) return word;
  const i = 1 + (Math.abs(position) % (word.length - 2)); // 1 .. length-2
  const chars = [...word];
  if (mistake === 'transpose') {
    const a = chars[i] as string;
    chars[i] = chars[i + 1] as string;
    chars[i + 1] = a;
    const swapped = chars.join('');
    return swapped === word ? misspell(word, 'drop', position) : swapped;
  }
  if (mistake === 'drop') {
    chars.splice(i, 1);
    return chars.join('');
  }
  const c = (chars[i] as string).toLowerCase();
  const options = keyboardNeighbours[c] ?? 'e';
  chars[i] = options[Math.abs(position) % options.length] as string;
  return chars.join('');
}

export function randomMisspelling(rnd: Random, word: string): string {
  const mistake = rnd.pick(['transpose', 'drop', 'substitute'] as const);
  return misspell(word, mistake, rnd.int(0, 1000));
}
