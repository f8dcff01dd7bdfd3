import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { formatDate, todayIso } from '../format.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { FormButtons } from './controls.tsx';
import { FinalReadingFields } from './final-reading-fields.tsx';
import {
  emptyFinals,
  finalProblems,
  finalReadingsBody,
  meterChecks,
  meterFieldOf,
  valueAt,
  type MeterFormProps,
  type MeterValues,
} from './meter-change-draft.ts';
import { explained, meterListStale } from './meter-refusals.ts';
import { focusProblem, problemsOf, useForm } from './use-form.ts';

/**
 * Remove an installed meter with no replacement (POST /api/meters/:meterNumber/remove): the
 * date and the final reading of each register. The service keeps naming the removed meter.
 */
export function MeterRemoveForm(props: MeterFormProps & { readonly meter: AccountMeter }) {
  const { meter } = props;
  const f = useForm<MeterValues>({ date: todayIso(), ...emptyFinals(meter.registers) }, (v) =>
    problemsOf({
      date: meterChecks.date(valueAt(v, 'date')),
      ...finalProblems(v, meter.registers),
    }),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    const r = await f.submit(
      () =>
        explained(
          api.POST('/api/meters/{meterNumber}/remove', {
            params: { path: { meterNumber: meter.meterNumber } },
            body: {
              removedOn: valueAt(v, 'date'),
              finalReadings: finalReadingsBody(
                v,
                meter.registers.map((x) => x.kind),
              ),
            },
          }),
        ),
      meterFieldOf,
    );
    if (!r.ok) {
      focusProblem(form);
      if (r.code !== null && meterListStale(r.code)) await props.changed(null);
      return;
    }
    props.done(null);
    await props.changed(`Meter ${meter.meterNumber} removed on ${formatDate(valueAt(v, 'date'))}.`);
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <Field
        label="Removal date"
        type="date"
        value={f.values['date'] ?? ''}
        error={f.error('date')}
        onChange={(e) => f.set('date', e.target.value)}
      />
      <FinalReadingFields form={f} meter={meter} />
      <FormButtons submit="Remove meter" danger busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
