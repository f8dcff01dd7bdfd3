import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { FormError, SelectField, TextArea } from '../components/field.tsx';
import { formatDateTime, titleCase } from '../format.ts';
import { FormButtons } from './controls.tsx';
import { noteCategories, type NoteCategory, type Overview } from './types.ts';
import { focusProblem, problemsOf, useForm } from './use-form.ts';

/** The server's limit (limits.noteCharsMax). */
const noteCharsMax = 4000;

type Props = {
  readonly overview: Overview;
  readonly canWrite: boolean;
  readonly changed: () => Promise<void>;
};

/** Recent notes (older ones are on the timeline) and the add-note form. */
export function NotesSection({ overview, canWrite, changed }: Props) {
  const notes = overview.recentNotes;
  return (
    <section className="card" aria-labelledby="acct-notes">
      <h2 id="acct-notes">Notes</h2>
      {canWrite ? <AddNoteForm overview={overview} changed={changed} /> : null}
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="acct-notes" aria-label="Recent notes">
          {notes.map((n) => (
            <li key={n.noteId}>
              <div className="acct-note-meta">
                <span className="badge">{titleCase(n.category)}</span>{' '}
                <span className="muted">
                  {formatDateTime(n.createdAt)} · {n.createdByName}
                </span>
              </div>
              <p className="acct-note-body">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
      {notes.length >= 5 ? (
        <p className="muted acct-small">
          Showing the latest notes; older ones are on the timeline.
        </p>
      ) : null}
    </section>
  );
}

function AddNoteForm({ overview, changed }: Omit<Props, 'canWrite'>) {
  const f = useForm({ body: '', category: 'general' as NonNullable<NoteCategory> }, (v) =>
    problemsOf({
      body: !v.body.trim()
        ? 'Write the note first.'
        : v.body.trim().length > noteCharsMax
          ? `At most ${noteCharsMax} characters.`
          : null,
    }),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    setNotice(null);
    const r = await f.submit(() =>
      api.POST('/api/accounts/{accountId}/notes', {
        params: { path: { accountId: overview.account.accountId } },
        body: { category: f.values.category, body: f.values.body.trim() },
      }),
    );
    if (!r.ok) return focusProblem(form);
    f.reset();
    await changed();
    setNotice('Note added.');
    areaRef.current?.focus();
  }
  const left = noteCharsMax - f.values.body.length;
  return (
    <form className="acct-note-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <TextArea
        ref={areaRef}
        label="New note"
        rows={3}
        value={f.values.body}
        error={f.error('body')}
        hint={left < 500 ? `${left} characters left` : undefined}
        onChange={(e) => f.set('body', e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }
        }}
        maxLength={noteCharsMax}
      />
      <div className="row acct-note-row">
        <SelectField
          label="Category"
          value={f.values.category}
          onChange={(c) => f.set('category', c as NonNullable<NoteCategory>)}
          options={noteCategories.map((c) => ({ value: c, label: titleCase(c) }))}
        />
        <FormButtons submit="Add note" busy={f.busy} />
      </div>
      <div role="status" aria-live="polite" className="acct-live">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
    </form>
  );
}
