import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { FormError, TextArea } from '../components/field.tsx';
import { formatCents } from '../format.ts';

type Cancelled =
  paths['/api/bills/{billId}/cancel']['post']['responses'][200]['content']['application/json'];

/**
 * Cancel this bill (its entry reversed) and, by default, rebill the period with today's data
 * (BIL-6). Hidden behind a button: it is rare and not undone.
 */
export function CancelForm(props: {
  readonly billId: number;
  readonly status: string;
  readonly onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [rebill, setRebill] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [done, setDone] = useState<Cancelled | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setFieldError('Say why the bill is cancelled.');
      return;
    }
    setBusy(true);
    setError(null);
    setFieldError(undefined);
    const {
      data,
      error: err,
      response,
    } = await api
      .POST('/api/bills/{billId}/cancel', {
        params: { path: { billId: props.billId } },
        body: { reason: reason.trim(), rebill },
      })
      .finally(() => setBusy(false));
    if (!data) {
      const a = apiError(err, response.status);
      if (a.fields?.reason) setFieldError(a.fields.reason);
      else setError(a.message);
      return;
    }
    setDone(data);
    props.onDone();
  }

  if (done) {
    return (
      <section className="card" aria-labelledby="cancel-heading">
        <h2 id="cancel-heading">Bill cancelled</h2>
        <p className="notice" role="status">
          Bill {done.cancelledBillId} is cancelled; net change {formatCents(done.netChangeCents)}.{' '}
          {done.rebill ? (
            <Link href={`/bills/${done.rebill.billId}`}>
              Open the new bill ({formatCents(done.rebill.totalCents)})
            </Link>
          ) : (
            'The period was not rebilled.'
          )}
        </p>
      </section>
    );
  }
  if (props.status !== 'issued') return null;
  return (
    <section className="card" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel or rebill</h2>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="cancel-form"
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Keep the bill' : 'Cancel this bill…'}
      </button>
      <form
        id="cancel-form"
        hidden={!open}
        aria-label="Cancel this bill"
        onSubmit={(e) => void submit(e)}
      >
        <FormError message={error} />
        <TextArea
          label="Reason for cancelling"
          value={reason}
          maxLength={500}
          rows={2}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError}
        />
        <div className="checkbox">
          <input
            id="cancel-rebill"
            type="checkbox"
            checked={rebill}
            onChange={(e) => setRebill(e.target.checked)}
          />
          <label htmlFor="cancel-rebill">Rebill the period with today&rsquo;s data</label>
        </div>
        <button type="submit" className="danger" disabled={busy}>
          {rebill ? 'Cancel and rebill' : 'Cancel bill'}
        </button>
      </form>
    </section>
  );
}
