import { useState } from 'react';
import { Link } from 'wouter';
import { api, apiError } from '../api/client.ts';
import { titleCase } from '../format.ts';
import { AccountPicker } from './account-picker.tsx';
import type { CustomerDraft, Errors } from './customer-draft.ts';
import { NewCustomerFields } from './customer-fields.tsx';
import type { AccountOverview, SearchHit } from './service-api.ts';

/** Who the start is for: an existing customer found by search, or a new one typed inline. */
export type Who =
  | { readonly kind: 'new' }
  | {
      readonly kind: 'existing';
      readonly hit: SearchHit;
      readonly overview: AccountOverview;
      /** Add the services to the picked (active) account instead of opening a new one. */
      readonly onAccount: boolean;
    };

export function CustomerSection(props: {
  readonly who: Who;
  readonly onWho: (w: Who) => void;
  readonly draft: CustomerDraft;
  readonly onDraft: (d: CustomerDraft) => void;
  readonly errors: Errors;
  readonly whoError?: string | undefined;
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
    props.onWho({ kind: 'existing', hit, overview: data, onAccount: false });
    // The picker is gone; keep the keyboard where the agent continues.
    setTimeout(() => document.getElementById('start-premise')?.focus(), 0);
  };
  const w = props.who;
  return (
    <section className="card step" aria-labelledby="customer-heading">
      <h2 id="customer-heading">1. Customer</h2>
      {w.kind === 'existing' ? (
        <ExistingCustomer who={w} onWho={props.onWho} error={props.whoError} />
      ) : (
        <>
          <AccountPicker
            id="start-customer-search"
            label="Find an existing customer"
            hint="Leave empty for a new customer"
            onPick={(h) => void pick(h)}
            error={loadError ?? props.whoError}
          />
          <p className="or">or enter a new customer</p>
          <NewCustomerFields draft={props.draft} onChange={props.onDraft} errors={props.errors} />
        </>
      )}
    </section>
  );
}

function ExistingCustomer(props: {
  readonly who: Extract<Who, { kind: 'existing' }>;
  readonly onWho: (w: Who) => void;
  readonly error?: string | undefined;
}) {
  const { hit, overview } = props.who;
  const c = overview.customer;
  const active = overview.account.status === 'active';
  return (
    <div className="picked">
      <div className="picked-head">
        <div>
          <strong>{c.displayName}</strong>{' '}
          <span className="muted">
            {titleCase(c.kind)} · {c.phone ?? 'no phone'}
            {c.taxIdMasked ? ` · tax id ${c.taxIdMasked}` : ''}
          </span>
          <div className="muted">
            Found on account <Link href={`/accounts/${hit.accountId}`}>{hit.accountNo}</Link> (
            {titleCase(overview.account.status)}) at {hit.serviceAddress ?? 'no service address'}
          </div>
        </div>
        <button type="button" className="link" onClick={() => props.onWho({ kind: 'new' })}>
          Change customer
        </button>
      </div>
      <fieldset className="choices">
        <legend>Account</legend>
        <div className="check">
          <input
            id="acct-new"
            type="radio"
            name="acct"
            checked={!props.who.onAccount}
            onChange={() => props.onWho({ ...props.who, onAccount: false })}
          />
          <label htmlFor="acct-new">Open a new account for this customer</label>
        </div>
        <div className="check">
          <input
            id="acct-same"
            type="radio"
            name="acct"
            disabled={!active}
            checked={props.who.onAccount}
            onChange={() => props.onWho({ ...props.who, onAccount: true })}
          />
          <label htmlFor="acct-same">
            Add to account {hit.accountNo}
            {active ? '' : ` (not possible: the account is ${overview.account.status})`}
          </label>
        </div>
      </fieldset>
      {props.error ? (
        <div className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}
