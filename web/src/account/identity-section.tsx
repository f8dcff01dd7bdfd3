import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { formatCents, formatDateTime, titleCase } from '../format.ts';
import { ActionPanel, Checkbox, FormButtons } from './controls.tsx';
import { words, type IdentityBody, type Overview } from './types.ts';
import { checks, focusProblem, problemsOf, useForm } from './use-form.ts';

const idTypes: readonly IdentityBody['idType'][] = [
  'drivers_license',
  'state_id',
  'passport',
  'military_id',
  'matricula',
  'tribal_id',
  'business_license',
  'other',
];
const methods: readonly IdentityBody['method'][] = ['in_person', 'id_check_service', 'document'];

/** Open fraud signals, in warning style with words (not colour alone). */
export function FraudSignals({ overview }: { readonly overview: Overview }) {
  const signals = overview.openFraudSignals;
  if (signals.length === 0) return null;
  return (
    <section className="warning acct-fraud" aria-labelledby="acct-fraud">
      <h2 id="acct-fraud">⚠ Fraud signals</h2>
      <ul>
        {signals.map((s, i) => (
          <li key={`${s.signal}-${i}`}>
            <strong>Warning: {titleCase(s.signal)}</strong>
            {signalDetail(s.detail)} <span>— raised {formatDateTime(s.raisedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function signalDetail(d: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  if (typeof d['amountCents'] === 'number') parts.push(formatCents(d['amountCents']));
  if (Array.isArray(d['accountNos']) && d['accountNos'].length > 0) {
    parts.push(`account ${d['accountNos'].join(', ')}`);
  }
  return parts.length > 0 ? ` (${parts.join(' on ')})` : '';
}

type Props = {
  readonly overview: Overview;
  readonly canVerify: boolean;
  readonly changed: () => Promise<void>;
};

/** The latest identity check (masked, who and when) and recording a new one. */
export function IdentitySection({ overview, canVerify, changed }: Props) {
  const idv = overview.latestIdentityVerification;
  return (
    <section className="card" aria-labelledby="acct-identity">
      <h2 id="acct-identity">Identity verification</h2>
      {idv ? (
        <dl className="acct-pairs">
          <dt>Document</dt>
          <dd>
            {words(idv.idType)} <span className="mono">{idv.idMasked}</span>
            {idv.issuer ? ` · ${idv.issuer}` : ''}
          </dd>
          <dt>Method</dt>
          <dd>
            {words(idv.method)}
            {idv.leaseChecked ? ' · lease checked' : ''}
          </dd>
          <dt>Verified</dt>
          <dd>
            {formatDateTime(idv.verifiedAt)} by {idv.verifiedByName}
          </dd>
        </dl>
      ) : (
        <p className="acct-flag">Not verified yet — no identity document on file.</p>
      )}
      {canVerify ? (
        <ActionPanel label="Record identity verification" title="Record identity verification">
          {(done) => <IdentityForm overview={overview} done={done} changed={changed} />}
        </ActionPanel>
      ) : null}
    </section>
  );
}

function IdentityForm(props: {
  readonly overview: Overview;
  readonly done: (message: string | null) => void;
  readonly changed: () => Promise<void>;
}) {
  const f = useForm(
    {
      idType: 'drivers_license' as IdentityBody['idType'],
      idNumber: '',
      issuer: '',
      method: 'in_person' as IdentityBody['method'],
      leaseChecked: false,
    },
    (v) =>
      problemsOf({
        idNumber:
          checks.length(v.idNumber, 4, 40, 'ID number') ??
          (/^[A-Za-z0-9 -]+$/.test(v.idNumber.trim())
            ? null
            : 'Use letters, digits, spaces and dashes only.'),
        issuer: v.issuer.trim() ? checks.length(v.issuer, 2, 40) : null,
      }),
  );
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    let last4 = '';
    const r = await f.submit(async () => {
      const res = await api.POST('/api/customers/{customerId}/identity-verifications', {
        params: { path: { customerId: props.overview.customer.customerId } },
        body: {
          idType: v.idType,
          idNumber: v.idNumber.trim(),
          ...(v.issuer.trim() ? { issuer: v.issuer.trim() } : {}),
          method: v.method,
          leaseChecked: v.leaseChecked,
        },
      });
      last4 = res.data?.idLast4 ?? '';
      return res;
    });
    if (!r.ok) return focusProblem(form);
    f.reset();
    await props.changed();
    props.done(`Identity verified: ${words(v.idType)} ending ${last4}.`);
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <div className="row">
        <SelectField
          label="ID type"
          value={f.values.idType}
          onChange={(t) => f.set('idType', t as IdentityBody['idType'])}
          options={idTypes.map((t) => ({ value: t, label: words(t) }))}
        />
        <Field
          label="ID number"
          value={f.values.idNumber}
          error={f.error('idNumber')}
          onChange={(e) => f.set('idNumber', e.target.value)}
          autoComplete="off"
          spellCheck={false}
          maxLength={40}
          hint="Stored scrambled; only the last four are ever shown."
        />
      </div>
      <div className="row">
        <Field
          label="Issuer (optional)"
          value={f.values.issuer}
          error={f.error('issuer')}
          onChange={(e) => f.set('issuer', e.target.value)}
          placeholder="e.g. AZ"
          maxLength={40}
        />
        <SelectField
          label="Method"
          value={f.values.method}
          onChange={(m) => f.set('method', m as IdentityBody['method'])}
          options={methods.map((m) => ({ value: m, label: words(m) }))}
        />
      </div>
      <Checkbox
        label="Lease checked"
        hint="A signed lease naming tenant and landlord was seen."
        checked={f.values.leaseChecked}
        onChange={(on) => f.set('leaseChecked', on)}
      />
      <FormButtons submit="Record verification" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
