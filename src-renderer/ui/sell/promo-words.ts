import type { Text } from '../use-text';

/**
 * A refused promo code in words: the pricing rule refuses it with `details.field: 'promoCode'`
 * (not valid now / for these tickets, or used up); the generic "something entered is not
 * valid" would not say which field or what to do. Null when the refusal is not the code's.
 */
export function promoProblem(
  text: Text,
  error: { readonly code: string; readonly details?: unknown },
  code: string | null,
): string | null {
  const field =
    typeof error.details === 'object' && error.details !== null && 'field' in error.details
      ? (error.details as { field?: unknown }).field
      : undefined;
  if (field !== 'promoCode' || code === null) return null;
  return error.code === 'limit_exceeded'
    ? text('ui.sell.promoUsedUp', { code })
    : text('ui.sell.promoInvalid', { code });
}
