/**
 * The values of the meter install, exchange and remove forms (BIL-1), kept flat — `date`,
 * `meterNumber`, `size`, `final.<kind>`, `reg.<n>.<field>` — so that every field has its own
 * message, and the API bodies built from them. Checks mirror the server's zod schemas
 * (src/modules/metering/metering.schema.ts).
 */
export type MeterValues = Record<string, string>;

/** What the section gives each meter form. */
export type MeterFormProps = {
  /** Closes the form (null: nothing to announce). */
  readonly done: (message: string | null) => void;
  /** Reloads the section's meters, then announces the message if there is one. */
  readonly changed: (message: string | null) => Promise<void>;
};

export const registerKinds = ['gallon', 'kwh', 'therm', 'kw'] as const;
export type RegisterKind = (typeof registerKinds)[number];

export function isRegisterKind(kind: string): kind is RegisterKind {
  return (registerKinds as readonly string[]).includes(kind);
}

/** At most this many registers on one meter (the API's limit). */
export const registersMax = 4;

export type RegisterDraft = {
  readonly kind: string;
  readonly dials: string;
  readonly multiplier: string;
  readonly initialReading: string;
};
type RegisterField = keyof RegisterDraft;

export const regKey = (i: number, field: RegisterField) => `reg.${i}.${field}`;
export const finalKey = (kind: string) => `final.${kind}`;

/** The register a new meter of the service usually has (as the demo city's meters). */
export function defaultRegister(service: string): RegisterDraft {
  const kind = service === 'electric' ? 'kwh' : service === 'gas' ? 'therm' : 'gallon';
  const dials = service === 'gas' ? '5' : service === 'electric' ? '6' : '7';
  return { kind, dials, multiplier: '1', initialReading: '0' };
}

/** A replacement's registers: the old meter's kinds, dials and multipliers, reading 0. */
export function registersLike(
  old: readonly { readonly kind: string; readonly dials: number; readonly multiplier: string }[],
): RegisterDraft[] {
  return old.map((r) => ({
    kind: r.kind,
    dials: String(r.dials),
    multiplier: trimZeros(r.multiplier),
    initialReading: '0',
  }));
}

/** '40.0000' → '40', '1.2500' → '1.25'. */
function trimZeros(decimal: string): string {
  return decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
}

export function registerValues(drafts: readonly RegisterDraft[]): MeterValues {
  const out: MeterValues = {};
  drafts.forEach((d, i) => {
    for (const field of ['kind', 'dials', 'multiplier', 'initialReading'] as const)
      out[regKey(i, field)] = d[field];
  });
  return out;
}

/** A field's value, trimmed ('' when the form has no such field). */
export const valueAt = (v: MeterValues, key: string) => (v[key] ?? '').trim();

export type RegisterBody = {
  kind: RegisterKind;
  dials: number;
  multiplier?: string;
  initialReading: string;
};

/** The first `count` registers as the API takes them (after the checks passed). */
export function registersBody(v: MeterValues, count: number): RegisterBody[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = valueAt(v, regKey(i, 'kind'));
    const multiplier = valueAt(v, regKey(i, 'multiplier'));
    return {
      kind: isRegisterKind(kind) ? kind : 'gallon',
      dials: Number(valueAt(v, regKey(i, 'dials'))),
      ...(multiplier === '' ? {} : { multiplier }),
      initialReading: valueAt(v, regKey(i, 'initialReading')),
    };
  });
}

/** `{ gallon: '45120' }`: the final reading of each of the meter's registers. */
export function finalReadingsBody(
  v: MeterValues,
  kinds: readonly string[],
): Partial<Record<RegisterKind, string>> {
  const out: Partial<Record<RegisterKind, string>> = {};
  for (const kind of kinds) if (isRegisterKind(kind)) out[kind] = valueAt(v, finalKey(kind));
  return out;
}

/** The final reads of each register, keyed like the form, all empty. */
export function emptyFinals(registers: readonly { readonly kind: string }[]): MeterValues {
  return Object.fromEntries(registers.map((r) => [finalKey(r.kind), '']));
}

const readingPattern = /^\d{1,12}(\.\d{1,3})?$/;

/** Client checks, worded for the clerk. */
export const meterChecks = {
  date: (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? null : 'Enter a date.'),
  reading: (s: string) =>
    readingPattern.test(s.trim()) ? null : 'Enter a reading such as 4512 or 227.6.',
  meterNumber: (s: string) =>
    /^[A-Z0-9][A-Z0-9-]{0,29}$/.test(s.trim())
      ? null
      : 'Enter the meter number: capitals, digits and dashes, such as W100234.',
  size: (s: string) =>
    s.trim() === '' || /^\d+(\/\d+|-\d+\/\d+)?$/.test(s.trim())
      ? null
      : 'Enter a size such as 3/4, 1 or 1-1/2, or leave it empty.',
  dials: (s: string) =>
    /^\d{1,2}$/.test(s.trim()) && Number(s) >= 1 && Number(s) <= 12 ? null : 'Enter 1 to 12 dials.',
  multiplier: (s: string) =>
    s.trim() === '' || /^\d{1,8}(\.\d{1,4})?$/.test(s.trim())
      ? null
      : 'Enter a multiplier such as 1 or 40.',
};

/** The checks of the first `count` registers, keyed like the form. */
export function registerProblems(v: MeterValues, count: number): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const kinds = new Set<string>();
  for (let i = 0; i < count; i++) {
    const kind = valueAt(v, regKey(i, 'kind'));
    out[regKey(i, 'kind')] = kinds.has(kind) ? 'Each register needs a different kind.' : null;
    kinds.add(kind);
    out[regKey(i, 'dials')] = meterChecks.dials(valueAt(v, regKey(i, 'dials')));
    out[regKey(i, 'multiplier')] = meterChecks.multiplier(valueAt(v, regKey(i, 'multiplier')));
    out[regKey(i, 'initialReading')] = meterChecks.reading(valueAt(v, regKey(i, 'initialReading')));
  }
  return out;
}

/** The checks of the final reads, keyed like the form. */
export function finalProblems(
  v: MeterValues,
  registers: readonly { readonly kind: string }[],
): Record<string, string | null> {
  return Object.fromEntries(
    registers.map((r) => [finalKey(r.kind), meterChecks.reading(valueAt(v, finalKey(r.kind)))]),
  );
}

/**
 * The form field of a server field path: `exchangedOn` → `date`, `finalReadings.gallon` →
 * `final.gallon`, `replacement.registers.0.dials` → `reg.0.dials`. Form keys map to
 * themselves.
 */
export function meterFieldOf(path: string): string {
  if (/^(exchangedOn|removedOn|installedOn|readDate)$/.test(path)) return 'date';
  const final = /^finalReadings\.(\w+)$/.exec(path);
  if (final) return finalKey(final[1]!);
  const reg = /^(?:replacement\.)?registers\.(\d+)\.(\w+)$/.exec(path);
  if (reg) return `reg.${reg[1]!}.${reg[2]!}`;
  return path.replace(/^replacement\./, '');
}
