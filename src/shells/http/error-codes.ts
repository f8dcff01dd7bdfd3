/**
 * The one table that maps result codes to HTTP statuses (style.md §18), and its twin for
 * CLI exit codes. A code not listed is a refused business rule: 422 Unprocessable.
 * Codes are public API: rename only with a deprecation.
 */
export const codeToStatus: Readonly<Record<string, number>> = {
  // generic
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  // staff and sessions
  invalid_credentials: 401,
  login_throttled: 429,
  user_disabled: 403,
  username_taken: 409,
  user_not_found: 404,
  wrong_current_password: 422,
  last_active_admin: 409,
  api_token_not_found: 404,
  too_many_api_tokens: 422,
  // idempotency and concurrency
  idempotency_key_reused: 409,
  duplicate_source_ref: 409,
  already_reversed: 409,
  stale_version: 409,
  // ledger
  unbalanced_entry: 422,
  unknown_gl_account: 422,
  cannot_reverse_reversal: 422,
  // customers
  account_not_found: 404,
  customer_not_found: 404,
  premise_not_found: 404,
  agreement_not_found: 404,
  account_closed: 422,
  service_already_active: 409,
  service_not_active: 422,
  fraud_signal_blocks: 422,
  identity_not_verified: 422,
  due_day_not_allowed: 422,
  status_already_set: 409,
  status_not_set: 409,
  contact_not_found: 404,
  account_customer_mismatch: 422,
  account_deceased: 422,
  service_not_available: 422,
  stop_before_start: 422,
  stop_before_billed_through: 409,
  fraud_override_not_permitted: 403,
  deposit_not_accepted: 422,
  certificate_expiry_too_far: 422,
  premise_has_landlord: 409,
  fee_posting_failed: 500, // the ledger refused fees built from fee_schedule: configuration bug
  // rates
  fee_not_found: 422,
  unknown_schedule: 404,
  version_not_after_latest: 409,
  meter_size_required: 422,
  unknown_meter_size: 422,
  winter_average_required: 422,
  demand_required: 422,
  container_required: 422,
  bad_period: 422,
  no_version_in_effect: 422,
  // metering
  file_already_imported: 409,
  file_rejected: 422,
  meter_not_found: 404,
  meter_number_taken: 409,
  meter_already_installed: 409,
  meter_not_installed: 409,
  read_missing: 400,
  read_not_found: 404,
  read_not_held: 409,
  read_already_reviewed: 409,
  not_a_hydrant_meter: 422,
  // remittance (payments, PAY-5)
  file_malformed: 422,
  unknown_layout: 400,
  unapplied_cash_resolved: 409,
  // field
  service_order_not_found: 404,
  service_order_closed: 409,
  re_read_needs_reading: 422,
  order_takes_no_reading: 422,
  duplicate_register: 422,
  // billing
  bill_run_active: 409,
  bill_run_lease_lost: 409,
  bill_run_not_found: 404,
  already_billed: 409,
  no_read: 422,
  held_read: 422,
  missing_rate: 422,
  // billing: high bill (BIL-8), budget billing (BIL-9)
  agreement_has_no_meter: 422,
  leak_check_water_only: 422,
  budget_already_enrolled: 409,
  budget_not_enrolled: 409,
  budget_residential_only: 422,
  budget_outside_window: 422,
  budget_removed_this_window: 422,
  budget_history_too_short: 422,
  budget_balance_unpaid: 422,
  budget_hold_empty: 422,
  budget_hold_too_long: 422,
  budget_hold_before_start: 422,
  // billing: seasonal hold (BIL-9)
  hold_not_found: 404,
  hold_cancelled: 409,
  hold_overlaps: 409,
  hold_started: 409,
  hold_not_started: 409,
  hold_over: 409,
  account_not_active: 409,
  // billing: adjustments, cancel/rebill, late fees (BIL-6, BIL-7)
  bill_not_found: 404,
  bill_cancelled: 409,
  bill_already_cancelled: 409,
  bill_not_latest: 409,
  bill_line_not_found: 404,
  unknown_reason_code: 422,
  adjustment_exceeds_line: 422,
  adjustment_not_found: 404,
  adjustment_not_pending: 409,
  own_adjustment: 403,
  over_approval_limit: 403,
  nothing_to_rebill: 422,
  // payments (PAY-1)
  payment_not_found: 404,
  cash_only_account: 422,
  card_declined: 402,
  gateway_timeout: 504,
  // cashiering (PAY-2 … PAY-4)
  drawer_not_found: 404,
  drawer_already_open: 409,
  drawer_not_open: 409,
  drawer_not_closed: 409,
  drawer_not_verified: 409,
  drawer_self_verification: 403,
  city_receivable_not_found: 404,
  deposit_not_found: 404,
  window_transaction_not_found: 404,
  window_transaction_voided: 409,
  // ACH, returns, transfers, refunds (PAY-6 … PAY-9)
  autopay_not_enrolled: 404,
  autopay_already_enrolled: 409,
  already_returned: 409,
  same_account: 422,
  nothing_to_refund: 422,
  refund_exceeds_available: 422,
  nacha_malformed: 422,
  not_a_return_file: 422,
};

export function statusForCode(code: string): number {
  return codeToStatus[code] ?? 422;
}

/** CLI exit codes, sysexits-style: 0 ok, 64 usage/invalid, 65 data refused, 69 unavailable,
 * 70 internal bug, 75 temporary (locked, throttled), 1 for a failed check. */
export function exitCodeForCode(code: string): number {
  const status = statusForCode(code);
  if (status === 400) return 64;
  if (status === 401 || status === 403) return 77;
  if (status === 404) return 66;
  if (status === 409 || status === 429) return 75;
  if (status >= 500) return 70;
  return 65;
}
