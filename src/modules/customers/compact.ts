/**
 * Parsed HTTP input has `undefined` for absent optional fields; service inputs (with
 * exactOptionalPropertyTypes) want them absent. `compact` drops undefined keys, deeply.
 */
export type Compact<T> = T extends string | number | boolean | bigint | null
  ? T
  : T extends readonly (infer U)[]
    ? Compact<U>[]
    : T extends object
      ? { [K in keyof T]: Compact<Exclude<T[K], undefined>> }
      : T;

export function compact<T>(value: T): Compact<T> {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as Compact<T>;
  if (value === null || typeof value !== 'object') return value as Compact<T>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
  return out as Compact<T>;
}
