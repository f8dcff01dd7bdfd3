import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listOne, type UnappliedCashView } from './unapplied-cash.ts';
import type { PaymentContext } from './types.ts';

export const unappliedNoteMax = 2_000;

/**
 * Adds a research note to an unapplied-cash item (PAY-5) — any status: a note after an item
 * was applied or refunded explains it too. Append-only; audited. Answers the item with all
 * its notes.
 */
export async function addUnappliedNote(
  tx: Tx,
  input: { readonly id: number; readonly body: string },
  ctx: PaymentContext,
): Promise<Result<UnappliedCashView, 'invalid' | 'not_found'>> {
  const body = input.body.trim();
  if (body.length === 0 || body.length > unappliedNoteMax)
    return err('invalid', 'a note', { body: `1 to ${unappliedNoteMax} characters` });
  const r = await tx.query<{ id: string }>(
    `INSERT INTO unapplied_cash_note (unapplied_cash_id, body, author, created_at)
     SELECT id, $2, $3, $4 FROM unapplied_cash WHERE id = $1
     RETURNING id`,
    [input.id, body, ctx.actor.name, ctx.now],
  );
  if (!r.rows[0]) return err('not_found', `unapplied cash ${input.id}`);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'unapplied_cash.noted',
    entityType: 'unapplied_cash',
    entityId: input.id,
    after: { noteId: Number(r.rows[0].id), body },
  });
  return ok(await listOne(tx, input.id));
}
