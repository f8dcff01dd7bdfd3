import type { MeterFormProps } from './meter-change-draft.ts';
import { meterListStale } from './meter-refusals.ts';
import { focusProblem, type Outcome } from './use-form.ts';

/**
 * After a meter form's submit: a refusal puts focus on the problem (and reloads the list when
 * it is out of date); a success closes the form, reloads and announces `done`.
 */
export async function settleMeterChange(
  outcome: Outcome,
  form: HTMLFormElement,
  props: MeterFormProps,
  done: string,
): Promise<void> {
  if (!outcome.ok) {
    focusProblem(form);
    if (outcome.code !== null && meterListStale(outcome.code)) await props.changed(null);
    return;
  }
  props.done(null);
  await props.changed(done);
}
