import type { RefundReasonCode } from '../journal/entry-types';

/**
 * The refund reason's byte in a cash code (version 2, offset 60). Written out, not the index
 * in REFUND_REASONS: a code printed today must read the same after the list is reordered or
 * grows. A `Record` over every reason, so a new reason does not compile until it has a byte.
 * 0 is never written: a zeroed or blank byte is refused like any other unknown one.
 */
export const CASH_CODE_REASON_BYTES: Readonly<Record<RefundReasonCode, number>> = {
  customer_request: 1,
  performance_cancelled: 2,
  performance_postponed: 3,
  duplicate_purchase: 4,
  wrong_ticket: 5,
  accessibility: 6,
  venue_issue: 7,
  other: 8,
};

const REASON_OF_BYTE: ReadonlyMap<number, RefundReasonCode> = new Map(
  Object.entries(CASH_CODE_REASON_BYTES).map(([reason, byte]) => [
    byte,
    reason as RefundReasonCode,
  ]),
);

/** The reason a byte names; null for a byte no reason has (never a default). */
export function cashCodeReasonOf(byte: number): RefundReasonCode | null {
  return REASON_OF_BYTE.get(byte) ?? null;
}

/** The byte a reason is written as; null for a string that is no refund reason. */
export function cashCodeReasonByte(reason: string): number | null {
  return Object.hasOwn(CASH_CODE_REASON_BYTES, reason)
    ? CASH_CODE_REASON_BYTES[reason as RefundReasonCode]
    : null;
}
