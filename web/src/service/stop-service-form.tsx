import { FieldOrders } from './field-orders.tsx';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, apiError, type ApiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatDate, titleCase, todayIso } from '../format.ts';
import { focusFirstInvalid } from './focus.ts';
import { friendlyMessage } from './friendly.ts';
import { AccountStep, activeAgreements } from './picked-account.tsx';
import {
  codeMessage,
  fieldMessage,
  isIsoDate,
  serviceLabels,
  type AccountOverview,
  type StopResult,
} from './service-api.ts';

const reasons = [
  ['moving', 'Moving'],
  ['deceased', 'Deceased'],
  ['landlord', 'Landlord (unit vacated)'],
  ['other', 'Other'],
] as const;
type Reason = (typeof reasons)[number][0];

/** Stop service (ACC-2): pick the account, the services, the last day and why. */
export function StopServiceForm() {
  const [account, setAccount] = useState<AccountOverview | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [stopDate, setStopDate] = useState(todayIso);
  const [reason, setReason] = useState<Reason>('moving');
  const [otherText, setOtherText] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState<{ account: AccountOverview; result: StopResult } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const active = account ? activeAgreements(account) : [];
  const server = (...p: string[]) => fieldMessage(failure, ...p);
  const accountError =
    (checked && !account ? 'Find and pick the account.' : undefined) ??
    server('accountId') ??
    codeMessage(failure, ['account_not_found']);
  const servicesError =
    (checked && account && chosen.length === 0 ? 'Choose at least one service.' : undefined) ??
    server('agreementIds', 'services') ??
    codeMessage(failure, ['agreement_not_found', 'service_not_active']);
  const dateError =
    (isIsoDate(stopDate) ? undefined : 'A date: MM/DD/YYYY.') ??
    server('stopDate') ??
    codeMessage(failure, ['stop_before_start']);
  const other = otherText.trim();
  const reasonError =
    (checked && reason === 'other' && other.length < 3
      ? 'Describe the reason (3+ characters).'
      : undefined) ?? server('reason');

  const onAccount = (a: AccountOverview | null) => {
    setAccount(a);
    setChosen(a ? activeAgreements(a).map((g) => g.agreementId) : []);
    setFailure(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const reasonText = reason === 'other' ? other : reason;
    if (!account || chosen.length === 0 || !isIsoDate(stopDate) || reasonText.length < 3) {
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    setBusy(true);
    setFailure(null);
    const { data, error, response } = await api.POST('/api/service/stop', {
      body: {
        accountId: account.account.accountId,
        agreementIds: chosen,
        stopDate,
        reason: reasonText,
      },
    });
    setBusy(false);
    if (!data) {
      setFailure(apiError(error, response.status));
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    setDone({ account, result: data });
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  if (done) {
    const { account: a, result: r } = done;
    return (
      <div className="done">
        <div className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          Service stopped on account <strong className="mono">{a.account.accountNo}</strong> (
          {a.customer.displayName}), last day {formatDate(stopDate)}.{' '}
          <Link href={`/accounts/${a.account.accountId}`}>Open account</Link>
        </div>
        <h2>Result</h2>
        <ul className="result-list">
          {r.stopped.map((s) => (
            <li key={s.agreementId}>{serviceLabels[s.service]}: pending final bill</li>
          ))}
          {r.reverted.map((v) => (
            <li key={v.agreementId}>
              {serviceLabels[v.service]} reverts to the landlord’s account (
              <Link href={`/accounts/${v.accountId}`}>open</Link>) from {formatDate(v.startDate)}
            </li>
          ))}
          <li>
            Account status:{' '}
            <span className={`status status-${r.accountStatus}`}>{titleCase(r.accountStatus)}</span>
            {r.accountStatus === 'final'
              ? ' — all services stopped; the final bill is pending.'
              : ''}
          </li>
        </ul>
        <FieldOrders orders={r.fieldOrders} />
        <button
          type="button"
          onClick={() => {
            setDone(null);
            onAccount(null);
            setChecked(false);
          }}
        >
          Stop another service
        </button>
      </div>
    );
  }

  return (
    <form className="service-form narrow" onSubmit={(e) => void submit(e)} noValidate>
      <div className="service-main">
        <section className="card step" aria-labelledby="stop-account-heading">
          <h2 id="stop-account-heading">1. Account</h2>
          <AccountStep
            id="stop-account"
            label="Find the account"
            account={account}
            onAccount={onAccount}
            error={accountError}
            next="#stop-svc-first"
          />
        </section>
        <section className="card step" aria-labelledby="stop-what-heading">
          <h2 id="stop-what-heading">2. What, when and why</h2>
          {account && active.length === 0 ? (
            <p className="warning">This account has no active service to stop.</p>
          ) : null}
          {account && active.length > 0 ? (
            <fieldset className={`choices${servicesError ? ' field-invalid' : ''}`}>
              <legend>Services to stop</legend>
              {active.map((g, i) => (
                <div className="check" key={g.agreementId}>
                  <input
                    id={i === 0 ? 'stop-svc-first' : `stop-svc-${g.agreementId}`}
                    type="checkbox"
                    checked={chosen.includes(g.agreementId)}
                    aria-invalid={servicesError ? true : undefined}
                    onChange={(e) =>
                      setChosen(
                        active
                          .map((x) => x.agreementId)
                          .filter((id) =>
                            id === g.agreementId ? e.target.checked : chosen.includes(id),
                          ),
                      )
                    }
                  />
                  <label htmlFor={i === 0 ? 'stop-svc-first' : `stop-svc-${g.agreementId}`}>
                    {serviceLabels[g.service]} at {g.address}{' '}
                    <span className="muted">
                      ({g.rateSchedule}, since {formatDate(g.startDate)})
                    </span>
                  </label>
                </div>
              ))}
              {servicesError ? (
                <div className="field-error" role="alert">
                  {servicesError}
                </div>
              ) : null}
            </fieldset>
          ) : null}
          {!account ? <p className="muted">Pick the account to see its services.</p> : null}
          <div className="row">
            <Field
              label="Stop date"
              type="date"
              value={stopDate}
              required
              hint="The last day of service"
              error={dateError}
              onChange={(e) => setStopDate(e.target.value)}
            />
          </div>
          <fieldset className="choices">
            <legend>Reason</legend>
            {reasons.map(([k, label]) => (
              <div className="check" key={k}>
                <input
                  id={`reason-${k}`}
                  type="radio"
                  name="stop-reason"
                  checked={reason === k}
                  onChange={() => setReason(k)}
                />
                <label htmlFor={`reason-${k}`}>{label}</label>
              </div>
            ))}
          </fieldset>
          {reason === 'other' || reasonError ? (
            <Field
              label="Describe the reason"
              value={otherText}
              maxLength={500}
              error={reasonError}
              onChange={(e) => setOtherText(e.target.value)}
            />
          ) : null}
        </section>
        <FormError message={failure ? friendlyMessage(failure) : null} />
        <div>
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? 'Stopping…' : 'Stop service'}
          </button>
        </div>
      </div>
    </form>
  );
}
