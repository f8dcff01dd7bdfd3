import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { ActionPanel, Checkbox, FormButtons } from './controls.tsx';
import type { Overview } from './types.ts';
import { focusProblem, needsRefresh, problemsOf, useForm } from './use-form.ts';

type Props = {
  readonly overview: Overview;
  readonly canWrite: boolean;
  readonly changed: () => Promise<void>;
};

/** Due-date preference (Select Due Date) and paperless billing. */
export function PreferencesSection({ overview, canWrite, changed }: Props) {
  const { account } = overview;
  return (
    <section className="card" aria-labelledby="acct-prefs">
      <h2 id="acct-prefs">Billing preferences</h2>
      <dl className="acct-pairs">
        <dt>Due date</dt>
        <dd>{account.dueDay === null ? 'Cycle default' : `Day ${account.dueDay} of each month`}</dd>
        <dt>Paperless</dt>
        <dd>{account.paperless ? 'On — bills by e-mail' : 'Off — paper bills by mail'}</dd>
      </dl>
      {canWrite ? (
        <>
          <ActionPanel label="Change due date" title="Change due date">
            {(done) => <DueDayForm overview={overview} done={done} changed={changed} />}
          </ActionPanel>
          <PaperlessToggle overview={overview} changed={changed} />
        </>
      ) : null}
    </section>
  );
}

function DueDayForm(props: {
  readonly overview: Overview;
  readonly done: (message: string | null) => void;
  readonly changed: () => Promise<void>;
}) {
  const { account } = props.overview;
  const f = useForm(
    { day: account.dueDay === null ? '' : String(account.dueDay), useDefault: false },
    (v) =>
      problemsOf({
        day:
          v.useDefault || /^([1-9]|1\d|2[0-8])$/.test(v.day.trim())
            ? null
            : 'Enter a day from 1 to 28.',
      }),
  );
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const dueDay = f.values.useDefault ? null : Number(f.values.day.trim());
    const r = await f.submit(
      () =>
        api.PUT('/api/accounts/{accountId}/due-day', {
          params: { path: { accountId: account.accountId } },
          body: { expectedVersion: account.version, dueDay },
        }),
      (p) => (p === 'dueDay' ? 'day' : p),
    );
    if (!r.ok) focusProblem(form);
    if (r.ok || needsRefresh(r)) await props.changed();
    if (r.ok) {
      props.done(
        dueDay === null ? 'Due date back to the cycle default.' : `Due date set to day ${dueDay}.`,
      );
    }
  }
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <Field
        label="Due day of the month"
        type="number"
        inputMode="numeric"
        min={1}
        max={28}
        value={f.values.day}
        disabled={f.values.useDefault}
        error={f.values.useDefault ? undefined : f.error('day')}
        onChange={(e) => f.set('day', e.target.value)}
        hint={dueDayHint(props.overview)}
      />
      <Checkbox
        label="Use the billing cycle's default instead"
        checked={f.values.useDefault}
        onChange={(on) => f.set('useDefault', on)}
      />
      <FormButtons submit="Save due date" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}

/** The Select Due Date rules in words, with what stands in the way on this account. */
function dueDayHint(o: Overview): string {
  const rule = 'A day from 1 to 28; residential accounts with the balance paid in full.';
  if (o.account.accountClass !== 'residential') return `${rule} This account is commercial.`;
  if (o.balances.totalCents > 0) {
    return `${rule} This account owes ${formatCents(o.balances.totalCents)}.`;
  }
  return rule;
}

/** One button: PUT …/paperless with the opposite of the current setting. */
function PaperlessToggle({ overview, changed }: Omit<Props, 'canWrite'>) {
  const { account } = overview;
  const f = useForm({}, () => ({}));
  const [notice, setNotice] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  async function toggle() {
    setNotice(null);
    const paperless = !account.paperless;
    const r = await f.submit(() =>
      api.PUT('/api/accounts/{accountId}/paperless', {
        params: { path: { accountId: account.accountId } },
        body: { expectedVersion: account.version, paperless },
      }),
    );
    if (r.ok || needsRefresh(r)) await changed();
    if (r.ok) setNotice(paperless ? 'Paperless billing is on.' : 'Paperless billing is off.');
    buttonRef.current?.focus();
  }
  return (
    <div className="acct-action">
      <button ref={buttonRef} type="button" disabled={f.busy} onClick={() => void toggle()}>
        {account.paperless ? 'Turn paperless off' : 'Turn paperless on'}
      </button>
      <FormError message={f.formError} />
      <div role="status" aria-live="polite" className="acct-live">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
    </div>
  );
}
