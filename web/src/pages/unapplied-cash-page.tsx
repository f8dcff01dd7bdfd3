import { useCallback, useEffect, useState } from 'react';
import { formatCents, formatDate } from '../format.ts';
import { ApplyForm } from '../remittance/apply-form.tsx';
import { NotesPanel } from '../remittance/notes-panel.tsx';
import { RefundForm } from '../remittance/refund-form.tsx';
import { unappliedCash, type UnappliedItem } from '../remittance/remittance-api.ts';
import '../remittance/remittance.css';

type ActionKind = 'apply' | 'refund' | 'notes';

const from = (i: UnappliedItem) =>
  `${formatCents(i.amountCents)} from ${i.payerName ?? `line ${i.line}`}`;

/** The row's actions; the label names the item for screen readers and tests. */
const actions: readonly {
  kind: ActionKind;
  text: (i: UnappliedItem) => string;
  label: (i: UnappliedItem) => string;
}[] = [
  { kind: 'apply', text: () => 'Apply…', label: (i) => `Apply ${from(i)}` },
  { kind: 'refund', text: () => 'Refund…', label: (i) => `Refund ${from(i)}` },
  {
    kind: 'notes',
    text: (i) => `Notes (${i.notes.length})`,
    label: (i) => `Notes on ${from(i)} (${i.notes.length})`,
  },
];

/** Supervisor: remittance items no account matched (PAY-5); research each and apply it. */
export function UnappliedCashPage() {
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<readonly UnappliedItem[] | null>(null);
  // One panel at a time under the table: apply, refund or the research notes of one item.
  const [panel, setPanel] = useState<{ kind: ActionKind; item: UnappliedItem } | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void unappliedCash(search).then(setItems);
  }, [search]);
  const done = (message: string) => {
    setPanel(null);
    setStatus(message);
    load();
  };
  useEffect(load, [load]);
  const total = (items ?? []).reduce((s, i) => s + i.amountCents, 0);
  return (
    <section className="page">
      <h1>Unapplied cash</h1>
      <p>
        Payments from lockbox, BAI2 and CSV files that matched no account or bill, or whose account
        refused them (a cash-only account's check). Find the account each belongs to and apply it (a
        transfer entry; audited), or refund it to its sender. Keep the research trail in each item's
        notes.
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
              <th scope="col">Why unapplied</th>
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
                <td className="hold-reason">{i.holdReason ?? '—'}</td>
                <td>{i.checkNumber ?? '—'}</td>
                <td className="money">{formatCents(i.amountCents)}</td>
                <td>
                  {actions.map((a, k) => (
                    <span key={a.kind}>
                      {k > 0 ? ' ' : null}
                      <button
                        type="button"
                        className={a.kind === 'apply' ? undefined : 'link'}
                        onClick={() => setPanel({ kind: a.kind, item: i })}
                        aria-label={a.label(i)}
                      >
                        {a.text(i)}
                      </button>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={6}>
                {items.length} item(s)
              </th>
              <td className="money">{formatCents(total)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {panel?.kind === 'apply' ? (
        <ApplyForm
          key={panel.item.id}
          item={panel.item}
          onCancel={() => setPanel(null)}
          onDone={done}
        />
      ) : null}
      {panel?.kind === 'notes' ? (
        <NotesPanel
          key={panel.item.id}
          item={panel.item}
          onClose={() => setPanel(null)}
          onChanged={(item) => {
            setPanel({ kind: 'notes', item });
            load();
          }}
        />
      ) : null}
      {panel?.kind === 'refund' ? (
        <RefundForm
          key={panel.item.id}
          item={panel.item}
          onCancel={() => setPanel(null)}
          onDone={done}
        />
      ) : null}
    </section>
  );
}
