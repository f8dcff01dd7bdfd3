import { ScrollBox } from '../billing/scroll-box.tsx';
import { formatCents, formatDate, titleCase } from '../format.ts';
import { usePaymentHistory, type PaymentRow } from './use-payment-history.ts';

/** How the customer paid, without anything a receipt would not show. */
export function tenderText(t: PaymentRow['tender']): string {
  switch (t.kind) {
    case 'cash':
      return 'Cash';
    case 'check':
      return `Check #${t.checkNumber}`;
    case 'card':
      return `Card ${titleCase(t.brand)} ····${t.last4}`;
    case 'ach':
      return `Bank (ACH) ····${t.accountLast4}`;
  }
}

/** Posted, reversed, or returned (a reversal the bank caused: its reason starts "returned"). */
export function paymentStatus(p: PaymentRow): 'posted' | 'reversed' | 'returned' {
  if (p.status === 'posted') return 'posted';
  return p.reverseReason?.startsWith('returned') ? 'returned' : 'reversed';
}

/** The account's payments, newest first: date, amount, tender, channel, status, receipt. */
export function PaymentHistory({ accountId }: { readonly accountId: number }) {
  const { data, error } = usePaymentHistory(accountId);
  return (
    <section className="card" aria-labelledby="acct-payments">
      <h2 id="acct-payments">Payments</h2>
      {error ? (
        <div className="form-error" role="alert">
          Payments could not be loaded: {error}
        </div>
      ) : null}
      {data === null && !error ? <p className="muted">Loading payments…</p> : null}
      {data && data.payments.length === 0 ? (
        <p className="muted">
          No payments yet. Payments taken at the window, by mail, online or by autopay appear here.
        </p>
      ) : null}
      {data && data.payments.length > 0 ? (
        <ScrollBox label="Payments (scrollable)">
          <table className="table acct-compact" aria-label="Payments">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Tender</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
                <th scope="col">Receipt</th>
              </tr>
            </thead>
            <tbody>
              {data.payments.map((p) => (
                <PaymentLine key={p.paymentId} p={p} />
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : null}
    </section>
  );
}

function PaymentLine({ p }: { readonly p: PaymentRow }) {
  const status = paymentStatus(p);
  return (
    <tr>
      <td>{formatDate(p.effectiveDate)}</td>
      <td className="num">{formatCents(p.amountCents)}</td>
      <td>{tenderText(p.tender)}</td>
      <td>{titleCase(p.channel)}</td>
      <td>
        <span className={`status status-${status}`}>{titleCase(status)}</span>
      </td>
      <td>
        <a href={`/api/payments/${p.paymentId}/receipt.pdf`}>
          PDF
          <span className="visually-hidden">
            {' '}
            receipt for the payment of {formatCents(p.amountCents)} on {formatDate(p.effectiveDate)}
          </span>
        </a>
      </td>
    </tr>
  );
}
