import { useState } from 'react';
import { FormError } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { refundItem, type UnappliedItem } from './remittance-api.ts';

/** Research found no account: send the money back, with the reason on record. */
export function RefundForm(props: {
  readonly item: UnappliedItem;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { item } = props;
  async function refund() {
    if (reason.trim().length < 3) {
      setError('Reason for the refund: say why (at least 3 characters).');
      return;
    }
    setBusy(true);
    const problem = await refundItem(item.id, reason.trim());
    setBusy(false);
    if (problem) setError(problem);
    else props.onDone(`${formatCents(item.amountCents)} from line ${item.line} refunded.`);
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
