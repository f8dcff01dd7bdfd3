import { Field, SelectField } from '../components/field.tsx';
import { registerKinds, regKey, type MeterValues } from './meter-change-draft.ts';
import type { useForm } from './use-form.ts';

/** The part of a meter form's state the field groups use. */
export type MeterForm = Pick<ReturnType<typeof useForm<MeterValues>>, 'values' | 'set' | 'error'>;

const kindLabels: Readonly<Record<string, string>> = {
  gallon: 'Gallons (water)',
  kwh: 'kWh (energy)',
  therm: 'Therms (gas)',
  kw: 'kW (demand)',
};

/** One group of fields per register of a new meter: kind, dials, multiplier, first reading. */
export function NewRegisterFields(props: { readonly form: MeterForm; readonly count: number }) {
  const f = props.form;
  const field = (i: number, name: 'dials' | 'multiplier' | 'initialReading') => ({
    value: f.values[regKey(i, name)] ?? '',
    error: f.error(regKey(i, name)),
    onChange: (e: { target: { value: string } }) => f.set(regKey(i, name), e.target.value),
  });
  return (
    <>
      {Array.from({ length: props.count }, (_, i) => (
        <fieldset key={i} className="acct-fieldset meter-register">
          <legend>{props.count > 1 ? `New register ${i + 1}` : 'New register'}</legend>
          <div className="row">
            <SelectField
              label="Kind"
              value={f.values[regKey(i, 'kind')] ?? 'gallon'}
              error={f.error(regKey(i, 'kind'))}
              onChange={(v) => f.set(regKey(i, 'kind'), v)}
              options={registerKinds.map((k) => ({ value: k, label: kindLabels[k] ?? k }))}
            />
            <Field
              label="Dials"
              className="acct-short"
              inputMode="numeric"
              {...field(i, 'dials')}
            />
            <Field
              label="Multiplier"
              className="acct-short"
              inputMode="decimal"
              {...field(i, 'multiplier')}
            />
            <Field label="Initial reading" inputMode="decimal" {...field(i, 'initialReading')} />
          </div>
        </fieldset>
      ))}
    </>
  );
}

/** A new meter's number (upper-cased as typed) and size, for the install and exchange forms. */
export function MeterNumberAndSize(props: {
  readonly form: MeterForm;
  readonly numberLabel: string;
}) {
  const f = props.form;
  return (
    <>
      <Field
        label={props.numberLabel}
        value={f.values['meterNumber'] ?? ''}
        error={f.error('meterNumber')}
        onChange={(e) => f.set('meterNumber', e.target.value.toUpperCase())}
        autoComplete="off"
        maxLength={30}
      />
      <Field
        label="Size (inches)"
        className="acct-short"
        value={f.values['size'] ?? ''}
        error={f.error('size')}
        hint="e.g. 3/4"
        onChange={(e) => f.set('size', e.target.value)}
        maxLength={8}
      />
    </>
  );
}

/** The date of an install, exchange or removal. */
export function MeterDateField(props: { readonly form: MeterForm; readonly label: string }) {
  const f = props.form;
  return (
    <Field
      label={props.label}
      type="date"
      value={f.values['date'] ?? ''}
      error={f.error('date')}
      onChange={(e) => f.set('date', e.target.value)}
    />
  );
}
