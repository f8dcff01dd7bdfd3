import { limits } from '../../core/limits.ts';
import type { Tx } from '../../db/index.ts';
import { milliText } from './copy-reads.ts';
import type { ReadColumns } from './plan-reads.ts';
import { dayText } from './read-import-rows.ts';
import { holdCodes } from './validate-read.ts';

/**
 * Writes planned read columns with `INSERT … SELECT FROM unnest(…)`, `limits.readImportChunkRows`
 * reads per statement. The arrays go over the wire as ready-made PostgreSQL array literals
 * (every element here is a number, a date, a numeric or a fixed word, so nothing needs
 * quoting): node-postgres would otherwise escape each of the millions of elements.
 * usage = delta × multiplier is computed by PostgreSQL (exact numeric). The reference
 * checks run once per statement (migrations/0071).
 */
export async function writeReadColumns(
  tx: Tx,
  k: ReadColumns,
  o: { readonly batchId: number | null; readonly now: Date },
): Promise<void> {
  const regIds = k.registers.map((r) => String(r.registerId));
  const premiseIds = k.registers.map((r) => String(r.premiseId));
  const multipliers = k.registers.map((r) => r.multiplier);
  const sources = ['import', 'estimate'];
  const statuses = holdCodes.map((h) => (h === null ? 'accepted' : 'held'));
  const reasons = holdCodes.map((h) => h ?? 'NULL');
  for (let i = 0; i < k.n; i += limits.readImportChunkRows) {
    const j = Math.min(k.n, i + limits.readImportChunkRows);
    const lit = (f: (x: number) => string | number): string => {
      const out: (string | number)[] = new Array<string | number>(j - i);
      for (let x = i; x < j; x++) out[x - i] = f(x);
      return `{${out.join(',')}}`;
    };
    await tx.query(
      `INSERT INTO meter_read (register_id, premise_id, read_date, value, delta, usage_days,
         usage, source, kind, status, hold_reason, import_batch_id, created_at)
       SELECT u.register_id, u.premise_id, u.read_date, u.value, u.delta, u.days,
              u.delta * u.multiplier, u.source, 'regular', u.status, u.hold_reason, $11, $12
         FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::numeric[], $5::numeric[],
                     $6::int[], $7::numeric[], $8::text[], $9::text[], $10::text[])
              AS u(register_id, premise_id, read_date, value, delta, days, multiplier, source,
                   status, hold_reason)`,
      [
        lit((x) => regIds[k.register[x]!]!),
        lit((x) => premiseIds[k.register[x]!]!),
        lit((x) => dayText(k.day[x]!)),
        lit((x) => milliText(k.valueMilli[x]!)),
        lit((x) => (Number.isNaN(k.deltaMilli[x]!) ? 'NULL' : milliText(k.deltaMilli[x]!))),
        lit((x) => (k.days[x]! < 0 ? 'NULL' : k.days[x]!)),
        lit((x) => multipliers[k.register[x]!]!),
        lit((x) => sources[k.estimate[x]!]!),
        lit((x) => statuses[k.hold[x]!]!),
        lit((x) => reasons[k.hold[x]!]!),
        o.batchId,
        o.now,
      ],
    );
  }
}
