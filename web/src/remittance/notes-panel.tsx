import { useState } from 'react';
import { FormError } from '../components/field.tsx';
import { formatCents, formatDateTime } from '../format.ts';
import { addNote, type UnappliedItem } from './remittance-api.ts';

/** The research trail of one item: who called whom, what is pending. Notes are never edited. */
export function NotesPanel(props: {
  readonly item: UnappliedItem;
  readonly onChanged: (item: UnappliedItem) => void;
  readonly onClose: () => void;
}) {
  const { item } = props;
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function add() {
    if (!body.trim()) {
      setError('Write the note first.');
      return;
    }
    setBusy(true);
    const r = await addNote(item.id, body.trim());
    setBusy(false);
    if ('error' in r) setError(r.error);
    else {
      setBody('');
      setError(null);
      props.onChanged(r.item);
    }
  }
  return (
    <section className="remittance-apply" aria-labelledby="notes-heading">
      <h2 id="notes-heading">
        Research notes: {formatCents(item.amountCents)} ({item.payerName ?? `line ${item.line}`})
      </h2>
      {item.notes.length === 0 ? (
        <p>No notes yet.</p>
      ) : (
        <ol className="unapplied-notes" aria-label="Research notes">
          {item.notes.map((n, k) => (
            <li key={k}>
              <p>{n.body}</p>
              <small>
                {n.author} · {formatDateTime(n.at)}
              </small>
            </li>
          ))}
        </ol>
      )}
      <label className="field">
        <span>New note</span>
        <textarea
          value={body}
          onChange={(e) => setBody(e.target.value)}
          maxLength={2000}
          rows={3}
        />
      </label>
      <FormError message={error} />
      <div className="actions">
        <button type="button" onClick={() => void add()} disabled={busy}>
          Add note
        </button>
        <button type="button" className="link" onClick={props.onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
