import type { DraftLine } from './types.ts';

/**
 * A bill line's explanation as stored in `bill_line.explanation` (jsonb): what the engine's
 * line says beyond the line's own columns — the charge kind, block bounds, unit price,
 * proration, the unrounded amount, the schedule and the versions it was rated on. The code,
 * description, quantity, unit and amount are the row's columns and are not repeated (a bill
 * run writes ~15 lines per account: every byte counts); `fullExplanation` puts them back
 * for readers. Written as JSON text directly (fixed key order, numbers as numbers).
 */
export function storedExplanation(l: DraftLine): string {
  const x = l.line;
  let s = `{"kind":${JSON.stringify(x.kind)},"unitPriceMicros":${x.unitPriceMicros ?? 'null'},"pricePer":${x.pricePer}`;
  if (x.basisPoints !== undefined) s += `,"basisPoints":${x.basisPoints}`;
  if (x.blockFrom !== undefined) s += `,"blockFrom":${x.blockFrom}`;
  if (x.blockTo !== undefined) s += `,"blockTo":${x.blockTo ?? 'null'}`;
  if (x.proration !== undefined) s += `,"proration":${JSON.stringify(x.proration)}`;
  s += `,"unroundedMicros":${JSON.stringify(x.unroundedMicros)}`;
  s += `,"scheduleCode":${JSON.stringify(l.scheduleCode)}`;
  s += `,"versionsEffectiveFrom":${JSON.stringify(l.versionsEffectiveFrom)}}`;
  return s;
}

/** The columns a stored explanation leaves out. */
export type LineColumns = {
  readonly code: string;
  readonly description: string;
  readonly quantity: number;
  readonly unit: string;
  readonly amountCents: number;
};

/**
 * The whole explanation of a stored line (the engine's line + schedule and versions): its
 * stored jsonb with the line's columns put back. Lines stored before the explanation was
 * made compact carry those keys already, with the same values.
 */
export function fullExplanation(
  stored: Readonly<Record<string, unknown>>,
  columns: LineColumns,
): Record<string, unknown> {
  return {
    code: columns.code,
    description: columns.description,
    quantity: columns.quantity,
    unit: columns.unit,
    amountCents: columns.amountCents,
    ...stored,
  };
}
