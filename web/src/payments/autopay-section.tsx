import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { apiError } from '../api/client.ts';
import { ActionPanel, FormButtons } from '../account/controls.tsx';
import { checks, focusProblem, problemsOf, useForm } from '../account/use-form.ts';
import { Field, FormError, SelectField, TextArea } from '../components/field.tsx';
import { formatDate } from '../format.ts';
import { useAutopay, type Autopay } from './use-autopay.ts';
import '../billing/high-bill.css';
import './autopay.css';

/** The server's limits (autopay-routes.ts): NACHA's 22-character name, a 500-character reason. */
const holderMax = 22;
const reasonMax = 500;

/** Friendlier words for the refusals the autopay API names by code. */
const refusals: Readonly<Record<string, string>> = {
  cash_only_account: 'The account is cash-only: it cannot pay by autopay.',
  account_not_found: 'The account no longer exists.',
  autopay_already_enrolled:
    'The account is already enrolled in autopay (someone may have just enrolled it). The ' +
    'section now shows the enrolment.',
  autopay_not_enrolled:
    'Autopay is not active on this account (someone may have just stopped it). The section ' +
    'now shows the latest state.',
};

/** Codes after which the section shows stale data and reloads. */
const staleCodes = new Set(['autopay_already_enrolled', 'autopay_not_enrolled']);

type Sent = { readonly error?: unknown; readonly response: Response };

/** The API's answer with friendly refusal words and field messages written as sentences. */
function friendly<T extends Sent>(r: T): T {
  if (!r.error) return r;
  const e = apiError(r.error, r.response.status);
  const fields = e.fields
    ? Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, sentence(v)]))
    : undefined;
  return {
    ...r,
    error: { error: { ...e, message: refusals[e.code] ?? e.message, ...(fields && { fields }) } },
  };
}

function sentence(s: string): string {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/**
 * Autopay (PAY-6) on the account page: the enrolment's status (prenote until debits start,
 * active, or stopped and why), the bank account with its number masked, and — for roles
 * that change accounts — enrol (again, after a stop) and stop. The full account number is
 * typed once, hidden by default, sent and never shown: the API only returns the last four.
 */
export function AutopaySection(props: { readonly accountId: number; readonly canWrite: boolean }) {
  const { data, error, enrol, stop, reload } = useAutopay(props.accountId);
  const [notice, setNotice] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const [focusStatus, setFocusStatus] = useState(false);

  useEffect(() => {
    if (!focusStatus) return;
    setFocusStatus(false);
    statusRef.current?.focus();
  }, [focusStatus, data]);

  /** After an enrol or stop: say what happened and put focus on the new status. */
  function changed(message: string) {
    setNotice(message);
    setFocusStatus(true);
  }

  const open = data && data.status !== 'stopped' ? data : null;
  // The two panels are keyed: after an enrol or stop the old one goes away (its "return
  // focus to my button" must not pull focus from the new status).
  return (
    <section className="card" aria-labelledby="acct-autopay">
      <h2 id="acct-autopay">Autopay</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : data === undefined ? (
        <p aria-live="polite">Loading autopay…</p>
      ) : (
        <>
          <p className="ap-status" ref={statusRef} tabIndex={-1}>
            <StatusText autopay={data} />
          </p>
          {data ? <Enrolment autopay={data} /> : null}
          {!props.canWrite ? null : open ? (
            <ActionPanel
              key="stop"
              label="Stop autopay"
              title="Stop autopay"
              onOpen={() => setNotice(null)}
            >
              {(done) => (
                <StopForm
                  stop={stop}
                  cancel={() => done(null)}
                  stale={reload}
                  stopped={(v) => {
                    done(null);
                    changed(`Autopay stopped on ${formatDate(v.stoppedOn)}.`);
                  }}
                />
              )}
            </ActionPanel>
          ) : (
            <ActionPanel
              key="enrol"
              label={data ? 'Enrol again' : 'Enrol in autopay'}
              title="Enrol in autopay"
              onOpen={() => setNotice(null)}
            >
              {(done) => (
                <EnrolForm
                  enrol={enrol}
                  cancel={() => done(null)}
                  stale={reload}
                  enrolled={(v) => {
                    done(null);
                    changed(
                      `Enrolled in autopay. The prenote goes out with the next autopay file; ` +
                        `debits start on ${formatDate(v.liveOn)}.`,
                    );
                  }}
                />
              )}
            </ActionPanel>
          )}
        </>
      )}
    </section>
  );
}

function StatusText({ autopay: a }: { readonly autopay: Autopay | null }) {
  if (!a) return <>Not enrolled in autopay.</>;
  if (a.status === 'prenote') {
    return (
      <>
        <span className="status status-final">Prenote</span> — debits start on{' '}
        {formatDate(a.liveOn)}
      </>
    );
  }
  if (a.status === 'active') {
    return (
      <>
        <span className="status status-active">Active</span> — the amount due is debited on each due
        date
      </>
    );
  }
  return (
    <>
      <span className="status status-closed">Stopped</span> on {formatDate(a.stoppedOn)}
      {a.stopReason ? `: ${a.stopReason}` : ''}
    </>
  );
}

function Enrolment({ autopay: a }: { readonly autopay: Autopay }) {
  return (
    <dl className="bb-facts" aria-label={a.status === 'stopped' ? 'Last enrolment' : 'Enrolment'}>
      <dt>Routing number</dt>
      <dd>{a.routingNumber}</dd>
      <dt>Bank account</dt>
      <dd>
        <span className="ap-mask">{a.accountMasked}</span> ({a.accountType})
      </dd>
      <dt>Account holder</dt>
      <dd>{a.holderName}</dd>
      <dt>Enrolled</dt>
      <dd>{formatDate(a.enrolledOn)}</dd>
    </dl>
  );
}

