import { FieldOrders } from './field-orders.tsx';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, apiError, type ApiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatCents, formatDate, todayIso } from '../format.ts';
import { useSession } from '../session.tsx';
import { focusFirstInvalid, previewHeading } from './focus.ts';
import { friendlyMessage } from './friendly.ts';
import { AccountStep, activeAgreements } from './picked-account.tsx';
import { PremiseCard } from './premise-card.tsx';
import { PremisePicker } from './premise-picker.tsx';
import { PreviewPanel, type FraudChoices } from './preview-panel.tsx';
import {
  codeMessage,
  fieldMessage,
  isIsoDate,
  serviceLabels,
  serviceOrder,
  tomorrowIso,
  unavailableReason,
  type AccountOverview,
  type PremiseView,
  type Service,
  type StartBody,
  type TransferResult,
} from './service-api.ts';
import { ServiceChoices } from './service-choices.tsx';
import { useStartPreview } from './use-start-preview.ts';

const noChoices: FraudChoices = { overrideReason: '', acceptDeposit: false };

/** Transfer service (move out / move in) on the same account, with the new premise's fees. */
export function TransferServiceForm() {
  const { can } = useSession();
  const canOverride = can('fraud.override');
  const [account, setAccount] = useState<AccountOverview | null>(null);
  const [premise, setPremise] = useState<PremiseView | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [stopDate, setStopDate] = useState(tomorrowIso);
  const [startDate, setStartDate] = useState<string | null>(null);
  const [sameDay, setSameDay] = useState(false);
  const [choices, setChoices] = useState<FraudChoices>(noChoices);
  const [checked, setChecked] = useState(false);
  const [depositAsked, setDepositAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState<TransferResult | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The start date follows the stop date until the agent changes it (default: same day).
  const start = startDate ?? stopDate;
  const active = account ? activeAgreements(account) : [];
  const activeKinds = serviceOrder.filter((s) => active.some((g) => g.service === s));
  const server = (...p: string[]) => fieldMessage(failure, ...p);
  const accountError =
    (checked && !account ? 'Find and pick the account.' : undefined) ??
    server('fromAccountId') ??
    codeMessage(failure, ['account_not_found', 'account_closed', 'account_deceased']);
  const premiseError =
    (checked && !premise ? 'Pick the new service address.' : undefined) ??
    server('toPremiseId') ??
    codeMessage(failure, ['premise_not_found']) ??
    (failure?.code === 'invalid' && !failure.fields ? failure.message : undefined);
  const servicesError =
    (checked && account && services.length === 0 ? 'Choose at least one service.' : undefined) ??
    server('services') ??
    codeMessage(failure, ['service_not_available', 'service_already_active', 'service_not_active']);
  const stopError =
    (isIsoDate(stopDate) ? undefined : 'A date: MM/DD/YYYY.') ??
    server('stopDate') ??
    codeMessage(failure, ['stop_before_start']);
  const startError = (isIsoDate(start) ? undefined : 'A date: MM/DD/YYYY.') ?? server('startDate');
  const overrideReason = choices.overrideReason.trim();
  const overrideError =
    (overrideReason && overrideReason.length < 3 ? 'At least 3 characters.' : undefined) ??
    server('fraudOverride.reason') ??
    codeMessage(failure, ['fraud_override_not_permitted']);
  const fraudPart = {
    ...(sameDay ? { sameDay: true } : {}),
    ...(canOverride && overrideReason.length >= 3
      ? { fraudOverride: { reason: overrideReason } }
      : {}),
    ...(choices.acceptDeposit ? { acceptDeposit: true } : {}),
  };
  const ready =
    account && premise && services.length > 0 && isIsoDate(stopDate) && isIsoDate(start);
  // The fees at the new premise: the start preview on the same account (no set-up fee).
  const previewBody: StartBody | null = ready
    ? {
        accountId: account.account.accountId,
        premiseId: premise.premiseId,
        services: services.map((service) => ({ service })),
        startDate: start,
        ...fraudPart,
      }
    : null;
  const live = useStartPreview(done ? null : previewBody);
  const depositError =
    codeMessage(failure, ['deposit_not_accepted']) ||
    (depositAsked && !choices.acceptDeposit && (live.preview?.depositRequirements.length ?? 0) > 0)
      ? 'Tick this once the customer accepts, or the transfer is refused.'
      : undefined;
  const missing = !account
    ? 'Pick the account to see the fees.'
    : !premise
      ? 'Pick the new address to see the fees.'
      : services.length === 0
        ? 'Choose at least one service.'
        : !isIsoDate(start) || !isIsoDate(stopDate)
          ? 'Enter valid dates.'
          : null;

  const serviceMoveNote = (s: Service): string => {
    const from = active
      .filter((g) => g.service === s)
      .map((g) => g.address)
      .join(', ');
    const why = premise ? unavailableReason(premise, s) : null;
    return why ? `${from} — not at the new address: ${why}; stop it instead` : from;
  };

  const onAccount = (a: AccountOverview | null) => {
    setAccount(a);
    const kinds = a ? activeAgreements(a).map((g) => g.service) : [];
    setServices(
      serviceOrder.filter(
        (s) => kinds.includes(s) && (!premise || unavailableReason(premise, s) === null),
      ),
    );
    setFailure(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!ready || !account || !premise || overrideError) {
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    // Refusals the preview already shows are answered here, without a refused request.
    const shown = live.pending ? null : live.preview;
    if (shown?.blocked) {
      setTimeout(() => (document.getElementById('fraud-override') ?? previewHeading())?.focus(), 0);
      return;
    }
    if (shown && shown.depositRequirements.length > 0 && !choices.acceptDeposit) {
      setDepositAsked(true);
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    setBusy(true);
    setFailure(null);
    const { data, error, response } = await api.POST('/api/service/transfer', {
      body: {
        fromAccountId: account.account.accountId,
        toPremiseId: premise.premiseId,
        stopDate,
        startDate: start,
        services,
        ...fraudPart,
      },
    });
    setBusy(false);
    if (!data) {
      setFailure(apiError(error, response.status));
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    setDone(data);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  if (done && account && premise) {
    const r = done.started;
    return (
      <div className="done">
        <div className="notice" role="status" tabIndex={-1} ref={noticeRef}>
          Service transferred on account <strong className="mono">{r.accountNo}</strong> to{' '}
          {premise.addressLine1}, starting {formatDate(start)}. Fees posted:{' '}
          {formatCents(r.totalFeesCents)}.{' '}
          <Link href={`/accounts/${r.accountId}`}>Open account</Link>
        </div>
        <ul className="result-list">
          {done.stopped.stopped.map((s) => (
            <li key={`s${s.agreementId}`}>
              {serviceLabels[s.service]} at the old address: last day {formatDate(stopDate)},
              pending final bill
            </li>
          ))}
          {r.agreements.map((a) => (
            <li key={`a${a.agreementId}`}>
              {serviceLabels[a.service]} at {premise.addressLine1}: active ({a.rateSchedule})
            </li>
          ))}
          {done.stopped.reverted.map((v) => (
            <li key={`r${v.agreementId}`}>
              {serviceLabels[v.service]} at the old address reverts to the landlord from{' '}
              {formatDate(v.startDate)}
            </li>
          ))}
        </ul>
        <FieldOrders orders={done.fieldOrders} />
      </div>
    );
  }

  return (
    <form className="service-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="service-main">
        <section className="card step" aria-labelledby="tr-from-heading">
          <h2 id="tr-from-heading">1. From account</h2>
          <AccountStep
            id="transfer-account"
            label="Find the account"
            account={account}
            onAccount={onAccount}
            error={accountError}
            next="#transfer-premise"
          />
          {account && activeKinds.length > 0 ? (
            <ServiceChoices
              legend="Services to move"
              idPrefix="tr-svc"
              offered={activeKinds.map((s) => ({
                service: s,
                note: serviceMoveNote(s),
              }))}
              checked={services}
              onChange={setServices}
              error={servicesError}
            />
          ) : null}
          {account && activeKinds.length === 0 ? (
            <p className="warning">This account has no active service to move.</p>
          ) : null}
        </section>
        <section className="card step" aria-labelledby="tr-to-heading">
          <h2 id="tr-to-heading">2. To premise</h2>
          {premise ? (
            <PremiseCard premise={premise} onChange={() => setPremise(null)} />
          ) : (
            <PremisePicker
              id="transfer-premise"
              label="New service address"
              onPick={(p) => {
                setPremise(p);
                setServices((l) => l.filter((s) => unavailableReason(p, s) === null));
                setFailure(null);
              }}
              error={premiseError}
            />
          )}
          {premise && premiseError ? (
            <div className="field-error" role="alert">
              {premiseError}
            </div>
          ) : null}
        </section>
        <section className="card step" aria-labelledby="tr-when-heading">
          <h2 id="tr-when-heading">3. Dates</h2>
          <div className="row">
            <Field
              label="Stop date at the old address"
              type="date"
              value={stopDate}
              required
              hint="The last day there"
              error={stopError}
              onChange={(e) => setStopDate(e.target.value)}
            />
            <Field
              label="Start date at the new address"
              type="date"
              value={start}
              required
              hint="Defaults to the stop date"
              error={startError}
              onChange={(e) => setStartDate(e.target.value)}
            />
          </div>
          <div className="check">
            <input
              id="tr-same-day"
              type="checkbox"
              checked={sameDay}
              onChange={(e) => {
                setSameDay(e.target.checked);
                if (e.target.checked) setStartDate(todayIso());
              }}
            />
            <label htmlFor="tr-same-day">Same-day turn-on (adds the same-day fee)</label>
          </div>
        </section>
      </div>
      <div className="service-side">
        <PreviewPanel
          heading="Fees at the new address"
          preview={live.preview}
          pending={live.pending}
          error={live.error}
          missing={missing}
          canOverride={canOverride}
          choices={choices}
          onChoices={setChoices}
          overrideError={overrideError}
          depositError={depositError}
        />
        <FormError message={failure ? friendlyMessage(failure) : null} />
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? 'Transferring…' : 'Transfer service'}
        </button>
      </div>
    </form>
  );
}
