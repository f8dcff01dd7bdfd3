import { apiError, type ApiError } from '../api/client.ts';
import { finalKey } from './meter-change-draft.ts';

/**
 * The API's refusals of a meter install, exchange or removal in the clerk's words, put on
 * the field they concern (form keys of meter-change-draft.ts) where there is one. The API
 * names most of them by code with a terse detail: `meter_number_taken` "W100",
 * `read_out_of_order` "gallon 2026-11-10".
 */
export function explainMeterRefusal(e: ApiError): ApiError {
  const detail = e.message;
  const kind = detail.split(' ')[0] ?? '';
  const on = (field: string, message: string): ApiError => ({
    code: e.code,
    message,
    fields: { ...e.fields, [field]: message },
  });
  switch (e.code) {
    case 'meter_number_taken':
      return on('meterNumber', `Meter number ${detail} is already in use: check the new meter.`);
    case 'read_out_of_order':
      return on(
        'date',
        `The meter already has a ${kind} read on or after this date: a new read must come after the latest one.`,
      );
    case 'read_missing':
      return on(finalKey(detail.split(' ')[1] ?? ''), 'Enter the final reading.');
    case 'reading_exceeds_dials':
      return /^\w+ \d{4}-\d{2}-\d{2}$/.test(detail)
        ? on(finalKey(kind), 'This reading has more digits than the register’s dials.')
        : { ...e, message: 'An initial reading has more digits than its register’s dials.' };
    case 'meter_already_installed':
      return {
        ...e,
        message:
          'The premise already has an installed meter for this service: exchange it instead.',
      };
    case 'meter_not_installed':
    case 'meter_not_found':
      return {
        ...e,
        message: `Meter ${detail} is no longer installed: someone removed or exchanged it. The list now shows the latest meters.`,
      };
    case 'premise_not_found':
      return { ...e, message: 'The premise no longer exists.' };
    case 'read_outside_meter_dates':
      return on('date', 'The meter was not installed on this date.');
    case 'service_order_closed':
    case 'service_order_not_found':
      return {
        ...e,
        message:
          'This order is no longer open: someone completed or cancelled it. The list now shows the open orders.',
      };
    default:
      return e;
  }
}

/** Whether the section should reload after this refusal (its meter list is out of date). */
export function meterListStale(code: string): boolean {
  return (
    code === 'meter_not_installed' ||
    code === 'meter_not_found' ||
    code === 'meter_already_installed' ||
    code === 'service_order_closed' ||
    code === 'service_order_not_found'
  );
}

/** An API answer with its refusal explained, for `useForm().submit`. */
export async function explained<
  T extends { readonly error?: unknown; readonly response: Response },
>(sent: Promise<T>): Promise<T> {
  const r = await sent;
  if (!r.error) return r;
  return { ...r, error: { error: explainMeterRefusal(apiError(r.error, r.response.status)) } };
}
