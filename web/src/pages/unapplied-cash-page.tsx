import { useCallback, useEffect, useState } from 'react';
import { formatCents, formatDate } from '../format.ts';
import { ApplyForm } from '../remittance/apply-form.tsx';
import { NotesPanel } from '../remittance/notes-panel.tsx';
import { RefundForm } from '../remittance/refund-form.tsx';
import { unappliedCash, type UnappliedItem } from '../remittance/remittance-api.ts';
import '../remittance/remittance.css';

/** Supervisor: remittance items no account matched (PAY-5); research each and apply it. */
export function UnappliedCashPage() {
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<readonly UnappliedItem[] | null>(null);
  const [applying, setApplying] = useState<UnappliedItem | null>(null);
  const [refunding, setRefunding] = useState<UnappliedItem | null>(null);
  const [noting, setNoting] = useState<UnappliedItem | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void unappliedCash(search).then(setItems);
  }, [search]);
  useEffect(load, [load]);
  const total = (items ?? []).reduce((s, i) => s + i.amountCents, 0);
  return (
    <section className="page">
      <h1>Unapplied cash</h1>
      <p>
        Payments from lockbox, BAI2 and CSV files that matched no account or bill. Find the account
        each belongs to and apply it (a transfer entry; audited), or refund it to its sender. Keep
        the research trail in each item's notes.
      </p>
      <label className="field">
        <span>Search payer, reference or check number</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <div role="status" aria-live="polite">
        {status ? <p className="notice">{status}</p> : null}
      </div>
      {items === null ? (
        <p>Loading…</p>
      ) : items.length === 0 ? (
        <p>
          No unapplied cash{search.trim() ? ` matches “${search.trim()}”` : ''}. Nothing to
          research.
        </p>
      ) : (
        <table className="unapplied-table" aria-label="Unapplied cash">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">File</th>
              <th scope="col">Payer</th>
              <th scope="col">Reference</th>
              <th scope="col">Check</th>
              <th scope="col">Amount</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{formatDate(i.effectiveDate)}</td>
                <td>
                  {i.fileName}, line {i.line}
                </td>
                <td>{i.payerName ?? '—'}</td>
                <td className="mono">{i.accountRef ?? i.invoiceRef ?? '—'}</td>
                <td>{i.checkNumber ?? '—'}</td>
                <td className="money">{formatCents(i.amountCents)}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setRefunding(null);
                      setNoting(null);
                      setApplying(i);
                    }}
                    aria-label={`Apply ${formatCents(i.amountCents)} from ${i.payerName ?? `line ${i.line}`}`}
                  >
                    Apply…
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setApplying(null);
                      setNoting(null);
                      setRefunding(i);
                    }}
                    aria-label={`Refund ${formatCents(i.amountCents)} from ${i.payerName ?? `line ${i.line}`}`}
                  >
                    Refund…
                  </button>{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      setApplying(null);
                      setRefunding(null);
                      setNoting(i);
                    }}
                    aria-label={`Notes on ${formatCents(i.amountCents)} from ${i.payerName ?? `line ${i.line}`} (${i.notes.length})`}
                  >
                    Notes ({i.notes.length})
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                {items.length} item(s)
              </th>
              <td className="money">{formatCents(total)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {applying ? (
        <ApplyForm
          key={applying.id}
          item={applying}
          onCancel={() => setApplying(null)}
          onDone={(message) => {
            setApplying(null);
            setStatus(message);
            load();
          }}
        />
      ) : null}
      {noting ? (
        <NotesPanel
          key={noting.id}
          item={noting}
          onClose={() => setNoting(null)}
          onChanged={(item) => {
            setNoting(item);
            load();
          }}
        />
      ) : null}
      {refunding ? (
        <RefundForm
          key={refunding.id}
          item={refunding}
          onCancel={() => setRefunding(null)}
          onDone={(message) => {
            setRefunding(null);
            setStatus(message);
            load();
          }}
        />
      ) : null}
    </section>
  );
}
