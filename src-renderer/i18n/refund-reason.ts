import type { RefundReasonCode } from '../../shared/journal/entry-types';
import type { MessageKey } from './catalogs/en';

/**
 * A refund reason's ONE staff name (`refundReason.<code>`): the till's reason picker, the back
 * office's day report, Refunds page and chart, the Requests page all name a reason with it, and
 * tests/unit/refund-reason-words.test.ts holds it equal to the slips' word (shared/slips/labels-*),
 * so a manager matching a printed voucher to a report reads the same words. Only the customer's
 * own request page words the choice in the first person (`request.reason.<code>`).
 */
const REASON_KEYS: Readonly<Record<RefundReasonCode, MessageKey>> = {
  customer_request: 'refundReason.customer_request',
  performance_cancelled: 'refundReason.performance_cancelled',
  performance_postponed: 'refundReason.performance_postponed',
  duplicate_purchase: 'refundReason.duplicate_purchase',
  wrong_ticket: 'refundReason.wrong_ticket',
  accessibility: 'refundReason.accessibility',
  venue_issue: 'refundReason.venue_issue',
  other: 'refundReason.other',
};

/** The key naming a stored reason code; a code this build does not know reads as "Other". */
export function refundReasonKey(code: string): MessageKey {
  return Object.hasOwn(REASON_KEYS, code)
    ? REASON_KEYS[code as RefundReasonCode]
    : REASON_KEYS.other;
}
