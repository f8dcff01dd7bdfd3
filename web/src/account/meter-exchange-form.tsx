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
  registerProblems,
  registersBody,
  registersLike,
  registerValues,
  valueAt,
  type MeterFormProps,
  type MeterValues,
} from './meter-change-draft.ts';
import { explained } from './meter-refusals.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { MeterDateField, MeterNumberAndSize, NewRegisterFields } from './new-register-fields.tsx';
import { RegisterRowButtons, useRegisterRows } from './register-rows.tsx';
import { problemsOf, useForm } from './use-form.ts';

/**
 * Exchange an installed meter (POST /api/meters/:meterNumber/exchange): the date, the final
 * reading of each register, and the replacement — number, size, and its registers, which
 * start as copies of the old meter's (same kinds, dials, multipliers) at reading 0; the new
 * meter may have more or fewer registers (e.g. a demand register added).
 */
export function MeterExchangeForm(props: MeterFormProps & { readonly meter: AccountMeter }) {
  const { meter } = props;
  const rows = useRegisterRows(meter.service, meter.registers.length);
  const { count } = rows;
  const f = useForm<MeterValues>(
    {
      date: todayIso(),
      ...emptyFinals(meter.registers),
      meterNumber: '',
      size: meter.size ?? '',
      ...registerValues(registersLike(meter.registers)),
    },
    (v) => {
      const newNumber = valueAt(v, 'meterNumber');
      return problemsOf({
        date: meterChecks.date(valueAt(v, 'date')),
        ...finalProblems(v, meter.registers),
        meterNumber:
          meterChecks.meterNumber(newNumber) ??
          (newNumber === meter.meterNumber ? 'The new meter has its own number.' : null),
        size: meterChecks.size(valueAt(v, 'size')),
        ...registerProblems(v, count),
      });
    },
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    const newNumber = valueAt(v, 'meterNumber');
    const size = valueAt(v, 'size');
    const r = await f.submit(
      () =>
        explained(
          api.POST('/api/meters/{meterNumber}/exchange', {
            params: { path: { meterNumber: meter.meterNumber } },
            body: {
              exchangedOn: valueAt(v, 'date'),
              finalReadings: finalReadingsBody(
                v,
                meter.registers.map((x) => x.kind),
              ),
              replacement: {
                meterNumber: newNumber,
                ...(size === '' ? {} : { size }),
                registers: registersBody(v, count),
              },
            },
          }),
        ),
      meterFieldOf,
    );
    await settleMeterChange(
      r,
      form,
      props,
      `Meter ${meter.meterNumber} exchanged for ${newNumber} on ${formatDate(valueAt(v, 'date'))}.`,
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <MeterDateField form={f} label="Exchange date" />
      <FinalReadingFields form={f} meter={meter} />
      <fieldset className="acct-fieldset">
        <legend>Replacement meter</legend>
        <div className="row">
          <MeterNumberAndSize form={f} numberLabel="New meter number" />
        </div>
        <NewRegisterFields form={f} count={count} />
        <RegisterRowButtons rows={rows} form={f} />
      </fieldset>
      <FormButtons submit="Exchange meter" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
