import { useEffect, useState, type FormEvent } from 'react';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { todayIso } from '../format.ts';
import type { StartBody } from './use-bill-runs.ts';

const cycles = Array.from({ length: 16 }, (_, i) => ({
  value: String(i + 1),
  label: `Cycle ${i + 1}`,
}));

/** What "Fill in" on the cycles to bill puts in the form; a new object each time. */
export type RunPreset = { readonly cycle: number; readonly asOf: string };

/** Cycle, as-of date and dry run: what a supervisor gives to start a bill run. */
export function StartRunForm(props: {
  readonly preset: RunPreset | null;
  readonly busy: boolean;
  readonly error: string | null;
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly onStart: (body: StartBody) => void;
}) {
  const [cycle, setCycle] = useState('1');
  const [asOf, setAsOf] = useState(todayIso());
  const [dryRun, setDryRun] = useState(false);
  useEffect(() => {
    if (props.preset === null) return;
    setCycle(String(props.preset.cycle));
    setAsOf(props.preset.asOf);
  }, [props.preset]);
  const dateMissing = asOf.trim() === '' ? 'Enter the as-of date.' : undefined;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (dateMissing) return;
    props.onStart({ cycle: Number(cycle), asOf, ...(dryRun ? { dryRun: true } : {}) });
  }

  return (
    <form className="card bill-run-form" aria-labelledby="start-run-heading" onSubmit={submit}>
      <h2 id="start-run-heading">Start a bill run</h2>
      <FormError message={props.error} />
      <div className="row">
        <SelectField
          label="Cycle"
          value={cycle}
          onChange={setCycle}
          options={cycles}
          error={props.fieldErrors.cycle}
        />
        <Field
          label="As of"
          type="date"
          value={asOf}
          required
          onChange={(e) => setAsOf(e.target.value)}
          error={props.fieldErrors.asOf ?? dateMissing}
          hint="Reads dated up to this day are billed; the bills are dated today."
        />
      </div>
      <div className="checkbox">
        <input
          id="bill-run-dry"
          type="checkbox"
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
        />
        <label htmlFor="bill-run-dry">Dry run (report only, bill nothing)</label>
      </div>
      <button type="submit" className="primary" disabled={props.busy}>
        {dryRun ? 'Run dry run' : 'Start bill run'}
      </button>
    </form>
  );
}
