import type { ApiError } from '../api/client.ts';

/** Plain sentences for refusals whose server detail is terse or absent. */
const messages: Readonly<Record<string, string>> = {
  deposit_not_accepted: 'A deposit is required: tick “Customer accepts the deposit” first.',
  fraud_override_not_permitted: 'Your role cannot override fraud signals; ask a CSR II or above.',
  service_not_active: 'None of the chosen services is active on this account.',
  premise_not_found: 'That premise no longer exists; pick the address again.',
  account_not_found: 'That account no longer exists; search again.',
  customer_not_found: 'That customer no longer exists; search again.',
  fee_not_found: 'No fee schedule covers that date (configuration); try another date.',
};

export function friendlyMessage(error: ApiError): string {
  const known = messages[error.code];
  if (known) return known;
  if (error.code === 'fraud_signal_blocks') return `Blocked by a fraud signal: ${error.message}.`;
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}
