import type { Tx } from '../../db/index.ts';
import { postEntriesOnce, type PostEntryInput } from '../ledger/index.ts';
import type { RemittanceItem } from './remittance-types.ts';
import type { PaymentContext } from './types.ts';

/** The hold reason of an item no account matched. */
export const noAccountMatches = 'no account matches the account or bill number';

/**
 * Holds the items no account matched, or that their account refused, as unapplied cash
 * (PAY-5): one entry per item, kind `payment`, source `unapplied:<file>:<index>` —
 * `cash.bank:general` debit (the bank has the money), `unapplied_cash:general` credit (we owe
 * it to someone) — and one queue row each with its hold reason (`refused` by item index, else
 * `noAccountMatches`). Returns the unapplied_cash id per item index.
 */
export async function holdUnmatched(
  tx: Tx,
  fileId: number,
  items: readonly RemittanceItem[],
  refused: ReadonlyMap<number, string>,
  ctx: PaymentContext & { readonly copy: boolean },
): Promise<Map<number, number>> {
  if (items.length === 0) return new Map();
  const entries: PostEntryInput[] = items.map((it) => ({
    kind: 'payment',
    sourceRef: `unapplied:${fileId}:${it.index}`,
    effectiveDate: it.effectiveDate,
    memo: `unapplied remittance item (file ${fileId}, line ${it.line})`,
    lines: [
      { glAccount: 'cash.bank:general', debitCents: it.amountCents },
      { glAccount: 'unapplied_cash:general', creditCents: it.amountCents },
    ],
  }));
  const posted = await postEntriesOnce(tx, entries, ctx, { copy: ctx.copy });
  const entryIds = posted.outcomes.map((o, i) => {
    if (o.status !== 'posted')
      throw new Error(`unapplied entry ${i} not posted: ${JSON.stringify(o)}`);
    return o.entryId;
  });
  const r = await tx.query<{ id: string; i: number }>(
    `INSERT INTO unapplied_cash (remittance_file_id, item_index, line, amount_cents, effective_date,
       account_ref, invoice_ref, payer_name, check_number, routing_number, status, journal_entry_id,
       hold_reason)
     SELECT $1, u.i, u.line, u.amount, u.d, u.aref, u.iref, u.payer, u.chk, u.rt, 'open', u.e, u.why
       FROM unnest($2::int[], $3::int[], $4::bigint[], $5::date[], $6::text[], $7::text[],
                   $8::text[], $9::text[], $10::text[], $11::bigint[], $12::text[])
            AS u(i, line, amount, d, aref, iref, payer, chk, rt, e, why)
     RETURNING id, item_index AS i`,
    [
      fileId,
      items.map((i) => i.index),
      items.map((i) => i.line),
      items.map((i) => i.amountCents),
      items.map((i) => i.effectiveDate),
      items.map((i) => i.accountRef),
      items.map((i) => i.invoiceRef),
      items.map((i) => i.payerName),
      items.map((i) => i.checkNumber),
      items.map((i) => i.routingNumber),
      entryIds,
      items.map((i) => refused.get(i.index) ?? noAccountMatches),
    ],
  );
  return new Map(r.rows.map((row) => [Number(row.i), Number(row.id)]));
}
