import { useState } from 'react';
import { Link } from 'wouter';
import { formatDate, titleCase } from '../format.ts';
import { RejectForm } from './reject-form.tsx';
import { ReplaceForm } from './replace-form.tsx';
import { units } from './units.ts';
import { decide, type HeldRead } from './use-held-reads.ts';

type Mode = 'idle' | 'reject' | 'replace';

/**
 * One held read with its context and the reviewer's actions. Reject and Corrected value open
 * a small inline form; the outcome is announced by the page (`onDone`).
 */
export function HeldReadRow(props: {
  readonly read: HeldRead;
  readonly onDone: (message: string) => Promise<void>;
}) {
  const r = props.read;
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = `${r.meterNumber} read of ${formatDate(r.readDate)}`;

  async function run(action: () => ReturnType<typeof decide.release>, message: string) {
    setBusy(true);
    setError(null);
    const out = await action();
    setBusy(false);
    if (!out.ok) {
      const field = out.error.fields ? Object.values(out.error.fields)[0] : undefined;
      setError(field ? `${out.error.message} ${field}` : out.error.message);
      return;
    }
    setMode('idle');
    await props.onDone(message);
  }

  return (
    <tr>
      <td>
        <span className="mono">{r.meterNumber}</span>
        <div className="muted reads-small">{titleCase(r.register)}</div>
      </td>
      <td>
        {r.accountId !== null ? (
          <Link href={`/accounts/${r.accountId}`}>{r.accountNo}</Link>
        ) : (
          <span className="muted">No account</span>
        )}
        <div className="reads-small">{r.address}</div>
      </td>
      <td>{formatDate(r.readDate)}</td>
      <td className="num">{units(r.value)}</td>
      <td className="num">{units(r.usage)}</td>
      <td>
        <span className="badge reads-hold">{titleCase(r.holdReason)}</span>
        {r.reReadOrderId !== null ? (
          <div className="reads-small">
            Re-read order {r.reReadOrderId} open: the crew&apos;s reading will decide it
          </div>
        ) : null}
      </td>
      <td>
        <PriorReads read={r} />
      </td>
      <td className="reads-actions">
        <div className="row">
          <button
            type="button"
            className="primary"
            aria-label={`Release ${what}`}
            disabled={busy}
            onClick={() => void run(() => decide.release(r.readId), `Released ${what}.`)}
          >
            Release
          </button>
          <button
            type="button"
            aria-label={`Reject ${what}`}
            aria-expanded={mode === 'reject'}
            onClick={() => setMode(mode === 'reject' ? 'idle' : 'reject')}
          >
            Reject
          </button>
          <button
            type="button"
            aria-label={`Corrected value for ${what}`}
            aria-expanded={mode === 'replace'}
            onClick={() => setMode(mode === 'replace' ? 'idle' : 'replace')}
          >
            Corrected value
          </button>
          {r.reReadOrderId === null ? (
            <button
              type="button"
              aria-label={`Request re-read of ${r.meterNumber}`}
              disabled={busy}
              onClick={() =>
                void run(
                  () => decide.reRead(r.meterNumber),
                  `Re-read requested for ${r.meterNumber}.`,
                )
              }
            >
              Request re-read
            </button>
          ) : null}
        </div>
        {mode === 'reject' ? (
          <RejectForm
            what={what}
            busy={busy}
            onSubmit={(reason, reRead) =>
              run(() => decide.reject(r.readId, reason, reRead), `Rejected ${what}.`)
            }
          />
        ) : null}
        {mode === 'replace' ? (
          <ReplaceForm
            what={what}
            busy={busy}
            onSubmit={(reading) =>
              run(() => decide.replace(r.readId, reading), `Replaced ${what} with ${reading}.`)
            }
          />
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function PriorReads({ read }: { readonly read: HeldRead }) {
  if (read.previous.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="reads-prior" aria-label={`Accepted reads before ${read.meterNumber}`}>
      {read.previous.map((p) => (
        <li key={p.readDate}>
          {formatDate(p.readDate)}: {units(p.value)}
          {p.usage !== null ? ` (${units(p.usage)} in ${p.days ?? '?'} d)` : ' (baseline)'}
        </li>
      ))}
    </ul>
  );
}
