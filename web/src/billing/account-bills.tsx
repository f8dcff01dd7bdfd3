import { ScrollBox } from './scroll-box.tsx';
import { Link } from 'wouter';
import { formatCents, formatDate, formatPeriod, titleCase } from '../format.ts';
import { useAccountBills } from './use-account-bills.ts';
import { UsageChart } from './usage-chart.tsx';
import './billing.css';

/** The account's bills (newest first, each linking to its detail) and its usage charts. */
export function AccountBills({ accountId }: { readonly accountId: number }) {
  const { data, error } = useAccountBills(accountId);
  return (
    <section className="card" aria-labelledby="acct-bills">
      <h2 id="acct-bills">Bills</h2>
      {error ? (
        <div className="form-error" role="alert">
          Bills could not be loaded: {error}
        </div>
      ) : null}
      {data === null && !error ? <p className="muted">Loading bills…</p> : null}
      {data && data.bills.length === 0 ? (
        <p className="muted">No bills yet. Bills appear here once the account's cycle is billed.</p>
      ) : null}
      {data && data.bills.length > 0 ? (
        <ScrollBox label={'Bills (scrollable)'}>
          <table className="table acct-compact" aria-label="Bills">
            <thead>
              <tr>
                <th scope="col">Bill date</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Total
                </th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.bills.map((b) => (
                <tr key={b.billId}>
                  <td>
                    <Link
                      href={`/bills/${b.billId}`}
                      aria-label={`Bill of ${formatDate(b.billDate)}`}
                    >
                      {formatDate(b.billDate)}
                    </Link>
                  </td>
                  <td>{formatPeriod(b.periodStart, b.periodEnd)}</td>
                  <td className="num">{formatCents(b.totalCents)}</td>
                  <td>{formatDate(b.dueDate)}</td>
                  <td>
                    <span className={`status status-${b.status}`}>{titleCase(b.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      ) : null}
      {data && data.usage.length > 0 ? (
        <>
          <h3>Usage, last 13 months</h3>
          {data.usage.map((u) => (
            <UsageChart key={u.service} service={u.service} unit={u.unit} months={u.months} />
          ))}
        </>
      ) : null}
    </section>
  );
}
