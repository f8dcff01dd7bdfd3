import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { titleCase } from '../format.ts';
import { Checkbox, FormButtons } from './controls.tsx';
import { relationships, type Overview, type Relationship } from './types.ts';
import { checks, focusProblem, needsRefresh, problemsOf, useForm } from './use-form.ts';

type Done = (message: string | null) => void;
type Props = {
  readonly overview: Overview;
  readonly done: Done;
  readonly changed: () => Promise<void>;
};

/** PATCH …/mailing-address with the version the agent saw. */
export function MailingAddressForm({ overview, done, changed }: Props) {
  const a = overview.mailingAddress;
  const f = useForm(
    { line1: a.line1, line2: a.line2 ?? '', city: a.city, state: a.state, zip: a.zip },
    (v) =>
      problemsOf({
        line1: checks.length(v.line1, 3, 200, 'Street address'),
        line2: checks.length(v.line2, 0, 200),
        city: checks.length(v.city, 1, 100, 'City'),
        state: checks.state(v.state),
        zip: checks.zip(v.zip),
      }),
  );
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    const r = await f.submit(
      () =>
        api.PATCH('/api/accounts/{accountId}/mailing-address', {
          params: { path: { accountId: overview.account.accountId } },
          body: {
            expectedVersion: overview.account.version,
            address: {
              line1: v.line1.trim(),
              line2: v.line2.trim() || null,
              city: v.city.trim(),
              state: v.state.trim(),
              zip: v.zip.trim(),
            },
          },
        }),
      (p) => p.replace(/^address\./, ''),
    );
    if (!r.ok) focusProblem(form);
    if (r.ok || needsRefresh(r)) await changed();
    if (r.ok) done('Mailing address changed.');
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <Field
        label="Street address"
        value={f.values.line1}
        error={f.error('line1')}
        onChange={(e) => f.set('line1', e.target.value)}
        autoComplete="address-line1"
        maxLength={200}
      />
      <Field
        label="Address line 2 (optional)"
        value={f.values.line2}
        error={f.error('line2')}
        onChange={(e) => f.set('line2', e.target.value)}
        autoComplete="address-line2"
        maxLength={200}
      />
      <div className="row">
        <Field
          label="City"
          value={f.values.city}
          error={f.error('city')}
          onChange={(e) => f.set('city', e.target.value)}
          maxLength={100}
        />
        <Field
          label="State"
          className="acct-short"
          value={f.values.state}
          error={f.error('state')}
          onChange={(e) => f.set('state', e.target.value.toUpperCase())}
          maxLength={2}
        />
        <Field
          label="ZIP code"
          className="acct-short"
          value={f.values.zip}
          error={f.error('zip')}
          onChange={(e) => f.set('zip', e.target.value)}
          inputMode="numeric"
          maxLength={10}
        />
      </div>
      <FormButtons submit="Save address" busy={f.busy} onCancel={() => done(null)} />
    </form>
  );
}

/** PUT …/contacts: remove the ticked contacts and/or add one, in one change. */
export function ContactsForm({ overview, done, changed }: Props) {
  const f = useForm(
    {
      name: '',
      relationship: 'spouse' as Relationship,
      phone: '',
      email: '',
      mayDiscuss: true,
      remove: [] as readonly number[],
    },
    (v) => {
      const adding = v.name.trim() !== '' || v.phone.trim() !== '' || v.email.trim() !== '';
      return problemsOf({
        name: adding ? checks.length(v.name, 1, 200, 'Name') : null,
        phone: checks.phone(v.phone),
        email: checks.email(v.email),
        remove:
          !adding && v.remove.length === 0
            ? 'Tick a contact to remove, or fill in a new contact.'
            : null,
      });
    },
  );
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    const adding = v.name.trim() !== '';
    const r = await f.submit(
      () =>
        api.PUT('/api/accounts/{accountId}/contacts', {
          params: { path: { accountId: overview.account.accountId } },
          body: {
            expectedVersion: overview.account.version,
            ...(adding
              ? {
                  add: [
                    {
                      name: v.name.trim(),
                      relationship: v.relationship,
                      phone: v.phone.trim() || null,
                      email: v.email.trim() || null,
                      mayDiscuss: v.mayDiscuss,
                    },
                  ],
                }
              : {}),
            ...(v.remove.length > 0 ? { remove: [...v.remove] } : {}),
          },
        }),
      (p) => p.replace(/^add\.0\./, ''),
    );
    if (!r.ok) focusProblem(form);
    if (r.ok || needsRefresh(r)) await changed();
    if (r.ok) done('Contacts changed.');
  }
  const contacts = overview.contacts;
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      {contacts.length > 0 ? (
        <fieldset className="acct-fieldset">
          <legend>Remove a contact</legend>
          {contacts.map((c) => (
            <Checkbox
              key={c.contactId}
              label={`Remove ${c.name} (${titleCase(c.relationship)})`}
              checked={f.values.remove.includes(c.contactId)}
              onChange={(on) =>
                f.set(
                  'remove',
                  on
                    ? [...f.values.remove, c.contactId]
                    : f.values.remove.filter((id) => id !== c.contactId),
                )
              }
            />
          ))}
        </fieldset>
      ) : null}
      <fieldset className="acct-fieldset">
        <legend>Add a contact</legend>
        <div className="row">
          <Field
            label="Contact name"
            value={f.values.name}
            error={f.error('name')}
            onChange={(e) => f.set('name', e.target.value)}
            maxLength={200}
          />
          <SelectField
            label="Relationship"
            value={f.values.relationship}
            onChange={(r) => f.set('relationship', r as Relationship)}
            options={relationships.map((r) => ({ value: r, label: titleCase(r) }))}
          />
        </div>
        <div className="row">
          <Field
            label="Contact phone"
            type="tel"
            value={f.values.phone}
            error={f.error('phone')}
            onChange={(e) => f.set('phone', e.target.value)}
            maxLength={30}
          />
          <Field
            label="Contact e-mail"
            type="email"
            value={f.values.email}
            error={f.error('email')}
            onChange={(e) => f.set('email', e.target.value)}
            maxLength={254}
          />
        </div>
        <Checkbox
          label="May discuss the account"
          checked={f.values.mayDiscuss}
          onChange={(on) => f.set('mayDiscuss', on)}
        />
      </fieldset>
      {f.error('remove') ? (
        <p className="field-error" role="alert">
          {f.error('remove')}
        </p>
      ) : null}
      <FormButtons submit="Save contacts" busy={f.busy} onCancel={() => done(null)} />
    </form>
  );
}
