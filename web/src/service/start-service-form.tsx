import { FieldOrders } from './field-orders.tsx';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, apiError, type ApiError } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatCents, todayIso } from '../format.ts';
import { useSession } from '../session.tsx';
import {
  customerErrors,
  emptyCustomer,
  emptyIdentity,
  identityErrors,
  toIdentity,
  toNewCustomer,
  type CustomerDraft,
  type IdentityDraft,
} from './customer-draft.ts';
import { IdentityFields } from './customer-fields.tsx';
import { CustomerSection, type Who } from './customer-section.tsx';
import { focusFirstInvalid, previewHeading } from './focus.ts';
import { friendlyMessage } from './friendly.ts';
import { PremiseCard } from './premise-card.tsx';
import { PremisePicker } from './premise-picker.tsx';
import { PreviewPanel, type FraudChoices } from './preview-panel.tsx';
import {
  codeMessage,
  fieldMessage,
  isIsoDate,
  serviceLabels,
  serviceNote,
  servicesForPremise,
  tomorrowIso,
  type PremiseView,
  type Service,
  type StartBody,
  type StartResult,
} from './service-api.ts';
import { ServiceChoices } from './service-choices.tsx';
import { useStartPreview } from './use-start-preview.ts';

const noChoices: FraudChoices = { overrideReason: '', acceptDeposit: false };

