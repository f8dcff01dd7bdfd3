import { Field } from '../components/field.tsx';
import { formatDate } from '../format.ts';
import { units } from '../reads/units.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { finalKey } from './meter-change-draft.ts';
import type { MeterForm } from './new-register-fields.tsx';

/**
 * The final reading of each register of the meter coming out (or, with `what`, the reading
 * a re-read took), with its latest accepted read as the hint (a reading below it is held for
 * review as negative usage).
 */
export function FinalReadingFields(props: {
  readonly form: MeterForm;
  readonly meter: AccountMeter;
  /** 'Final' (default), 'Re-read', or 'Field' (a turn-on, turn-off or move read). */
  readonly what?: 'Final' | 'Re-read' | 'Field';
}) {
  const f = props.form;
  const what = props.what ?? 'Final';
  return (
    <fieldset className="acct-fieldset">
      <legend>
        {what} reads of meter {props.meter.meterNumber}
      </legend>
      <div className="row">
        {props.meter.registers.map((r) => {
          const last = r.reads.find((x) => x.status === 'accepted');
          return (
            <Field
              key={r.kind}
              label={`${what} reading (${r.kind})`}
              inputMode="decimal"
              value={f.values[finalKey(r.kind)] ?? ''}
              error={f.error(finalKey(r.kind))}
              hint={last ? `Last read ${units(last.value)} on ${formatDate(last.readDate)}` : null}
              onChange={(e) => f.set(finalKey(r.kind), e.target.value)}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
