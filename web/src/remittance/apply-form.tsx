import { useState } from 'react';
import { FormError } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { AccountPicker } from '../service/account-picker.tsx';
import type { SearchHit } from '../service/service-api.ts';
import { applyItem, type UnappliedItem } from './remittance-api.ts';

/** Find the account the money belongs to, then apply the item to it. */
export function ApplyForm(props: {
  readonly item: UnappliedItem;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}) {
  const [account, setAccount] = useState<SearchHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { item } = props;
  async function apply() {
    if (!account) {
      setError('Account: pick the account this payment belongs to.');
      return;
    }
    setBusy(true);
    const problem = await applyItem(item.id, account.accountId);
    setBusy(false);
    if (problem) setError(problem);
    else
      props.onDone(
        `${formatCents(item.amountCents)} from line ${item.line} applied to account ${account.accountNo}.`,
      );
  }
  return (
    <section className="remittance-apply" aria-labelledby="apply-heading">
      <h2 id="apply-heading">
        Apply {formatCents(item.amountCents)} ({item.payerName ?? 'unknown payer'})
      </h2>
      <AccountPicker id="apply-account" label="Account" autoFocus onPick={setAccount} />
      {account ? (
        <p>
          Selected: <strong>{account.customerName}</strong>{' '}
          <span className="mono">{account.accountNo}</span>
        </p>
      ) : null}
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={() => void apply()} disabled={busy}>
          Apply to account
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