/** Start service (ACC-2): who, where, which services, when; live fees; then confirm. */
export function StartServiceForm() {
  const { can } = useSession();
  const canOverride = can('fraud.override');
  const [who, setWho] = useState<Who>({ kind: 'new' });
  const [draft, setDraft] = useState<CustomerDraft>(emptyCustomer);
  const [identity, setIdentity] = useState<IdentityDraft>(emptyIdentity);
  const [premise, setPremise] = useState<PremiseView | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [startDate, setStartDate] = useState(tomorrowIso);
  const [sameDay, setSameDay] = useState(false);
  const [choices, setChoices] = useState<FraudChoices>(noChoices);
  const [checked, setChecked] = useState(false);
  const [depositAsked, setDepositAsked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [result, setResult] = useState<StartResult | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const cErrors = who.kind === 'new' ? customerErrors(draft, checked) : {};
  const iErrors = identityErrors(identity);
  const dateError = isIsoDate(startDate) ? undefined : 'A date: MM/DD/YYYY.';
  const server = (...paths: string[]) => fieldMessage(failure, ...paths);
  const errs = {
    firstName: cErrors.firstName ?? server('newCustomer.firstName', 'firstName'),
    lastName: cErrors.lastName ?? server('newCustomer.lastName', 'lastName'),
    businessName: cErrors.businessName ?? server('newCustomer.businessName', 'businessName'),
    phone: cErrors.phone ?? server('newCustomer.phone', 'phone'),
    email: cErrors.email ?? server('newCustomer.email', 'email'),
    taxId: cErrors.taxId ?? server('newCustomer.taxId', 'taxId'),
    idNumber: iErrors.idNumber ?? server('identity.idNumber', 'idNumber'),
    issuer: iErrors.issuer ?? server('identity.issuer', 'issuer'),
  };
  const whoError =
    server('customerId', 'accountId', 'newCustomer') ??
    codeMessage(failure, [
      'customer_not_found',
      'account_not_found',
      'account_closed',
      'account_deceased',
      'account_customer_mismatch',
    ]);
  const premiseError =
    (checked && !premise ? 'Pick the service address.' : undefined) ??
    server('premiseId') ??
    codeMessage(failure, ['premise_not_found']);
  const servicesError =
    (checked && services.length === 0 ? 'Choose at least one service.' : undefined) ??
    server('services') ??
    codeMessage(failure, ['service_not_available', 'service_already_active']);
  const overrideReason = choices.overrideReason.trim();
  const overrideError =
    (overrideReason && overrideReason.length < 3 ? 'At least 3 characters.' : undefined) ??
    server('fraudOverride.reason', 'fraudOverride') ??
    codeMessage(failure, ['fraud_override_not_permitted']);

  const whoPart: Partial<StartBody> | null =
    who.kind === 'existing'
      ? who.onAccount
        ? { accountId: who.hit.accountId }
        : { customerId: who.overview.customer.customerId }
      : (() => {
          const c = toNewCustomer(draft);
          return c ? { newCustomer: c } : null;
        })();
  const idPart = toIdentity(identity);
  const body: StartBody | null =
    whoPart && premise && services.length > 0 && !dateError
      ? {
          ...whoPart,
          premiseId: premise.premiseId,
          services: services.map((service) => ({ service })),
          startDate,
          ...(sameDay ? { sameDay: true } : {}),
          ...(idPart ? { identity: idPart } : {}),
          ...(canOverride && overrideReason.length >= 3
            ? { fraudOverride: { reason: overrideReason } }
            : {}),
          ...(choices.acceptDeposit ? { acceptDeposit: true } : {}),
        }
      : null;
  const live = useStartPreview(result ? null : body);
  const depositError =
    codeMessage(failure, ['deposit_not_accepted']) ||
    (depositAsked && !choices.acceptDeposit && (live.preview?.depositRequirements.length ?? 0) > 0)
      ? 'Tick this once the customer accepts, or the start is refused.'
      : undefined;
  const missing = !whoPart
    ? 'Enter the customer to see the fees.'
    : !premise
      ? 'Pick the service address to see the fees.'
      : services.length === 0
        ? 'Choose at least one service.'
        : dateError
          ? 'Enter a valid start date.'
          : null;

  const pickPremise = (p: PremiseView) => {
    setPremise(p);
    setServices([...servicesForPremise(p).checked]);
    setFailure(null);
    setTimeout(() => document.querySelector<HTMLInputElement>('input[name=startDate]')?.focus(), 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const clientOk =
      body !== null &&
      Object.keys(iErrors).length === 0 &&
      Object.keys(who.kind === 'new' ? customerErrors(draft, true) : {}).length === 0 &&
      !overrideError;
    if (!clientOk || !body) {
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
    const { data, error, response } = await api.POST('/api/service/start', { body });
    setBusy(false);
    if (!data) {
      setFailure(apiError(error, response.status));
      setTimeout(focusFirstInvalid, 0);
      return;
    }
    setResult(data);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  const reset = () => {
    setWho({ kind: 'new' });
    setDraft(emptyCustomer);
    setIdentity(emptyIdentity);
    setPremise(null);
    setServices([]);
    setStartDate(tomorrowIso());
    setSameDay(false);
    setChoices(noChoices);
    setChecked(false);
    setDepositAsked(false);
    setFailure(null);
    setResult(null);
  };

  if (result) return <StartDone result={result} noticeRef={noticeRef} onAgain={reset} />;

  const offered = premise ? servicesForPremise(premise).offered : [];
  return (
    <form className="service-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="service-main">
        <CustomerSection
          who={who}
          onWho={(w) => {
            setWho(w);
            setFailure(null);
          }}
          draft={draft}
          onDraft={setDraft}
          errors={errs}
          whoError={whoError}
        />
        <section className="card step" aria-labelledby="premise-heading">
          <h2 id="premise-heading">2. Premise</h2>
          {premise ? (
            <PremiseCard
              premise={premise}
              onChange={() => {
                setPremise(null);
                setServices([]);
                setTimeout(() => document.getElementById('start-premise')?.focus(), 0);
              }}
            />
          ) : (
            <PremisePicker
              id="start-premise"
              label="Service address"
              onPick={pickPremise}
              error={premiseError}
            />
          )}
          {premise && premiseError ? (
            <div className="field-error" role="alert">
              {premiseError}
            </div>
          ) : null}
        </section>
        <section className="card step" aria-labelledby="when-heading">
          <h2 id="when-heading">3. Services and date</h2>
          {premise ? (
            <ServiceChoices
              legend="Services to start"
              idPrefix="start-svc"
              offered={offered.map((s) => {
                const note = serviceNote(premise, s);
                return note ? { service: s, note } : { service: s };
              })}
              checked={services}
              onChange={setServices}
              error={servicesError}
            />
          ) : (
            <p className="muted">The services offered depend on the premise.</p>
          )}
          <div className="row">
            <Field
              name="startDate"
              label="Start date"
              type="date"
              value={startDate}
              required
              error={dateError ?? server('startDate')}
              hint="First day of service"
              onChange={(e) => setStartDate(e.target.value)}
            />
            <div className="check same-day">
              <input
                id="same-day"
                type="checkbox"
                checked={sameDay}
                onChange={(e) => {
                  setSameDay(e.target.checked);
                  if (e.target.checked) setStartDate(todayIso());
                }}
              />
              <label htmlFor="same-day">Same-day turn-on (adds the same-day fee)</label>
            </div>
          </div>
        </section>
        <IdentityFields draft={identity} onChange={setIdentity} errors={errs} />
      </div>
      <div className="service-side">
        <PreviewPanel
          heading="Fees and checks"
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
          {busy ? 'Starting…' : 'Start service'}
        </button>
      </div>
    </form>
  );
}

function StartDone(props: {
  readonly result: StartResult;
  readonly noticeRef: React.RefObject<HTMLDivElement | null>;
  readonly onAgain: () => void;
}) {
  const r = props.result;
  return (
    <div className="done">
      <div className="notice" role="status" tabIndex={-1} ref={props.noticeRef}>
        Service started on account <strong className="mono">{r.accountNo}</strong>
        {r.accountOpened ? ' (new account)' : ''}:{' '}
        {r.agreements.map((a) => serviceLabels[a.service]).join(', ')}. Fees posted:{' '}
        {formatCents(r.totalFeesCents)}. <Link href={`/accounts/${r.accountId}`}>Open account</Link>
      </div>
      {r.depositRequirements.length > 0 ? (
        <p className="warning">
          Deposit required:{' '}
          {formatCents(r.depositRequirements.reduce((n, d) => n + d.amountCents, 0))}.
        </p>
      ) : null}
      <FieldOrders orders={r.fieldOrders} />
      <button type="button" onClick={props.onAgain}>
        Start another service
      </button>
    </div>
  );
}
