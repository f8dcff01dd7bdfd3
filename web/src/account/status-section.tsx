import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { formatDate, todayIso } from '../format.ts';
import { statusDates, statusLabel } from './account-header.tsx';
import { ActionPanel, Checkbox, FormButtons } from './controls.tsx';
import { statusLabels, type Overview, type StatusDetails, type StatusKind } from './types.ts';
import { checks, focusProblem, needsRefresh, problemsOf, useForm } from './use-form.ts';

type Props = {
  readonly overview: Overview;
  readonly canManage: boolean;
  readonly changed: () => Promise<void>;
};

/** Open special statuses with their details; set and clear them (status.manage). */
export function StatusSection({ overview, canManage, changed }: Props) {
  const open = overview.specialStatuses;
  const free = (Object.keys(statusLabels) as StatusKind[]).filter(
    (k) => !open.some((s) => s.status === k),
  );
  // A cleared status's row (and its button) goes away: the notice and focus go to the section.
  const [notice, setNotice] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  function cleared(message: string) {
    setNotice(message);
    requestAnimationFrame(() => headingRef.current?.focus());
  }
  return (
    <section className="card" aria-labelledby="acct-statuses">
      <h2 id="acct-statuses" ref={headingRef} tabIndex={-1}>
        Special statuses
      </h2>
      <div role="status" aria-live="polite" className="acct-live">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {open.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="acct-list">
          {open.map((s) => (
            <li key={s.status}>
              <span className={`badge badge-${s.status}`}>{statusLabel(s.status)}</span>{' '}
              {statusDates(s)}
              {s.reference ? <span className="mono"> · ref {s.reference}</span> : null}
              {typeof s.details['chapter'] === 'number' ? ` · chapter ${s.details['chapter']}` : ''}
              <br />
              <span className="muted">
                {s.reason} — set by {s.setByName}
              </span>
              {canManage ? (
                <ActionPanel
                  label={`Clear ${statusLabel(s.status).toLowerCase()}`}
                  title={`Clear ${statusLabel(s.status).toLowerCase()}`}
                >
                  {(done) => (
                    <ClearForm
                      overview={overview}
                      kind={s.status as StatusKind}
                      done={(m) => {
                        done(null);
                        if (m) cleared(m);
                      }}
                      changed={changed}
                    />
                  )}
                </ActionPanel>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canManage && free.length > 0 ? (
        <ActionPanel
          label="Set special status"
          title="Set special status"
          onOpen={() => setNotice(null)}
        >
          {(done) => <SetForm overview={overview} kinds={free} done={done} changed={changed} />}
        </ActionPanel>
      ) : null}
      {!canManage ? (
        <p className="muted acct-small">Setting or clearing statuses needs a senior role.</p>
      ) : null}
    </section>
  );
}

type FormProps = {
  readonly overview: Overview;
  readonly done: (message: string | null) => void;
  readonly changed: () => Promise<void>;
};

function ClearForm(props: FormProps & { readonly kind: StatusKind }) {
  const f = useForm({ reason: '' }, (v) =>
    problemsOf({ reason: checks.length(v.reason, 3, 500, 'A reason') }),
  );
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await f.submit(() =>
      api.DELETE('/api/accounts/{accountId}/statuses/{status}', {
        params: {
          path: { accountId: props.overview.account.accountId, status: props.kind },
          query: { reason: f.values.reason.trim() },
        },
      }),
    );
    if (!r.ok) focusProblem(form);
    if (r.ok || needsRefresh(r)) await props.changed();
    if (r.ok) props.done(`${statusLabel(props.kind)} cleared.`);
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <Field
        label="Reason for clearing"
        value={f.values.reason}
        error={f.error('reason')}
        onChange={(e) => f.set('reason', e.target.value)}
        maxLength={500}
      />
      <FormButtons submit="Clear status" danger busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}

const blank = {
  kind: 'cash_only' as StatusKind,
  startsOn: '',
  reason: '',
  caseNumber: '',
  chapter: '7',
  certificateNumber: '',
  expiresOn: '',
  endsOn: '',
  dateOfDeath: '',
  premiseIds: [] as readonly number[],
};
type SetValues = typeof blank;

/** Medical certificates run at most 12 months from their start (the server's policy). */
function expiryCheck(v: SetValues): string | null {
  const start = v.startsOn || todayIso();
  const [y, m, d] = start.split('-');
  const limit = `${Number(y) + 1}-${m}-${d}`;
  if (v.expiresOn < start) return 'The expiry is before the start.';
  return v.expiresOn > limit ? 'At most 12 months after the start.' : null;
}

function validateSet(v: SetValues) {
  const date = (s: string) => checks.date(s);
  return problemsOf({
    reason: checks.length(v.reason, 3, 500, 'A reason'),
    startsOn: v.startsOn ? date(v.startsOn) : null,
    caseNumber: v.kind === 'bankruptcy' ? checks.length(v.caseNumber, 3, 40, 'Case number') : null,
    certificateNumber:
      v.kind === 'medical_certificate'
        ? checks.length(v.certificateNumber, 1, 40, 'Certificate number')
        : null,
    expiresOn: v.kind === 'medical_certificate' ? (date(v.expiresOn) ?? expiryCheck(v)) : null,
    endsOn: v.kind === 'cash_only' ? date(v.endsOn) : null,
    dateOfDeath: v.kind === 'deceased' ? date(v.dateOfDeath) : null,
    premiseIds:
      v.kind === 'landlord_agreement' && v.premiseIds.length === 0
        ? 'Tick at least one premise.'
        : null,
  });
}

function detailsOf(v: SetValues): StatusDetails {
  switch (v.kind) {
    case 'bankruptcy':
      return {
        status: 'bankruptcy',
        caseNumber: v.caseNumber.trim(),
        chapter: Number(v.chapter) as 7 | 11 | 13,
      };
    case 'medical_certificate':
      return {
        status: 'medical_certificate',
        certificateNumber: v.certificateNumber.trim(),
        expiresOn: v.expiresOn,
      };
    case 'cash_only':
      return { status: 'cash_only', endsOn: v.endsOn };
    case 'deceased':
      return { status: 'deceased', dateOfDeath: v.dateOfDeath };
    case 'landlord_agreement':
      return { status: 'landlord_agreement', premiseIds: [...v.premiseIds] };
  }
}

function SetForm(props: FormProps & { readonly kinds: readonly StatusKind[] }) {
  const f = useForm({ ...blank, kind: props.kinds[0] ?? 'cash_only' }, validateSet);
  const v = f.values;
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await f.submit(
      () =>
        api.POST('/api/accounts/{accountId}/statuses', {
          params: { path: { accountId: props.overview.account.accountId } },
          body: {
            reason: v.reason.trim(),
            ...(v.startsOn ? { startsOn: v.startsOn } : {}),
            details: detailsOf(v),
          },
        }),
      (p) => p.replace(/^details\./, '').replace(/^premiseIds\..*/, 'premiseIds'),
    );
    if (!r.ok) focusProblem(form);
    if (r.ok || needsRefresh(r)) await props.changed();
    if (r.ok) props.done(`${statusLabel(v.kind)} set.`);
  }
  const dateField = (key: 'expiresOn' | 'endsOn' | 'dateOfDeath', label: string) => (
    <Field
      label={label}
      type="date"
      value={v[key]}
      error={f.error(key)}
      onChange={(e) => f.set(key, e.target.value)}
    />
  );
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <div className="row">
        <SelectField
          label="Status"
          value={v.kind}
          onChange={(k) => f.set('kind', k as StatusKind)}
          options={props.kinds.map((k) => ({ value: k, label: statusLabels[k] }))}
        />
        <Field
          label="Starts on"
          type="date"
          value={v.startsOn}
          error={f.error('startsOn')}
          onChange={(e) => f.set('startsOn', e.target.value)}
          hint={`Blank = today (${formatDate(todayIso())})`}
        />
      </div>
      {v.kind === 'bankruptcy' ? (
        <div className="row">
          <Field
            label="Case number"
            value={v.caseNumber}
            error={f.error('caseNumber')}
            onChange={(e) => f.set('caseNumber', e.target.value)}
            maxLength={40}
          />
          <SelectField
            label="Chapter"
            value={v.chapter}
            onChange={(c) => f.set('chapter', c)}
            options={['7', '11', '13'].map((c) => ({ value: c, label: `Chapter ${c}` }))}
          />
        </div>
      ) : null}
      {v.kind === 'medical_certificate' ? (
        <div className="row">
          <Field
            label="Certificate number"
            value={v.certificateNumber}
            error={f.error('certificateNumber')}
            onChange={(e) => f.set('certificateNumber', e.target.value)}
            maxLength={40}
          />
          {dateField('expiresOn', 'Expires on (at most 12 months)')}
        </div>
      ) : null}
      {v.kind === 'cash_only' ? dateField('endsOn', 'Cash only until') : null}
      {v.kind === 'deceased' ? dateField('dateOfDeath', 'Date of death') : null}
      {v.kind === 'landlord_agreement' ? (
        <fieldset className="acct-fieldset">
          <legend>Premises the agreement covers</legend>
          {props.overview.premises.length === 0 ? (
            <p className="muted">This account has no premises to cover.</p>
          ) : null}
          {props.overview.premises.map((p) => (
            <Checkbox
              key={p.premiseId}
              label={p.address}
              checked={v.premiseIds.includes(p.premiseId)}
              onChange={(on) =>
                f.set(
                  'premiseIds',
                  on
                    ? [...v.premiseIds, p.premiseId]
                    : v.premiseIds.filter((id) => id !== p.premiseId),
                )
              }
            />
          ))}
          {f.error('premiseIds') ? (
            <p className="field-error" role="alert">
              {f.error('premiseIds')}
            </p>
          ) : null}
        </fieldset>
      ) : null}
      <Field
        label="Reason"
        value={v.reason}
        error={f.error('reason')}
        onChange={(e) => f.set('reason', e.target.value)}
        maxLength={500}
      />
      <FormButtons submit="Set status" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
