import { Field, SelectField } from '../components/field.tsx';
import {
  meterSizeOptions,
  needsDemand,
  needsMeterSize,
  needsWinterAverage,
  offersSenior,
  usageUnitWord,
  type EstimatorInputs,
  type FieldErrors,
  type ScheduleInfo,
} from './estimator-inputs.ts';
import { ScheduleSelect } from './schedule-select.tsx';

/** The estimator's inputs; extras appear only for the schedules that use them. */
export function EstimatorForm(props: {
  readonly schedules: readonly ScheduleInfo[];
  readonly schedule: ScheduleInfo | undefined;
  readonly inputs: EstimatorInputs;
  readonly errors: FieldErrors;
  readonly onChange: (patch: Partial<EstimatorInputs>) => void;
}) {
  const { inputs: i, errors, schedule: s, onChange } = props;
  const unit = s ? usageUnitWord(s.unit) : null;
  return (
    <form
      className="card estimator-inputs"
      aria-label="Estimate inputs"
      onSubmit={(e) => e.preventDefault()}
    >
      <ScheduleSelect
        schedules={props.schedules}
        value={i.schedule}
        onChange={(schedule) => onChange({ schedule })}
        error={errors.schedule}
      />
      {unit ? (
        <Field
          label={`Usage (${unit})`}
          inputMode="numeric"
          autoComplete="off"
          value={i.usage}
          maxLength={9}
          onChange={(e) => onChange({ usage: e.target.value })}
          error={errors.usage}
        />
      ) : null}
      <div className="row">
        <Field
          label="Period from"
          type="date"
          value={i.from}
          onChange={(e) => onChange({ from: e.target.value })}
          error={errors.from}
        />
        <Field
          label="Period to"
          type="date"
          value={i.to}
          onChange={(e) => onChange({ to: e.target.value })}
          error={errors.to}
        />
      </div>
      {needsMeterSize(s) ? (
        <SelectField
          label="Meter size"
          value={i.meterSize}
          options={meterSizeOptions}
          onChange={(meterSize) => onChange({ meterSize })}
          error={errors.meterSize}
        />
      ) : null}
      {needsWinterAverage(s) ? (
        <Field
          label="Winter average (kgal)"
          inputMode="numeric"
          autoComplete="off"
          value={i.winterAverageKgal}
          maxLength={6}
          hint="From the account's December–February water use."
          onChange={(e) => onChange({ winterAverageKgal: e.target.value })}
          error={errors.winterAverageKgal}
        />
      ) : null}
      {needsDemand(s) ? (
        <Field
          label="Demand (kW)"
          inputMode="numeric"
          autoComplete="off"
          value={i.demandKw}
          maxLength={6}
          hint="Billed only over 50 kW."
          onChange={(e) => onChange({ demandKw: e.target.value })}
          error={errors.demandKw}
        />
      ) : null}
      {offersSenior(s) ? (
        <div className={`field${errors.senior ? ' field-invalid' : ''}`}>
          <label className="estimator-check">
            <input
              type="checkbox"
              checked={i.senior}
              onChange={(e) => onChange({ senior: e.target.checked })}
            />
            Limited-income senior discount
          </label>
          {errors.senior ? (
            <div className="field-error" role="alert">
              {errors.senior}
            </div>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
