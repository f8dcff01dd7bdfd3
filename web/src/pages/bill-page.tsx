import { useEffect } from 'react';
import { Link } from 'wouter';
import { AdjustForm } from '../billing/adjust-form.tsx';
import { ServiceLines } from '../billing/bill-lines.tsx';
import { CancelForm } from '../billing/cancel-form.tsx';
import { useBill } from '../billing/use-bill.ts';
import { formatCents, formatDate, formatPeriod, titleCase } from '../format.ts';
import { useSession } from '../session.tsx';
import '../billing/billing.css';

/** One bill (BIL-7): header facts, balances, lines by service with explanations, the PDF. */
export function BillPage({ billId }: { readonly billId: number }) {
  const { bill, error, reload } = useBill(billId);
  const { can } = useSession();
  useEffect(() => {
    document.title = `Bill ${billId} · OpenCIS`;
    return () => {
      document.title = 'OpenCIS';
    };
  }, [billId]);

  if (!Number.isSafeInteger(billId) || billId <= 0 || error?.code === 'bill_not_found') {
    return (
      <section className="page">
        <h1>Bill not found</h1>
        <p>There is no bill {String(billId)}. Open the account to see its bills.</p>
      </section>
    );
  }
  if (error) {
    return (
      <section className="page">
        <h1>Bill {billId}</h1>
        <div className="form-error" role="alert">
          {error.message}
        </div>
      </section>
    );
  }
  if (!bill) {
    return (
      <section className="page" aria-busy="true">
        <p aria-live="polite">Loading bill…</p>
      </section>
    );
  }
  const b = bill.balance;
  return (
    <article className="page bill-page">
      <h1>
        Bill of {formatDate(bill.billDate)} · {bill.customerName}
      </h1>
      <p>
        <Link href={`/accounts/${bill.accountId}`}>Account {bill.accountNo}</Link> ·{' '}
        <a href={`/api/bills/${bill.billId}/pdf`} download={`bill-${bill.billId}.pdf`}>
          Download PDF
        </a>
      </p>
      {bill.status === 'cancelled' ? (
        <p className="warning">This bill was cancelled: it no longer counts toward the balance.</p>
      ) : null}
      <section className="card" aria-labelledby="bill-summary">
        <h2 id="bill-summary">Summary</h2>
        <dl className="bill-facts">
          <div>
            <dt>Bill number</dt>
            <dd>{bill.billId}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              <span className={`status status-${bill.status}`}>{titleCase(bill.status)}</span>
            </dd>
          </div>
          <div>
            <dt>Service period</dt>
            <dd>
              {formatPeriod(bill.periodStart, bill.periodEnd)} ({bill.periodDays} days)
            </dd>
          </div>
          <div>
            <dt>Due date</dt>
            <dd>{formatDate(bill.dueDate)}</dd>
          </div>
          <div>
            <dt>Previous balance</dt>
            <dd className="num-left">{formatCents(b.previousBalanceCents)}</dd>
          </div>
          <div>
            <dt>Payments and credits</dt>
            <dd>{formatCents(b.paymentsAndCreditsCents)}</dd>
          </div>
          <div>
            <dt>Balance forward</dt>
            <dd>{formatCents(b.balanceForwardCents)}</dd>
          </div>
          <div>
            <dt>New charges</dt>
            <dd>{formatCents(bill.totalCents)}</dd>
          </div>
          {bill.budget && bill.status === 'issued' ? (
            <div>
              <dt>Held over under budget billing</dt>
              <dd>{formatCents(bill.amountDueCents - b.balanceForwardCents - bill.totalCents)}</dd>
            </div>
          ) : null}
          <div>
            <dt>Amount due</dt>
            <dd>{formatCents(bill.amountDueCents)}</dd>
          </div>
        </dl>
        {bill.pastDueCents > 0 ? (
          <p className="warning">Past due: {formatCents(bill.pastDueCents)}</p>
        ) : null}
        {bill.budget ? (
          <div className="notice budget-ask" role="note" aria-label="Budget billing">
            <p>
              <strong>Budget billing:</strong> this bill asks for{' '}
              <strong>{formatCents(bill.budget.amountDueCents)}</strong> (monthly instalment{' '}
              {formatCents(bill.budget.instalmentCents)}
              {bill.budget.settlementCents !== 0
                ? ` + annual settlement ${formatCents(bill.budget.settlementCents)}`
                : ''}
              ) instead of its charges of {formatCents(bill.budget.actualCents)}, plus anything owed
              beyond the deferred charges, as the printed bill says.
            </p>
            <p>
              Charges deferred under budget billing after this bill:{' '}
              {formatCents(bill.budget.deferredAfterCents)}.
            </p>
          </div>
        ) : null}
        {bill.services.some((s) => s.lastDay !== null) ? (
          <p className="notice" role="note" aria-label="Final bill">
            <strong>{bill.final ? 'Final bill' : 'Final bill for part of the service'}:</strong>{' '}
            {bill.services
              .filter((s) => s.lastDay !== null)
              .map((s) => `${titleCase(s.service)} ended ${formatDate(s.lastDay)}`)
              .join('; ')}
            .
          </p>
        ) : null}
        {bill.seasonalHolds.map((h) => (
          <p className="notice" role="note" aria-label="Seasonal hold" key={h.from}>
            <strong>Seasonal hold:</strong> {h.services.map(titleCase).join(', ')} off{' '}
            {formatDate(h.from)} – {formatDate(h.through)}. Electric and gas are not charged while
            off; water, wastewater and solid-waste service charges continue.
          </p>
        ))}
      </section>
      {bill.services.map((s) => (
        <ServiceLines key={`${s.service}-${s.agreementId ?? 0}`} s={s} />
      ))}
      {can('billing.adjust') && bill.status === 'issued' ? (
        <AdjustForm bill={bill} onDone={reload} />
      ) : null}
      {can('billing.adjust') ? (
        <CancelForm key={bill.billId} billId={bill.billId} status={bill.status} onDone={reload} />
      ) : null}
    </article>
  );
}
