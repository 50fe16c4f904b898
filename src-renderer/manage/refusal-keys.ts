import type { MessageKey } from '../i18n';

/**
 * The server's refusals the back office shows, by code, in the manager's language. The
 * server's own sentence (English) carries names, ids and numbers, so English readers get it
 * as sent; a Ukrainian or Chinese reader gets this catalog's sentence for the code, which
 * says the same without the particulars. A code not listed here is shown as sent.
 * `…_pin`: the PIN sign-in's wording of a sign-in refusal.
 */
export const REFUSAL_KEY: Readonly<Record<string, MessageKey>> = {
  sign_in_refused: 'manage.refusal.sign_in_refused',
  sign_in_refused_pin: 'manage.refusal.sign_in_refused_pin',
  sign_in_locked: 'manage.refusal.sign_in_locked',
  sign_in_locked_pin: 'manage.refusal.sign_in_locked_pin',
  read_only: 'manage.refusal.read_only',
  customer_not_found: 'manage.refusal.customer_not_found',
  customer_erased: 'manage.refusal.customer_erased',
  confirmation_mismatch: 'manage.refusal.confirmation_mismatch',
  rate_limited: 'manage.refusal.rate_limited',
  invalid_period: 'manage.refusal.invalid_period',
  invalid_range: 'manage.refusal.invalid_range',
  range_too_long: 'manage.refusal.range_too_long',
  already_resolved: 'manage.refusal.already_resolved',
  exception_not_found: 'manage.refusal.exception_not_found',
  performance_not_found: 'manage.refusal.performance_not_found',
  already_started: 'manage.refusal.already_started',
  already_cancelled: 'manage.refusal.already_cancelled',
  same_start: 'manage.refusal.same_start',
  start_in_past: 'manage.refusal.start_in_past',
  policy_not_found: 'manage.refusal.policy_not_found',
  invalid_policy: 'manage.refusal.invalid_policy',
  staff_id_taken: 'manage.refusal.staff_id_taken',
  staff_locked: 'manage.refusal.staff_locked',
  staff_not_found: 'manage.refusal.staff_not_found',
  nothing_to_change: 'manage.refusal.nothing_to_change',
  pin_required: 'manage.refusal.pin_required',
  invalid_pin: 'manage.refusal.invalid_pin',
  terminal_not_found: 'manage.refusal.terminal_not_found',
  no_catalog: 'manage.refusal.no_catalog',
  webhook_url_invalid: 'manage.refusal.webhook_url_invalid',
  webhook_url_scheme: 'manage.refusal.webhook_url_scheme',
  webhook_url_credentials: 'manage.refusal.webhook_url_credentials',
  webhook_secret_length: 'manage.refusal.webhook_secret_length',
  cash_code_valid: 'manage.refusal.cash_code_valid',
  cash_code_paid: 'manage.refusal.cash_code_paid',
  no_cash_code: 'manage.refusal.no_cash_code',
};
