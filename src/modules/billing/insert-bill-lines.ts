import type { Tx } from '../../db/index.ts';
import { storedExplanation } from './line-explanation.ts';
import type { DraftBill } from './types.ts';

/**
 * Writes one drafted bill's lines with their explanations (the engine's line plus the
 * schedule and the versions it was rated on), numbered from 1, in one statement. Used for a
 * single bill (rebill); the bill run writes whole pages in issue-bills.ts.
 */
export async function insertBillLines(tx: Tx, billId: number, draft: DraftBill): Promise<void> {
  const ls = draft.lines;
  await tx.query(
    `INSERT INTO bill_line (bill_id, line_no, account_id, agreement_id, service, code,
       description, quantity, unit, amount_cents, explanation)
     SELECT $1, n, $2, agreement_id, service, code, description, quantity, unit, amount,
            explanation::jsonb
       FROM unnest($3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::numeric[],
                   $9::text[], $10::bigint[], $11::text[])
         AS l(n, agreement_id, service, code, description, quantity, unit, amount, explanation)`,
    [
      billId,
      draft.accountId,
      ls.map((_, i) => i + 1),
      ls.map((l) => l.agreementId),
      ls.map((l) => l.service),
      ls.map((l) => l.line.code),
      ls.map((l) => l.line.description),
      ls.map((l) => String(l.line.quantity)),
      ls.map((l) => l.line.unit),
      ls.map((l) => l.line.amountCents),
      ls.map(storedExplanation),
    ],
  );
}
