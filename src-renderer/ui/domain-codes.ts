import type { CommandErrorCode } from '../../shared/commands/types';
import type { ReasonCode } from '../../shared/refund-policy/reasons';
import type { StoreErrorCode } from '../store/errors';

/**
 * Every code the domain and the store can hand the UI. Written as `Record<Code, true>` so the
 * compiler fails here when shared/ adds a code (and the catalog test then fails until all
 * three languages have a message for it): a cashier never sees a raw code.
 */
const REASONS: Record<ReasonCode, true> = {
  window_full: true,
  window_partial: true,
  window_closed: true,
  performance_started: true,
  performance_cancelled: true,
  performance_postponed: true,
  tier_non_refundable: true,
  ticket_used: true,
  ticket_already_refunded: true,
  ticket_refunded_online: true,
  ticket_voided: true,
  ticket_exchanged: true,
  currency_mismatch: true,
  override_after_deadline: true,
  fee_percent: true,
  fee_fixed_per_ticket: true,
  fee_order_share: true,
  fees_waived: true,
  fee_exceeds_refund: true,
  booking_fee_returned: true,
  booking_fee_kept: true,
  approval_required: true,
  cash_only_for_cash_purchases: true,
  cash_limit: true,
  cash_paid_less: true,
  cash_not_allowed: true,
  original_tender_not_allowed: true,
  original_tender_exhausted: true,
  voucher_bonus: true,
  voucher_not_allowed: true,
};

/** Codes of main's staff methods (shared/ipc/staff.ts) a screen shows: PINs and approvals. */
type StaffErrorCode = 'unknown_staff' | 'locked' | 'wrong_pin' | 'invalid_pin' | 'approval_invalid';

const COMMAND_ERRORS: Record<CommandErrorCode | StaffErrorCode, true> = {
  invalid_argument: true,
  training_mismatch: true,
  card_number_rejected: true,
  currency_mismatch: true,
  not_logged_in: true,
  forbidden: true,
  approval_required: true,
  shift_not_open: true,
  shift_already_open: true,
  invalid_state: true,
  not_found: true,
  sales_closed: true,
  sold_out: true,
  limit_exceeded: true,
  underpaid: true,
  overpaid: true,
  not_refundable: true,
  not_exchangeable: true,
  signing_failed: true,
  unknown_staff: true,
  locked: true,
  wrong_pin: true,
  invalid_pin: true,
  approval_invalid: true,
};

const STORE_ERRORS: Record<StoreErrorCode, true> = {
  storage_full: true,
  not_strict: true,
  conflict: true,
  unavailable: true,
  version_conflict: true,
  constraint: true,
  aborted: true,
  projection_failed: true,
  io_error: true,
  invalid_argument: true,
  clock_behind: true,
  records_damaged: true,
};

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];
export const COMMAND_ERROR_CODES = Object.keys(COMMAND_ERRORS) as (
  CommandErrorCode | StaffErrorCode
)[];
export const STORE_ERROR_CODES = Object.keys(STORE_ERRORS) as StoreErrorCode[];

/** The catalog key of every domain/store code: all must exist in every language. */
export function domainMessageKeys(): string[] {
  return [
    ...REASON_CODES.map((c) => `reason.${c}`),
    ...COMMAND_ERROR_CODES.map((c) => `error.${c}`),
    ...STORE_ERROR_CODES.map((c) => `storage.${c}`),
  ];
}
