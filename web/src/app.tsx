import { Route, Switch } from 'wouter';
import { Layout } from './components/layout.tsx';
import { AccountPage } from './pages/account-page.tsx';
import { BillPage } from './pages/bill-page.tsx';
import { BillRunsPage } from './pages/bill-runs-page.tsx';
import { CashierPage } from './pages/cashier-page.tsx';
import { DepositsPage } from './pages/deposits-page.tsx';
import { UnappliedCashPage } from './pages/unapplied-cash-page.tsx';
import { ReconciliationPage } from './pages/reconciliation-page.tsx';
import { EstimatorPage } from './pages/estimator-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { ReadReviewPage } from './pages/read-review-page.tsx';
import { FieldOrdersPage } from './pages/field-orders-page.tsx';
import { PendingAdjustmentsPage } from './pages/pending-adjustments-page.tsx';
import { SearchPage } from './pages/search-page.tsx';
import { StaffAdminPage } from './pages/staff-admin-page.tsx';
import { StartServicePage } from './pages/start-service-page.tsx';
import { StopServicePage } from './pages/stop-service-page.tsx';
import { TransferServicePage } from './pages/transfer-service-page.tsx';
import { useSession } from './session.tsx';

/** A screen the signed-in role may not use says so, instead of failing on its API calls. */
function Guard(props: { readonly permission: string; readonly children: React.ReactNode }) {
  const { can } = useSession();
  if (!can(props.permission)) {
    return (
      <section className="page">
        <h1>Not available</h1>
        <p role="alert">Your role does not include this screen.</p>
      </section>
    );
  }
  return <>{props.children}</>;
}

export function App() {
  const { principal, loading } = useSession();
  if (loading) return <p className="loading">Loading…</p>;
  if (!principal) return <LoginPage />;
  return (
    <Layout>
      <Switch>
        <Route path="/">
          <Guard permission="customers.read">
            <SearchPage />
          </Guard>
        </Route>
        <Route path="/search">
          <Guard permission="customers.read">
            <SearchPage />
          </Guard>
        </Route>
        <Route path="/accounts/:accountId">
          {(params) => (
            <Guard permission="customers.read">
              <AccountPage accountId={Number(params.accountId)} />
            </Guard>
          )}
        </Route>
        <Route path="/service/start">
          <Guard permission="service.start_stop">
            <StartServicePage />
          </Guard>
        </Route>
        <Route path="/service/stop">
          <Guard permission="service.start_stop">
            <StopServicePage />
          </Guard>
        </Route>
        <Route path="/service/transfer">
          <Guard permission="service.start_stop">
            <TransferServicePage />
          </Guard>
        </Route>
        <Route path="/estimate">
          <Guard permission="customers.read">
            <EstimatorPage />
          </Guard>
        </Route>
        <Route path="/bill-runs">
          <Guard permission="billing.run">
            <BillRunsPage />
          </Guard>
        </Route>
        <Route path="/bills/:billId">
          {(params) => (
            <Guard permission="customers.read">
              <BillPage billId={Number(params.billId)} />
            </Guard>
          )}
        </Route>
        <Route path="/adjustments/pending">
          <Guard permission="billing.adjust">
            <PendingAdjustmentsPage />
          </Guard>
        </Route>
        <Route path="/reads/review">
          <Guard permission="reads.review">
            <ReadReviewPage />
          </Guard>
        </Route>
        <Route path="/field-orders">
          <Guard permission="orders.complete">
            <FieldOrdersPage />
          </Guard>
        </Route>
        <Route path="/cashier">
          <Guard permission="payments.take">
            <CashierPage />
          </Guard>
        </Route>
        <Route path="/deposits">
          <Guard permission="drawers.supervise">
            <DepositsPage />
          </Guard>
        </Route>
        <Route path="/reconciliation">
          <Guard permission="drawers.supervise">
            <ReconciliationPage />
          </Guard>
        </Route>
        <Route path="/unapplied-cash">
          <Guard permission="payments.remittance">
            <UnappliedCashPage />
          </Guard>
        </Route>
        <Route path="/admin/users">
          <Guard permission="staff.manage">
            <StaffAdminPage />
          </Guard>
        </Route>
        <Route>
          <section className="page">
            <h1>Page not found</h1>
          </section>
        </Route>
      </Switch>
    </Layout>
  );
}
