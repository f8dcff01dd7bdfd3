import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';

type Ctx = { readonly actor: Actor; readonly now: Date };

/**
 * Sets (or clears, with `from: null`) the days the meters are turned off and locked — a
 * seasonal hold (billing). Between `from` and `through + 1` a zero read is expected and a low
 * one is not suspicious, so the read validation accepts both. Audited per meter as
 * `meter.off_window_set`. Returns the number of meters changed.
 */
export async function setMeterOffWindow(
  tx: Tx,
  input: {
    readonly meterNumbers: readonly string[];
    readonly from: LocalDate | null;
    readonly through: LocalDate | null;
  },
  ctx: Ctx,
): Promise<number> {
  if (input.meterNumbers.length === 0) return 0;
  const r = await tx.query<{
    id: number;
    before_from: string | null;
    before_through: string | null;
  }>(
    `UPDATE meter m SET off_from = $2::date, off_through = $3::date
       FROM (SELECT id, off_from::text AS before_from, off_through::text AS before_through
               FROM meter WHERE meter_number = ANY($1::text[]) FOR UPDATE) old
      WHERE m.id = old.id
      RETURNING m.id::int AS id, old.before_from, old.before_through`,
    [input.meterNumbers, input.from, input.from === null ? null : input.through],
  );
  for (const row of r.rows) {
    await recordAudit(tx, {
      actor: ctx.actor,
      at: ctx.now,
      action: 'meter.off_window_set',
      entityType: 'meter',
      entityId: row.id,
      before: { offFrom: row.before_from, offThrough: row.before_through },
      after: { offFrom: input.from, offThrough: input.from === null ? null : input.through },
    });
  }
  return r.rows.length;
}
