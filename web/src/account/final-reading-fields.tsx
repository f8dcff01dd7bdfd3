import { Field } from '../components/field.tsx';
import { formatDate } from '../format.ts';
import { units } from '../reads/units.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { finalKey } from './meter-change-draft.ts';
import type { MeterForm } from './new-register-fields.tsx';

/**
 * The final reading of each register of the meter coming out, with its latest accepted
 * read as the hint (a final reading below it is held for review as negative usage).
 */
export function FinalReadingFields(props: {
  readonly form: MeterForm;
  readonly meter: AccountMeter;
}) {
  const f = props.form;
  return (
    <fieldset className="acct-fieldset">
      <legend>Final reads of meter {props.meter.meterNumber}</legend>
      <div className="row">
        {props.meter.registers.map((r) => {
          const last = r.reads.find((x) => x.status === 'accepted');
          return (
            <Field
              key={r.kind}
              label={`Final reading (${r.kind})`}
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
