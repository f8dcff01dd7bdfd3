import { formatDate, titleCase } from '../format.ts';
import { statusLabels, type Overview, type SpecialStatus, type StatusKind } from './types.ts';

/** The dates a badge shows for a status, in words (never colour alone). */
export function statusDates(s: SpecialStatus): string {
  const parts = [`since ${formatDate(s.startsOn)}`];
  const death = s.details['dateOfDeath'];
  if (s.status === 'deceased' && typeof death === 'string') {
    parts.push(`died ${formatDate(death)}`);
  }
  if (s.endsOn) {
    parts.push(
      `${s.status === 'medical_certificate' ? 'expires' : 'until'} ${formatDate(s.endsOn)}`,
    );
  }
  return parts.join(', ');
}

export function statusLabel(kind: string): string {
  return statusLabels[kind as StatusKind] ?? titleCase(kind);
}

/** Name, number, status, class and the special-status badges of an account. */
export function AccountHeader({ overview }: { readonly overview: Overview }) {
  const { account, customer, specialStatuses } = overview;
  return (
    <header className="acct-header">
      <h1>{customer.displayName}</h1>
      <dl className="acct-facts">
        <div>
          <dt>Account</dt>
          <dd className="mono">{account.accountNo}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${account.status}`}>{titleCase(account.status)}</span>
          </dd>
        </div>
        <div>
          <dt>Class</dt>
          <dd>{titleCase(account.accountClass)}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>{formatDate(account.openedOn)}</dd>
        </div>
        {account.closedOn ? (
          <div>
            <dt>Closed</dt>
            <dd>{formatDate(account.closedOn)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Customer</dt>
          <dd>{titleCase(customer.kind)}</dd>
        </div>
      </dl>
      {specialStatuses.length > 0 ? (
        <ul className="acct-badges" aria-label="Special statuses">
          {specialStatuses.map((s) => (
            <li key={s.status}>
              <span className={`badge badge-${s.status}`}>
                {statusLabel(s.status)}
                <span className="acct-badge-dates"> · {statusDates(s)}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </header>
  );
}
