import { useId, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { AccountLookup, type PickedAccount } from './account-lookup.tsx';
import { messageOf } from './cashier-api.ts';
import { parseDollars } from './money-input.ts';
import { useCityItems } from './use-city-items.ts';

type Taken = { receiptNo: string; transactionId: number; totalCents: number; changeCents: number };

const blank = {
  utility: '',
  cityCode: '',
  cityAmount: '',
  cityRef: '',
  card: '',
  cardToken: '',
  check: '',
  checkNumber: '',
  routing: '',
  last4: '',
  cash: '',
};

/** One customer: utility payment and/or a city item; card, check and cash (split tender). */
export function TransactionForm(props: {
  readonly drawerId: number;
  readonly onTaken: () => void;
}) {
  const items = useCityItems();
  const uid = useId();
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [f, setF] = useState(blank);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [taken, setTaken] = useState<Taken | null>(null);
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value });
  const item = items.find((i) => i.code === f.cityCode);
  const amounts = {
    utility: parseDollars(f.utility),
    city: item?.priceCents ?? parseDollars(f.cityAmount),
    card: parseDollars(f.card),
    check: parseDollars(f.check),
    cash: parseDollars(f.cash),
  };
  const bad = Object.entries(amounts).find(([, v]) => v === null)?.[0];
  const due = (amounts.utility ?? 0) + (f.cityCode ? (amounts.city ?? 0) : 0);
  const cashDue = due - (amounts.card ?? 0) - (amounts.check ?? 0);
  const change = (amounts.cash ?? 0) - cashDue;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (bad) return setError(`${bad} amount: enter dollars and cents, like 45.00`);
    const lines = [];
    if (account && amounts.utility)
      lines.push({
        kind: 'utility' as const,
        accountId: account.accountId,
        amountCents: amounts.utility,
      });
    if (item) {
      lines.push({
        kind: 'city' as const,
        itemCode: item.code,
        quantity: 1,
        ...(item.priceCents === null ? { amountCents: amounts.city ?? 0 } : {}),
        ...(f.cityRef.trim() ? { reference: f.cityRef.trim() } : {}),
      });
    }
    if (lines.length === 0)
      return setError('Account or city item: choose what the customer pays for');
    const tenders = [];
    if (amounts.card)
      tenders.push({ kind: 'card' as const, amountCents: amounts.card, token: f.cardToken.trim() });
    if (amounts.check)
      tenders.push({
        kind: 'check' as const,
        amountCents: amounts.check,
        checkNumber: f.checkNumber.trim(),
        routingNumber: f.routing.trim(),
        accountLast4: f.last4.trim(),
      });
    if (cashDue > 0 || amounts.cash)
      tenders.push({ kind: 'cash' as const, tenderedCents: amounts.cash ?? 0 });
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/drawers/{drawerId}/transactions', {
      params: { path: { drawerId: props.drawerId } },
      body: { idempotencyKey: key, lines, tenders },
    });
    if (err || !data) return setError(messageOf(err, response.status));
    setTaken(data);
    setF(blank);
    setAccount(null);
    setKey(crypto.randomUUID());
    props.onTaken();
  }

  return (
    <section className="card" aria-labelledby="take-heading">
      <h2 id="take-heading">Take a payment</h2>
      <div role="status" aria-live="polite">
        {taken ? (
          <p className="notice">
            Receipt {taken.receiptNo}: total {formatCents(taken.totalCents)}, change due{' '}
            {formatCents(taken.changeCents)}.{' '}
            <a
              href={`/api/window-transactions/${taken.transactionId}/receipt.pdf`}
              target="_blank"
              rel="noreferrer"
            >
              Print receipt {taken.receiptNo}
            </a>
          </p>
        ) : null}
      </div>
      <form onSubmit={(e) => void submit(e)} className="transaction-form">
        <fieldset>
          <legend>Utility account</legend>
          <AccountLookup picked={account} onPick={setAccount} />
          <Field
            label="Utility amount"
            value={f.utility}
            onChange={set('utility')}
            inputMode="decimal"
          />
        </fieldset>
        <fieldset>
          <legend>City receivable</legend>
          <div className="field">
            <label htmlFor={`${uid}-city`}>City item</label>
            <select id={`${uid}-city`} value={f.cityCode} onChange={set('cityCode')}>
              <option value="">None</option>
              {items.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name}
                  {i.priceCents === null ? '' : ` — ${formatCents(i.priceCents)}`}
                </option>
              ))}
            </select>
          </div>
          {item && item.priceCents === null ? (
            <Field
              label="Item amount"
              value={f.cityAmount}
              onChange={set('cityAmount')}
              inputMode="decimal"
            />
          ) : null}
          {item?.referenceLabel ? (
            <Field label={item.referenceLabel} value={f.cityRef} onChange={set('cityRef')} />
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Tenders</legend>
          <div className="tender-row">
            <Field label="Card amount" value={f.card} onChange={set('card')} inputMode="decimal" />
            <Field
              label="Card token"
              value={f.cardToken}
              onChange={set('cardToken')}
              hint="From the card reader (sandbox: tok_visa_4242)"
            />
          </div>
          <div className="tender-row">
            <Field
              label="Check amount"
              value={f.check}
              onChange={set('check')}
              inputMode="decimal"
            />
            <Field label="Check number" value={f.checkNumber} onChange={set('checkNumber')} />
            <Field label="Routing number" value={f.routing} onChange={set('routing')} />
            <Field label="Check account last four" value={f.last4} onChange={set('last4')} />
          </div>
          <Field label="Cash tendered" value={f.cash} onChange={set('cash')} inputMode="decimal" />
        </fieldset>
        <p className="due-line">
          Due {formatCents(due)} (card fee added on utility card parts) · cash due{' '}
          {formatCents(Math.max(0, cashDue))} ·{' '}
          <strong>Change due {formatCents(Math.max(0, change))}</strong>
        </p>
        <FormError message={error} />
        <button type="submit" className="primary">
          Take payment
        </button>
      </form>
    </section>
  );
}
