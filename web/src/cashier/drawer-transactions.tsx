import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { FormError, TextArea } from '../components/field.tsx';
import { formatCents } from '../format.ts';
import { messageOf, type Drawer } from './cashier-api.ts';

type WindowTransaction = {
  readonly transactionId: number;
  readonly receiptNo: string;
  readonly totalCents: number;
  readonly takenAt: string;
  readonly voidedAt: string | null;
  readonly voidedBy: string | null;
  readonly voidReason: string | null;
};

/**
 * The drawer's window transactions of the day; while the drawer is open, one can be voided
 * with a reason after a confirm step (PAY-2). Voided ones stay listed, marked VOID.
 */
export function DrawerTransactions(props: {
  readonly drawer: Drawer;
  readonly onVoided: () => void;
}) {
  const d = props.drawer;
  const [rows, setRows] = useState<readonly WindowTransaction[]>([]);
  const [voiding, setVoiding] = useState<WindowTransaction | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    void api
      .GET('/api/drawers/{drawerId}/transactions', {
        params: { path: { drawerId: d.drawerId } },
      })
      .then(({ data }) => setRows(data?.transactions ?? []));
  }, [d]);
  useEffect(() => {
    if (voiding) reasonRef.current?.focus();
  }, [voiding]);

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!voiding) return;
    if (reason.trim() === '') return setError('Enter why this transaction is voided.');
    const {
      data,
      error: err,
      response,
    } = await api.POST('/api/window-transactions/{transactionId}/void', {
      params: { path: { transactionId: voiding.transactionId } },
      body: { reason },
    });
    if (err || !data) return setError(messageOf(err, response.status));
    setDone(`Receipt ${data.receiptNo} voided.`);
    setVoiding(null);
    setReason('');
    setError(null);
    props.onVoided();
  }

  return (
    <section className="card" aria-labelledby="drawer-transactions-heading">
      <h2 id="drawer-transactions-heading">Today’s transactions</h2>
      <div role="status" aria-live="polite">
        {done ? <p className="notice">{done}</p> : null}
      </div>
      {rows.length === 0 ? <p className="muted">No transactions yet.</p> : null}
      {rows.length ? (
        <table className="table" aria-label={`Drawer ${d.drawerId} transactions`}>
          <thead>
            <tr>
              <th scope="col">Receipt</th>
              <th scope="col" className="num">
                Total
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.transactionId} className={t.voidedAt ? 'voided' : undefined}>
                <th scope="row">{t.receiptNo}</th>
                <td className="num">{formatCents(t.totalCents)}</td>
                <td>
                  {t.voidedAt ? (
                    <>
                      <strong>VOID</strong> — {t.voidReason} ({t.voidedBy})
                    </>
                  ) : (
                    'Taken'
                  )}
                </td>
                <td>
                  {!t.voidedAt && d.status === 'open' ? (
                    <button
                      type="button"
                      onClick={() => {
                        setVoiding(t);
                        setError(null);
                        setDone(null);
                      }}
                    >
                      Void {t.receiptNo}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {voiding ? (
        <form onSubmit={(e) => void confirm(e)} aria-label={`Void ${voiding.receiptNo}`}>
          <p className="warning">
            Void receipt {voiding.receiptNo} ({formatCents(voiding.totalCents)})? Every payment and
            item on it is reversed; give the customer back what they paid.
          </p>
          <TextArea
            ref={reasonRef}
            label="Reason for the void"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={500}
            required
          />
          <FormError message={error} />
          <button type="submit" className="danger">
            Confirm void
          </button>{' '}
          <button
            type="button"
            onClick={() => {
              setVoiding(null);
              setReason('');
              setError(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : null}
    </section>
  );
}
