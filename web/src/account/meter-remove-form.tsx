import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { FormError } from '../components/field.tsx';
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
import { explained } from './meter-refusals.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { MeterDateField } from './new-register-fields.tsx';
import { problemsOf, useForm } from './use-form.ts';

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
    await settleMeterChange(
      r,
      form,
      props,
      `Meter ${meter.meterNumber} removed on ${formatDate(valueAt(v, 'date'))}.`,
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <MeterDateField form={f} label="Removal date" />
      <FinalReadingFields form={f} meter={meter} />
      <FormButtons submit="Remove meter" danger busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
