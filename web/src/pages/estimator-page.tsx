import { useEffect, useMemo, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { FormError } from '../components/field.tsx';
import { EstimateResult } from '../estimator/estimate-result.tsx';
import { EstimatorForm } from '../estimator/estimator-form.tsx';
import {
  checkInputs,
  defaultMeterSize,
  defaultPeriod,
  type EstimatorInputs,
  type FieldErrors,
  type ScheduleInfo,
} from '../estimator/estimator-inputs.ts';
import { estimateBody, useEstimate } from '../estimator/use-estimate.ts';
import { formatCents, todayIso } from '../format.ts';
import '../estimator/estimator.css';

const fieldNames = new Set<string>([
  'schedule',
  'usage',
  'from',
  'to',
  'meterSize',
  'winterAverageKgal',
  'demandKw',
  'senior',
]);

function initialInputs(): EstimatorInputs {
  return {
    schedule: '',
    usage: '',
    ...defaultPeriod(todayIso()),
    meterSize: defaultMeterSize,
    winterAverageKgal: '',
    demandKw: '',
    senior: false,
  };
}

/** The schedules the estimator offers, or the message why they could not be loaded. */
function useSchedules(): { readonly list: readonly ScheduleInfo[]; readonly error: string | null } {
  const [list, setList] = useState<readonly ScheduleInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api.GET('/api/rates/schedules').then(({ data, error: e, response }) => {
      if (!current) return;
      if (data) setList(data.schedules);
      else setError(apiError(e, response.status).message);
    });
    return () => {
      current = false;
    };
  }, []);
  return { list, error };
}

/** Bill estimator (BIL-10): "what would my bill be at X kWh?", recalculated as inputs change. */
export function EstimatorPage() {
  const schedules = useSchedules();
  const [inputs, setInputs] = useState<EstimatorInputs>(initialInputs);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const schedule = schedules.list.find((s) => s.code === inputs.schedule);
  const clientErrors = checkInputs(inputs, schedule);
  const ready = schedule !== undefined && Object.keys(clientErrors).length === 0;
  const body = useMemo(
    () => (ready && schedule ? estimateBody(inputs, schedule) : null),
    [ready, schedule, inputs],
  );
  const state = useEstimate(body);

  // Client checks show once a field was edited; server refusals show by field, or above.
  const shown: Partial<Record<keyof EstimatorInputs, string>> = {};
  for (const [k, v] of Object.entries(clientErrors)) {
    if (touched.has(k)) shown[k as keyof EstimatorInputs] = v;
  }
  let formError: string | null = schedules.error;
  if (state.kind === 'refused') {
    const fields = state.error.fields ?? {};
    for (const [k, v] of Object.entries(fields)) {
      if (fieldNames.has(k)) shown[k as keyof EstimatorInputs] = v;
    }
    if (!Object.keys(fields).some((k) => fieldNames.has(k))) formError = state.error.message;
  }
  const errors: FieldErrors = shown;

  function change(patch: Partial<EstimatorInputs>) {
    setInputs((i) => ({ ...i, ...patch }));
    setTouched((t) => new Set([...t, ...Object.keys(patch)]));
  }

  const estimate =
    state.kind === 'done' ? state.estimate : state.kind === 'loading' ? state.last : null;
  return (
    <section className="page">
      <h1>Bill estimator</h1>
      <div className="estimator">
        <EstimatorForm
          schedules={schedules.list}
          schedule={schedule}
          inputs={inputs}
          errors={errors}
          onChange={change}
        />
        <section
          className="card"
          aria-labelledby="estimate-heading"
          aria-busy={state.kind === 'loading'}
        >
          <h2 id="estimate-heading">Estimate</h2>
          <FormError message={formError} />
          <p className="estimate-total" aria-live="polite" aria-atomic="true">
            {estimate && state.kind !== 'refused'
              ? `Total ${formatCents(estimate.totalCents)}`
              : null}
          </p>
          {estimate && state.kind !== 'refused' ? (
            <EstimateResult estimate={estimate} />
          ) : state.kind === 'idle' ? (
            <p className="muted">Choose a schedule and enter the usage to see the bill.</p>
          ) : null}
        </section>
      </div>
    </section>
  );
}
