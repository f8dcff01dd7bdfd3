import { useState, type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError, SelectField } from '../components/field.tsx';
import { formatDate, todayIso } from '../format.ts';
import { units } from '../reads/units.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { FormButtons } from './controls.tsx';
import {
  emptyFinals,
  finalKey,
  isRegisterKind,
  meterChecks,
  meterFieldOf,
  valueAt,
  type MeterFormProps,
  type MeterValues,
} from './meter-change-draft.ts';
import { explained } from './meter-refusals.ts';
import { MeterDateField } from './new-register-fields.tsx';
import { enteredReadNotice } from './re-read-notice.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { problemsOf, useForm } from './use-form.ts';

const sources = [
  { value: 'customer', label: 'Reported by the customer' },
  { value: 'field', label: 'Read in the field' },
] as const;

/**
 * Enter one read by hand (POST /api/meters/:meterNumber/reads, BIL-1): a reading the customer
 * reports by phone, or one a crew or an agent took. It is validated like an imported read:
 * accepted, or held for review with the reason the notice names.
 */
export function ManualReadForm(props: MeterFormProps & { readonly meter: AccountMeter }) {
  const { meter } = props;
  const [register, setRegister] = useState(meter.registers[0]?.kind ?? '');
  const f = useForm<MeterValues>(
    { date: todayIso(), source: 'customer', ...emptyFinals(meter.registers) },
    (v) =>
      problemsOf({
        date: meterChecks.date(valueAt(v, 'date')),
        [finalKey(register)]: meterChecks.reading(valueAt(v, finalKey(register))),
      }),
  );
  const reg = meter.registers.find((r) => r.kind === register);
  const last = reg?.reads.find((x) => x.status === 'accepted');

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    if (!isRegisterKind(register)) return;
    const reading = valueAt(v, finalKey(register));
    const source = valueAt(v, 'source') === 'field' ? 'field' : 'customer';
    let result: { status: 'accepted' | 'held'; holdReason: string | null } | undefined;
    const r = await f.submit(async () => {
      const sent = await explained(
        api.POST('/api/meters/{meterNumber}/reads', {
          params: { path: { meterNumber: meter.meterNumber } },
          body: { readDate: valueAt(v, 'date'), reading, register, source },
        }),
      );
      result = sent.data;
      return sent;
    }, meterFieldOf);
    const entered = { register, reading, date: formatDate(valueAt(v, 'date')) };
    await settleMeterChange(
      r,
      form,
      props,
      result ? enteredReadNotice(meter.meterNumber, entered, result) : 'Read entered.',
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <MeterDateField form={f} label="Read date" />
      <SelectField
        label="Source"
        value={f.values['source'] ?? 'customer'}
        onChange={(value) => f.set('source', value)}
        options={sources}
      />
      {meter.registers.length > 1 ? (
        <SelectField
          label="Register"
          value={register}
          onChange={setRegister}
          options={meter.registers.map((x) => ({ value: x.kind, label: x.kind }))}
        />
      ) : null}
      <Field
        label={`Reading (${register})`}
        inputMode="decimal"
        value={f.values[finalKey(register)] ?? ''}
        error={f.error(finalKey(register))}
        hint={last ? `Last read ${units(last.value)} on ${formatDate(last.readDate)}` : null}
        onChange={(e) => f.set(finalKey(register), e.target.value)}
      />
      <FormButtons submit="Enter read" busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
