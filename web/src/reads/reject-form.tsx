import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Reject a held read: a reason, and whether to send the crew to read it again. */
export function RejectForm(props: {
  readonly what: string;
  readonly busy: boolean;
  readonly onSubmit: (reason: string, reRead: boolean) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [reRead, setReRead] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setProblem('Reason: say why the read is rejected.');
      ref.current?.focus();
      return;
    }
    void props.onSubmit(reason.trim(), reRead);
  }
  return (
    <form className="reads-inline" onSubmit={submit} noValidate>
      <label>
        Reason for rejecting
        <input
          ref={ref}
          value={reason}
          maxLength={500}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      <label className="reads-check">
        <input type="checkbox" checked={reRead} onChange={(e) => setReRead(e.target.checked)} />
        Also request a re-read
      </label>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="danger" disabled={props.busy}>
        Reject read
      </button>
    </form>
  );
}
