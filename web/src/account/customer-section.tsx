import { titleCase } from '../format.ts';
import { ContactsForm, MailingAddressForm } from './contact-forms.tsx';
import { ActionPanel } from './controls.tsx';
import type { Overview } from './types.ts';

/** "(602) 555-0142" from the digits the API keeps; anything else as given. */
export function formatPhone(p: string | null): string {
  if (!p) return '—';
  const d = p.replace(/\D/g, '');
  const ten = d.length === 11 && d.startsWith('1') ? d.slice(1) : d;
  return ten.length === 10 ? `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}` : p;
}

type Props = {
  readonly overview: Overview;
  readonly canWrite: boolean;
  readonly changed: () => Promise<void>;
};

/** The customer's own contact data, the extra contacts and the mailing address. */
export function CustomerSection({ overview, canWrite, changed }: Props) {
  const { customer, contacts, mailingAddress: m } = overview;
  return (
    <section className="card" aria-labelledby="acct-customer">
      <h2 id="acct-customer">Customer</h2>
      <dl className="acct-pairs">
        <dt>Phone</dt>
        <dd>{formatPhone(customer.phone)}</dd>
        {customer.phoneAlt ? (
          <>
            <dt>Other phone</dt>
            <dd>{formatPhone(customer.phoneAlt)}</dd>
          </>
        ) : null}
        <dt>E-mail</dt>
        <dd className="acct-wrap">{customer.email ?? '—'}</dd>
        <dt>Language</dt>
        <dd>{customer.language === 'es' ? 'Spanish' : 'English'}</dd>
        <dt>{customer.kind === 'business' ? 'Tax ID' : 'SSN / tax ID'}</dt>
        <dd className="mono">{customer.taxIdMasked ?? 'Not on file'}</dd>
      </dl>

      <h3>Mailing address</h3>
      <address className="acct-address">
        {m.line1}
        <br />
        {m.line2 ? (
          <>
            {m.line2}
            <br />
          </>
        ) : null}
        {m.city}, {m.state} {m.zip}
      </address>
      {canWrite ? (
        <ActionPanel label="Change mailing address" title="Change mailing address" level={4}>
          {(done) => <MailingAddressForm overview={overview} done={done} changed={changed} />}
        </ActionPanel>
      ) : null}

      <h3>Other contacts</h3>
      {contacts.length === 0 ? (
        <p className="muted">No other people on this account.</p>
      ) : (
        <ul className="acct-list">
          {contacts.map((c) => (
            <li key={c.contactId}>
              <strong>{c.name}</strong> · {titleCase(c.relationship)}
              <br />
              <span className="muted">
                {[c.phone ? formatPhone(c.phone) : null, c.email].filter(Boolean).join(' · ') ||
                  'No phone or e-mail'}
                {' · '}
                {c.mayDiscuss ? 'May discuss the account' : 'May not discuss the account'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <ActionPanel label="Change contacts" title="Change contacts" level={4}>
          {(done) => <ContactsForm overview={overview} done={done} changed={changed} />}
        </ActionPanel>
      ) : null}
    </section>
  );
}
