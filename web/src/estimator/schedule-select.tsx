import { useId } from 'react';
import { titleCase } from '../format.ts';
import { groupByService, type ScheduleInfo } from './estimator-inputs.ts';

/** The "Rate schedule" picker: one option group per service. */
export function ScheduleSelect(props: {
  readonly schedules: readonly ScheduleInfo[];
  readonly value: string;
  readonly onChange: (code: string) => void;
  readonly error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>Rate schedule</label>
      <select
        id={id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.value === '' ? <option value="">Choose a schedule…</option> : null}
        {groupByService(props.schedules).map((g) => (
          <optgroup key={g.service} label={titleCase(g.service)}>
            {g.schedules.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} — {s.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {props.error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}
