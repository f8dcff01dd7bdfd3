import { useEffect } from 'react';
import { AccountHeader } from '../account/account-header.tsx';
import { BalanceSection, BillsAndPayments } from '../account/balance-section.tsx';
import { CustomerSection } from '../account/customer-section.tsx';
import { FraudSignals, IdentitySection } from '../account/identity-section.tsx';
import { MetersSection } from '../account/meters-section.tsx';
import { NotesSection } from '../account/notes-section.tsx';
import { PreferencesSection } from '../account/preferences-section.tsx';
import { ServicesSection } from '../account/services-section.tsx';
import { StatusSection } from '../account/status-section.tsx';
import { TimelineSection } from '../account/timeline-section.tsx';
import { useAccount } from '../account/use-account.ts';
import { BudgetBillingSection } from '../billing/budget-billing-section.tsx';
import { HighBillPanel } from '../billing/high-bill-panel.tsx';
import { SeasonalHoldSection } from '../billing/seasonal-hold-section.tsx';
import { AutopaySection } from '../payments/autopay-section.tsx';
import { useSession } from '../session.tsx';
import '../account/account.css';

/**
 * The account overview (ACC-1/4/5/7): who, where, what services, what is owed, statuses,
 * identity, notes and the timeline — with the everyday changes done in place. Actions the
 * role lacks are not shown.
 */
export function AccountPage({ accountId }: { readonly accountId: number }) {
  const { can } = useSession();
  const a = useAccount(accountId);
  const o = a.overview;
  const name = o?.customer.displayName;

  useEffect(() => {
    if (name) document.title = `${name} · OpenCIS`;
    return () => {
      document.title = 'OpenCIS';
    };
  }, [name]);

  if (!Number.isSafeInteger(accountId) || accountId <= 0 || a.error?.code === 'account_not_found') {
    return (
      <section className="page">
        <h1>Account not found</h1>
        <p>There is no account {String(accountId)}. Search for the customer instead.</p>
      </section>
    );
  }
  if (a.error) {
    return (
      <section className="page">
        <h1>Account</h1>
        <div className="form-error" role="alert">
          {a.error.message}
        </div>
        <button type="button" onClick={() => void a.refresh()}>
          Try again
        </button>
      </section>
    );
  }
  if (!o) {
    return (
      <section className="page" aria-busy="true">
        <p aria-live="polite">Loading account…</p>
      </section>
    );
  }

  const canWrite = can('customers.write');
  const changed = a.refresh;
  return (
    <article className="page acct-page">
      <AccountHeader overview={o} />
      <FraudSignals overview={o} />
      <ServicesSection overview={o} />
      <MetersSection
        accountId={o.account.accountId}
        canReRead={can('reads.enter')}
        canManage={can('meters.manage')}
        canCompleteOrders={can('orders.complete')}
        accountChanged={changed}
        addresses={new Map(o.premises.map((p) => [p.premiseId, p.address]))}
      />
      <HighBillPanel accountId={o.account.accountId} canAct={can('reads.enter')} />
      <div className="acct-columns">
        <div className="acct-column">
          <CustomerSection overview={o} canWrite={canWrite} changed={changed} />
          <StatusSection overview={o} canManage={can('status.manage')} changed={changed} />
          <NotesSection overview={o} canWrite={canWrite} changed={changed} />
        </div>
        <div className="acct-column">
          <BalanceSection overview={o} />
          <BillsAndPayments />
          <BudgetBillingSection accountId={o.account.accountId} canWrite={canWrite} />
          <SeasonalHoldSection
            accountId={o.account.accountId}
            canWrite={canWrite}
            changed={changed}
          />
          <AutopaySection accountId={o.account.accountId} canWrite={canWrite} />
          <PreferencesSection overview={o} canWrite={canWrite} changed={changed} />
          <IdentitySection overview={o} canVerify={can('identity.verify')} changed={changed} />
        </div>
      </div>
      <TimelineSection
        events={a.events}
        nextBefore={a.nextBefore}
        loadingMore={a.loadingMore}
        error={a.timelineError}
        loadMore={a.loadMore}
      />
    </article>
  );
}