type EnrolValues = {
  routingNumber: string;
  accountNumber: string;
  accountType: 'checking' | 'savings';
  holderName: string;
};

const digitsOnly = (s: string) => s.replace(/\s+/g, '');

/**
 * Focus on the refused field (or the form's error banner) once the refusal has rendered:
 * asked for after a submit, done in an effect so the field's aria-invalid is in the DOM.
 */
function useFocusProblem() {
  const ref = useRef<HTMLFormElement>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0) focusProblem(ref.current);
  }, [asked]);
  return { ref, ask: () => setAsked((n) => n + 1) };
}

function EnrolForm(props: {
  readonly enrol: ReturnType<typeof useAutopay>['enrol'];
  readonly cancel: () => void;
  readonly stale: () => void;
  readonly enrolled: (v: Autopay) => void;
}) {
  const f = useForm<EnrolValues>(
    { routingNumber: '', accountNumber: '', accountType: 'checking', holderName: '' },
    (v) =>
      problemsOf({
        routingNumber: /^\d{9}$/.test(digitsOnly(v.routingNumber))
          ? null
          : 'Enter the nine-digit routing number.',
        accountNumber: /^\d{4,17}$/.test(digitsOnly(v.accountNumber))
          ? null
          : 'Enter the account number: 4 to 17 digits.',
        holderName: checks.length(v.holderName, 1, holderMax, 'The account holder'),
      }),
  );
  const problem = useFocusProblem();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let done: Autopay | undefined;
    const r = await f.submit(async () => {
      const sent = await props.enrol({
        routingNumber: digitsOnly(f.values.routingNumber),
        accountNumber: digitsOnly(f.values.accountNumber),
        accountType: f.values.accountType,
        holderName: f.values.holderName.trim(),
      });
      done = sent.data;
      return friendly(sent);
    });
    if (r.ok && done) return props.enrolled(done);
    if (r.code && staleCodes.has(r.code)) props.stale();
    problem.ask();
  }
  return (
    <form
      ref={problem.ref}
      className="ap-form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label="Enrol in autopay"
    >
      <FormError message={f.formError} />
      <p className="muted acct-small">
        The customer’s bank account: a zero-dollar prenote goes to the bank first; debits start six
        days after enrolment.
      </p>
      <div className="row">
        <Field
          label="Routing number"
          value={f.values.routingNumber}
          error={f.error('routingNumber')}
          hint="Nine digits, first on a check."
          inputMode="numeric"
          autoComplete="off"
          maxLength={11}
          onChange={(e) => f.set('routingNumber', e.target.value)}
        />
        <SecretField
          label="Account number"
          value={f.values.accountNumber}
          error={f.error('accountNumber')}
          onChange={(v) => f.set('accountNumber', v)}
        />
      </div>
      <div className="row">
        <Field
          label="Account holder"
          value={f.values.holderName}
          error={f.error('holderName')}
          hint={`At most ${holderMax} characters.`}
          autoComplete="off"
          maxLength={holderMax}
          onChange={(e) => f.set('holderName', e.target.value)}
        />
        <SelectField
          label="Account type"
          value={f.values.accountType}
          onChange={(v) => f.set('accountType', v as EnrolValues['accountType'])}
          options={[
            { value: 'checking', label: 'Checking' },
            { value: 'savings', label: 'Savings' },
          ]}
        />
      </div>
      <FormButtons submit="Enrol" busy={f.busy} onCancel={props.cancel} />
    </form>
  );
}

/**
 * The bank account number: hidden like a password unless the agent asks to see it (to
 * check what the customer read out). It only ever lives in this input.
 */
function SecretField(props: {
  readonly label: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <div className="ap-secret">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          value={props.value}
          inputMode="numeric"
          autoComplete="off"
          spellCheck={false}
          maxLength={20}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : hintId}
          onChange={(e) => props.onChange(e.target.value)}
        />
        <button
          type="button"
          aria-controls={id}
          aria-label={`${shown ? 'Hide' : 'Show'} ${props.label.toLowerCase()}`}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? 'Hide' : 'Show'}
        </button>
      </div>
      {props.error ? (
        <div id={errorId} className="field-error" role="alert">
          {props.error}
        </div>
      ) : (
        <div id={hintId} className="field-hint">
          4 to 17 digits; hidden unless shown.
        </div>
      )}
    </div>
  );
}

function StopForm(props: {
  readonly stop: ReturnType<typeof useAutopay>['stop'];
  readonly cancel: () => void;
  readonly stale: () => void;
  readonly stopped: (v: Autopay) => void;
}) {
  const f = useForm({ reason: '' }, (v) =>
    problemsOf({ reason: checks.length(v.reason, 1, reasonMax, 'A reason') }),
  );
  const problem = useFocusProblem();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    let done: Autopay | undefined;
    const r = await f.submit(async () => {
      const sent = await props.stop(f.values.reason.trim());
      done = sent.data;
      return friendly(sent);
    });
    if (r.ok && done) return props.stopped(done);
    if (r.code && staleCodes.has(r.code)) props.stale();
    problem.ask();
  }
  return (
    <form ref={problem.ref} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Stop autopay">
      <FormError message={f.formError} />
      <TextArea
        label="Reason"
        rows={2}
        value={f.values.reason}
        error={f.error('reason')}
        hint="Why the customer stops autopay; kept on the enrolment and the audit trail."
        required
        maxLength={reasonMax}
        onChange={(e) => f.set('reason', e.target.value)}
      />
      <FormButtons submit="Confirm stop" busy={f.busy} onCancel={props.cancel} danger />
    </form>
  );
}
