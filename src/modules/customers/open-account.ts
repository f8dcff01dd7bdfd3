import { formatAccountNumber } from '../../core/ids.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { recordTimelineEvent } from './timeline.ts';
import type { AccountClass, MailingAddress, ServiceContext } from './types.ts';
import { refreshSearchDocuments } from './search-documents.ts';

export type OpenAccountInput = {
  readonly customerId: number;
  readonly accountClass: AccountClass;
  /** The first service address: it numbers the account and is the default mailing address. */
  readonly premiseId: number;
  readonly mailingAddress?: MailingAddress;
  readonly paperless?: boolean;
  readonly openedOn: LocalDate;
};

export type OpenAccountCode = 'customer_not_found' | 'premise_not_found';

/**
 * Opens an account for a customer. Its number is "<premise no>-<account seq + check digit>"
 * (formatAccountNumber); the mailing address defaults to the premise address. Opening an
 * account starts no service and posts no fee — see startService.
 *
 * Codes: `customer_not_found`, `premise_not_found`.
 */
export async function openAccount(
  tx: Tx,
  input: OpenAccountInput,
  ctx: ServiceContext,
): Promise<Result<{ readonly accountId: number; readonly accountNo: string }, OpenAccountCode>> {
  const c = await tx.query('SELECT 1 FROM customer WHERE id = $1', [input.customerId]);
  if (c.rowCount === 0) return err('customer_not_found');
  const premise = await premiseAddress(tx, input.premiseId);
  if (!premise) return err('premise_not_found');
  const mail: MailingAddress = input.mailingAddress ?? premise.mail;
  const seq = await tx.query<{ n: number }>("SELECT nextval('account_no_seq') AS n");
  const accountNo = formatAccountNumber(
    Number(premise.premiseNo),
    (seq.rows[0] as { n: number }).n,
  );
  const r = await tx.query<{ id: number }>(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_line2, mail_city, mail_state, mail_zip, paperless, created_at, updated_at)
     VALUES ($1, $2, $3, 'active', $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id`,
    [
      accountNo,
      input.customerId,
      input.accountClass,
      input.openedOn,
      mail.line1,
      mail.line2,
      mail.city,
      mail.state,
      mail.zip,
      input.paperless ?? false,
      ctx.now,
    ],
  );
  const accountId = (r.rows[0] as { id: number }).id;
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'account.opened',
    entityType: 'account',
    entityId: accountId,
    accountId,
    after: { accountNo, customerId: input.customerId, accountClass: input.accountClass, mail },
  });
  await recordTimelineEvent(
    tx,
    {
      accountId,
      kind: 'account_opened',
      summary: `Account ${accountNo} opened`,
      refType: 'account',
      refId: accountId,
    },
    ctx,
  );
  await refreshSearchDocuments(tx, [accountId]);
  return ok({ accountId, accountNo });
}

/** The premise's number and its address as a default mailing address. */
async function premiseAddress(
  tx: Tx,
  premiseId: number,
): Promise<{ premiseNo: string; mail: MailingAddress } | undefined> {
  const p = await tx.query<{
    premise_no: string;
    line1: string;
    unit: string | null;
    city: string;
    state: string;
    zip: string;
  }>(
    `SELECT premise_no, address_line1 AS line1, unit, city, state, zip FROM premise WHERE id = $1`,
    [premiseId],
  );
  const row = p.rows[0];
  if (!row) return undefined;
  const line2 = row.unit ? `Unit ${row.unit}` : null;
  return {
    premiseNo: row.premise_no,
    mail: { line1: row.line1, line2, city: row.city, state: row.state, zip: row.zip },
  };
}
