import { addDays, type LocalDate } from '../core/dates.ts';
import { expectOk, ok } from '../core/result.ts';
import { inTransaction, type Database } from '../db/index.ts';
import { systemActor } from '../modules/audit/index.ts';
import { meterLinks } from '../modules/customers/index.ts';
import { requestReRead } from '../modules/field/index.ts';

const actor = systemActor('demo reviewer');

/**
 * The city's reviewers have already sent the crew out for some of the held reads waiting in
 * the review queue: a re-read order (reason `held_read`, due in three days) for every third
 * one, oldest first, as on any working day — so the Field orders page and the account pages
 * show work to do. Through field's own `requestReRead` (audited, on the timeline).
 */
export async function openDemoReReadOrders(
  db: Database,
  today: LocalDate,
  now: Date,
): Promise<number> {
  const opened = await inTransaction(db, async (tx) => {
    const held = await tx.query<{
      premiseId: number;
      meterNumber: string;
      readDate: LocalDate;
      holdReason: string;
    }>(
      `SELECT mr.premise_id::int AS "premiseId", m.meter_number AS "meterNumber",
              mr.read_date AS "readDate", mr.hold_reason AS "holdReason"
         FROM meter_read mr JOIN register g ON g.id = mr.register_id
         JOIN meter m ON m.id = g.meter_id
        WHERE mr.status = 'held' AND m.status = 'installed'
          AND NOT EXISTS (SELECT 1 FROM read_review rv WHERE rv.read_id = mr.id)
        ORDER BY mr.id`,
    );
    const chosen = held.rows.filter((_, i) => i % 3 === 0);
    const links = await meterLinks(tx, chosen);
    let n = 0;
    for (const [i, h] of chosen.entries()) {
      const order = await requestReRead(
        tx,
        {
          premiseId: h.premiseId,
          meterNumber: h.meterNumber,
          reason: 'held_read',
          note: `Read of ${h.readDate} held for ${h.holdReason.replace('_', ' ')}`,
          accountId: links[i]!.accountId ?? undefined,
          dueOn: addDays(today, 3),
        },
        { actor, now },
      );
      if (expectOk(order).created) n++;
    }
    return ok(n);
  });
  return expectOk(opened);
}
