import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordTimelineEvent } from './timeline.ts';
import { actorName, actorStaffId, type ServiceContext } from './types.ts';

export const noteCategories = [
  'general',
  'billing',
  'collections',
  'service',
  'field',
  'complaint',
  'fraud',
] as const;
export type NoteCategory = (typeof noteCategories)[number];

/** How much of a note the timeline summary shows. */
const noteSummaryCharsMax = 120;

/**
 * Adds a note to an account (ACC-5). Notes are append-only (a database trigger refuses
 * UPDATE and DELETE): a correction is a new note.
 *
 * Codes: `account_not_found`; `invalid` — empty body or longer than limits.noteCharsMax.
 */
export async function addNote(
  tx: Tx,
  input: { readonly accountId: number; readonly category: NoteCategory; readonly body: string },
  ctx: ServiceContext,
): Promise<Result<{ readonly noteId: number }, 'account_not_found' | 'invalid'>> {
  const body = input.body.trim();
  if (body.length === 0 || body.length > limits.noteCharsMax) {
    return err('invalid', 'bad note', { body: `1 to ${limits.noteCharsMax} characters` });
  }
  const a = await tx.query('SELECT 1 FROM account WHERE id = $1', [input.accountId]);
  if (a.rowCount === 0) return err('account_not_found');
  const r = await tx.query<{ id: number }>(
    `INSERT INTO account_note (account_id, category, body, created_by, created_by_name, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [input.accountId, input.category, body, actorStaffId(ctx.actor), actorName(ctx.actor), ctx.now],
  );
  const noteId = (r.rows[0] as { id: number }).id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.note_added',
    entityType: 'account_note',
    entityId: noteId,
    accountId: input.accountId,
    after: { category: input.category, body },
  });
  const summary =
    body.length > noteSummaryCharsMax ? `${body.slice(0, noteSummaryCharsMax - 1)}…` : body;
  await recordTimelineEvent(
    tx,
    {
      accountId: input.accountId,
      kind: 'note_added',
      summary,
      refType: 'account_note',
      refId: noteId,
    },
    ctx,
  );
  return ok({ noteId });
}
