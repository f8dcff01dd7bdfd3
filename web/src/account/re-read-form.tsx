import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { Field, FormError } from '../components/field.tsx';
import { todayIso } from '../format.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { FormButtons } from './controls.tsx';
import { FinalReadingFields } from './final-reading-fields.tsx';
import {
  emptyFinals,
  finalKey,
  finalProblems,
  isRegisterKind,
  meterChecks,
  meterFieldOf,
  valueAt,
  type MeterFormProps,
  type MeterValues,
} from './meter-change-draft.ts';
import { explained } from './meter-refusals.ts';
import { MeterDateField } from './new-register-fields.tsx';
import { reReadNotice, type ReReadDone } from './re-read-notice.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { problemsOf, useForm } from './use-form.ts';

/**
 * Record the crew's reading on its order (POST /api/service-orders/:orderId/reads): the date
 * and the reading of each register, and a note. On a re-read the server confirms or corrects
 * the held read the crew was sent to check; on a turn-on, turn-off or move read the reading
 * is validated like any read. The order is completed; the notice says what happened.
 */
export function ReReadForm(
  props: MeterFormProps & {
    readonly meter: AccountMeter;
    readonly orderId: number;
    /** A re-read (default), or another order that reads the meter. */
    readonly reRead?: boolean;
  },
) {
  const { meter, orderId } = props;
  const reRead = props.reRead ?? true;
  const submitLabel = reRead ? 'Record re-read' : 'Record reading';
  const f = useForm<MeterValues>(
    { date: todayIso(), note: '', ...emptyFinals(meter.registers) },
    (v) =>
      problemsOf({
        date: meterChecks.date(valueAt(v, 'date')),
        note: valueAt(v, 'note').length > 500 ? 'At most 500 characters.' : null,
        ...finalProblems(v, meter.registers),
      }),
  );

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const v = f.values;
    let answer: ReReadDone | undefined;
    const note = valueAt(v, 'note');
    const r = await f.submit(async () => {
      const sent = await explained(
        api.POST('/api/service-orders/{orderId}/reads', {
          params: { path: { orderId } },
          body: {
            readDate: valueAt(v, 'date'),
            readings: meter.registers
              .map((x) => x.kind)
              .filter(isRegisterKind)
              .map((register) => ({ register, reading: valueAt(v, finalKey(register)) })),
            ...(note ? { note } : {}),
          },
        }),
      );
      answer = sent.data;
      return sent;
    }, meterFieldOf);
    await settleMeterChange(
      r,
      form,
      props,
      answer
        ? reReadNotice(meter.meterNumber, answer, reRead ? 'Re-read' : 'Reading')
        : `Reading of order ${orderId} recorded.`,
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <MeterDateField form={f} label="Read date" />
      <FinalReadingFields form={f} meter={meter} what={reRead ? 'Re-read' : 'Field'} />
      <Field
        label="Note (optional)"
        value={f.values['note'] ?? ''}
        error={f.error('note')}
        onChange={(e) => f.set('note', e.target.value)}
      />
      <FormButtons submit={submitLabel} busy={f.busy} onCancel={() => props.done(null)} />
    </form>
  );
}
