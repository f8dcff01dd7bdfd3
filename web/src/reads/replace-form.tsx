import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Replace a held read with the corrected reading (validated by the server like any read). */
export function ReplaceForm(props: {
  readonly what: string;
  readonly busy: boolean;
  readonly onSubmit: (reading: string) => Promise<void>;
}) {
  const [reading, setReading] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!/^\d{1,12}(\.\d{1,3})?$/.test(reading.trim())) {
      setProblem('Corrected reading: a number such as 4512 or 227.6 (at most 3 decimals).');
      ref.current?.focus();
      return;
    }
    void props.onSubmit(reading.trim());
  }
  return (
    <form className="reads-inline" onSubmit={submit} noValidate>
      <label>
        Corrected reading
        <input
          ref={ref}
          inputMode="decimal"
          value={reading}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setReading(e.target.value)}
        />
      </label>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={props.busy}>
        Save corrected reading
      </button>
    </form>
  );
}
