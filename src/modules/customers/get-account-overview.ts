import { err, ok, type Result } from '../../core/result.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Queryable } from '../../db/index.ts';
import { accountBalances } from '../ledger/index.ts';
import {
  overviewContacts,
  overviewCustomer,
  overviewDeposits,
  overviewFraudSignals,
  overviewIdentity,
  overviewNotes,
  overviewPremises,
  overviewStatuses,
} from './account-overview-parts.ts';
import type { AccountClass, AccountStatus, MailingAddress } from './types.ts';

type Awaited2<F extends (...a: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

export type AccountOverview = {
  readonly account: {
    readonly accountId: number;
    readonly accountNo: string;
    readonly accountClass: AccountClass;
    readonly status: AccountStatus;
    readonly openedOn: LocalDate;
    readonly closedOn: LocalDate | null;
    readonly dueDay: number | null;
    readonly paperless: boolean;
    readonly version: number;
  };
  readonly customer: Awaited2<typeof overviewCustomer>;
  readonly mailingAddress: MailingAddress;
  readonly contacts: Awaited2<typeof overviewContacts>;
  readonly premises: Awaited2<typeof overviewPremises>;
  readonly balances: {
    readonly byFund: readonly { readonly fund: string; readonly balanceCents: number }[];
    readonly totalCents: number;
    readonly depositsHeldCents: number;
  };
  readonly specialStatuses: Awaited2<typeof overviewStatuses>;
  readonly latestIdentityVerification: Awaited2<typeof overviewIdentity>;
  readonly recentNotes: Awaited2<typeof overviewNotes>;
  readonly openFraudSignals: Awaited2<typeof overviewFraudSignals>;
  readonly depositRequirements: Awaited2<typeof overviewDeposits>;
};

/**
 * Everything an agent sees first about an account (ACC-1/4/5/7): the customer with masked
 * identifiers, mailing address, contacts, premises with agreements, balances by fund from
 * the ledger, open special statuses, the latest identity check, recent notes, open fraud
 * signals and required deposits.
 *
 * Codes: `account_not_found`.
 */
export async function getAccountOverview(
  q: Queryable,
  accountId: number,
): Promise<Result<AccountOverview, 'account_not_found'>> {
  const r = await q.query<
    AccountOverview['account'] & { customerId: number; mail: MailingAddress }
  >(
    `SELECT id AS "accountId", account_no AS "accountNo", account_class AS "accountClass", status,
            opened_on AS "openedOn", closed_on AS "closedOn", due_day AS "dueDay", paperless,
            version, customer_id AS "customerId",
            json_build_object('line1', mail_line1, 'line2', mail_line2, 'city', mail_city,
                              'state', mail_state, 'zip', mail_zip) AS mail
       FROM account WHERE id = $1`,
    [accountId],
  );
  const row = r.rows[0];
  if (!row) return err('account_not_found');
  const { customerId, mail, ...account } = row;
  const b = await accountBalances(q, accountId);
  return ok({
    account,
    customer: await overviewCustomer(q, customerId),
    mailingAddress: mail,
    contacts: await overviewContacts(q, accountId),
    premises: await overviewPremises(q, accountId),
    balances: {
      byFund: b.byFund.map((f) => ({ fund: f.fund, balanceCents: f.balanceCents })),
      totalCents: b.totalCents,
      depositsHeldCents: b.depositsHeldCents,
    },
    specialStatuses: await overviewStatuses(q, accountId),
    latestIdentityVerification: await overviewIdentity(q, customerId),
    recentNotes: await overviewNotes(q, accountId),
    openFraudSignals: await overviewFraudSignals(q, accountId),
    depositRequirements: await overviewDeposits(q, accountId),
  });
}
