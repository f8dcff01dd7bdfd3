import { copyField } from '../../db/index.ts';
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
  return explanationHead(l.line) + explanationTail(l).json;
}

/** `storedExplanation` as a COPY text field (db/copy-rows.ts `copyField`), for the bill run. */
export function storedExplanationCopyField(l: DraftLine): string {
  return explanationHead(l.line) + explanationTail(l).copy;
}

/**
 * The engine's part: numbers, the fixed charge kinds, `days/30` and `n` or `n/d` micros —
 * nothing JSON or COPY text would escape (rating produces them; a test pins it).
 */
function explanationHead(x: DraftLine['line']): string {
  let s = `{"kind":"${x.kind}","unitPriceMicros":${x.unitPriceMicros ?? 'null'},"pricePer":${x.pricePer}`;
  if (x.basisPoints !== undefined) s += `,"basisPoints":${x.basisPoints}`;
  if (x.blockFrom !== undefined) s += `,"blockFrom":${x.blockFrom}`;
  if (x.blockTo !== undefined) s += `,"blockTo":${x.blockTo ?? 'null'}`;
  if (x.proration !== undefined) s += `,"proration":"${x.proration}"`;
  return `${s},"unroundedMicros":"${x.unroundedMicros}"`;
}

type Tail = { readonly code: string; readonly json: string; readonly copy: string };

/** The schedule and versions part, shared by an agreement's lines: made once per versions list. */
const tails = new WeakMap<readonly string[], Tail>();

function explanationTail(l: DraftLine): Tail {
  const seen = tails.get(l.versionsEffectiveFrom);
  if (seen !== undefined && seen.code === l.scheduleCode) return seen;
  const json = `,"scheduleCode":${JSON.stringify(l.scheduleCode)},"versionsEffectiveFrom":${JSON.stringify(l.versionsEffectiveFrom)}}`;
  const tail = { code: l.scheduleCode, json, copy: copyField(json) };
  tails.set(l.versionsEffectiveFrom, tail);
  return tail;
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
