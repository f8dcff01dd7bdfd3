import { type FormEvent } from 'react';
import { api } from '../api/client.ts';
import { TextArea, FormError } from '../components/field.tsx';
import { FormButtons } from './controls.tsx';
import type { MeterFormProps } from './meter-change-draft.ts';
import { explained } from './meter-refusals.ts';
import { settleMeterChange } from './settle-meter-change.ts';
import { checks, problemsOf, useForm } from './use-form.ts';

/**
 * Complete a field order with what the crew found, or cancel it saying why
 * (POST /api/service-orders/:orderId/complete | cancel).
 */
export function OrderCloseForm(
  props: MeterFormProps & {
    readonly orderId: number;
    readonly what: string;
    readonly action: 'complete' | 'cancel';
  },
) {
  const { orderId, action } = props;
  const f = useForm({ result: '' }, (v) =>
    problemsOf({ result: checks.length(v.result, 1, 2000, 'This') }),
  );
  const url =
    action === 'complete'
      ? ('/api/service-orders/{orderId}/complete' as const)
      : ('/api/service-orders/{orderId}/cancel' as const);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const result = f.values.result.trim();
    const r = await f.submit(() =>
      explained(api.POST(url, { params: { path: { orderId } }, body: { result } })),
    );
    await settleMeterChange(
      r,
      form,
      props,
      `${props.what} order ${orderId} ${action === 'complete' ? 'completed' : 'cancelled'}.`,
    );
  }

  return (
    <form className="meter-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <FormError message={f.formError} />
      <TextArea
        label={action === 'complete' ? 'What the crew found' : 'Why it is cancelled'}
        rows={2}
        value={f.values.result}
        error={f.error('result')}
        onChange={(e) => f.set('result', e.target.value)}
      />
      <FormButtons
        submit={action === 'complete' ? 'Complete order' : 'Cancel order'}
        danger={action === 'cancel'}
        {...(action === 'cancel' ? { cancelLabel: 'Keep order' } : {})}
        busy={f.busy}
        onCancel={() => props.done(null)}
      />
    </form>
  );
}
