import { useCallback, useEffect, useState } from 'react';
import { myOpenDrawer, type Drawer } from '../cashier/cashier-api.ts';
import { CloseDrawerForm } from '../cashier/close-drawer-form.tsx';
import { DrawerSummary } from '../cashier/drawer-summary.tsx';
import { DrawerTransactions } from '../cashier/drawer-transactions.tsx';
import { OpenDrawerForm } from '../cashier/open-drawer-form.tsx';
import { TransactionForm } from '../cashier/transaction-form.tsx';
import '../cashier/cashier.css';

/** The cashier's window (PAY-2, PAY-3): the drawer, payments, city items, close with counts. */
export function CashierPage() {
  const [drawer, setDrawer] = useState<Drawer | null | undefined>(undefined);
  const [closed, setClosed] = useState<Drawer | null>(null);
  const refresh = useCallback(() => {
    void myOpenDrawer().then(setDrawer);
  }, []);
  useEffect(refresh, [refresh]);
  return (
    <section className="page">
      <h1>Cashier</h1>
      {closed ? (
        <>
          <DrawerSummary drawer={closed} />
          <DrawerTransactions drawer={closed} onVoided={refresh} />
        </>
      ) : null}
      {drawer === undefined ? <p className="muted">Loading…</p> : null}
      {drawer === null ? (
        <OpenDrawerForm
          onOpened={(d) => {
            setClosed(null);
            setDrawer(d);
          }}
        />
      ) : null}
      {drawer ? (
        <>
          <DrawerSummary drawer={drawer} />
          <TransactionForm drawerId={drawer.drawerId} onTaken={refresh} />
          <DrawerTransactions drawer={drawer} onVoided={refresh} />
          <CloseDrawerForm
            drawer={drawer}
            onClosed={(d) => {
              setClosed(d);
              setDrawer(null);
            }}
          />
        </>
      ) : null}
    </section>
  );
}
