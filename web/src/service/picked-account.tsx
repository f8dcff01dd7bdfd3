import { useState } from 'react';
import { Link } from 'wouter';
import { api, apiError } from '../api/client.ts';
import { formatCents, titleCase } from '../format.ts';
import { AccountPicker } from './account-picker.tsx';
import type { AccountOverview, SearchHit } from './service-api.ts';

/** Search for an account, then show it (name, number, status, balance) with a way back. */
export function AccountStep(props: {
  readonly id: string;
  readonly label: string;
  readonly account: AccountOverview | null;
  readonly onAccount: (a: AccountOverview | null) => void;
  readonly error?: string | undefined;
  readonly next?: string;
}) {
  const [loadError, setLoadError] = useState<string | null>(null);
  const pick = async (hit: SearchHit) => {
    setLoadError(null);
    const { data, error, response } = await api.GET('/api/accounts/{accountId}', {
      params: { path: { accountId: hit.accountId } },
    });
    if (!data) {
      setLoadError(apiError(error, response.status).message);
      return;
    }
    props.onAccount(data);
    setTimeout(() => {
      const next = props.next ? document.querySelector<HTMLElement>(props.next) : null;
      next?.focus();
    }, 0);
  };
  const a = props.account;
  if (!a) {
    return (
      <AccountPicker
        id={props.id}
        label={props.label}
        autoFocus
        onPick={(h) => void pick(h)}
        error={loadError ?? props.error}
      />
    );
  }
  return (
    <div className="picked">
      <div className="picked-head">
        <div>
          <strong>{a.customer.displayName}</strong>{' '}
          <span className={`status status-${a.account.status}`}>{titleCase(a.account.status)}</span>
          <div className="muted">
            Account <Link href={`/accounts/${a.account.accountId}`}>{a.account.accountNo}</Link> ·{' '}
            {titleCase(a.account.accountClass)} · balance {formatCents(a.balances.totalCents)}
          </div>
        </div>
        <button type="button" className="link" onClick={() => props.onAccount(null)}>
          Change account
        </button>
      </div>
      {props.error ? (
        <div className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

/** The account's active agreements, with the address of their premise. */
export function activeAgreements(a: AccountOverview) {
  return a.premises.flatMap((p) =>
    p.agreements
      .filter((g) => g.status === 'active')
      .map((g) => ({ ...g, premiseId: p.premiseId, address: p.address })),
  );
}
