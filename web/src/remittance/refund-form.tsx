import { useState } from 'react';
import { FormError } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { refundItem, type RefundPayee, type UnappliedItem } from './remittance-api.ts';

const addressFields: readonly { key: keyof RefundPayee; label: string; hint?: string }[] = [
  { key: 'name', label: 'Pay to' },
  { key: 'line1', label: 'Mailing address' },
  { key: 'line2', label: 'Address line 2 (optional)' },
  { key: 'city', label: 'City' },
  { key: 'state', label: 'State', hint: 'AZ' },
  { key: 'zip', label: 'ZIP code', hint: '85201' },
];

/** What is missing from the form, in the words staff read; null when it can be sent. */
function problemOf(reason: string, p: RefundPayee): string | null {
  if (reason.trim().length < 3) return 'Reason for the refund: say why (at least 3 characters).';
  if (!p.name.trim() || !p.line1.trim() || !p.city.trim())
    return 'The refund check needs a payee, a mailing address and a city.';
  if (!/^[A-Z]{2}$/.test(p.state.trim())) return 'State: two capital letters, such as AZ.';
  if (!/^\d{5}(-\d{4})?$/.test(p.zip.trim())) return 'ZIP code: 5 digits, or ZIP+4.';
  return null;
}

/**
 * Research found no account: send the money back. Accounts payable writes the refund check
 * to the payee at the mailing address entered here (the reason stays on record).
 */
export function RefundForm(props: {
  readonly item: UnappliedItem;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}) {
  const { item } = props;
  const [reason, setReason] = useState('');
  const [payee, setPayee] = useState<RefundPayee>({
    name: item.payerName ?? '',
    line1: '',
    line2: '',
    city: '',
    state: '',
    zip: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function refund() {
    const problem = problemOf(reason, payee);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const failed = await refundItem(item.id, reason.trim(), payee);
    setBusy(false);
    if (failed) setError(failed);
    else
      props.onDone(
        `${formatCents(item.amountCents)} from line ${item.line} refunded; the check request went to accounts payable.`,
      );
  }
  return (
    <section className="remittance-apply" aria-labelledby="refund-heading">
      <h2 id="refund-heading">
        Refund {formatCents(item.amountCents)} ({item.payerName ?? 'unknown payer'})
      </h2>
      <label className="field">
        <span>Reason for the refund</span>
        <input
          autoFocus
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </label>
      <fieldset className="refund-payee">
        <legend>Refund check</legend>
        {addressFields.map((f) => (
          <label className="field" key={f.key}>
            <span>{f.label}</span>
            <input
              value={payee[f.key]}
              placeholder={f.hint}
              onChange={(e) => setPayee({ ...payee, [f.key]: e.target.value })}
              maxLength={f.key === 'state' ? 2 : 200}
              autoComplete="off"
            />
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={() => void refund()} disabled={busy}>
          Refund to sender
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
