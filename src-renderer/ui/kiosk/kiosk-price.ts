import type { Money } from '../../../shared/money';
import type { Text } from '../use-text';

/**
 * A price as the kiosk names it: the ticket and its booking fee apart ("₴650 + ₴15 fee"), so
 * the list, the quantities, the seat prices and the key all read the same and a customer never
 * meets "from ₴650" on one screen and "₴665 each" on the next (issue 15 item 5). The amounts
 * are the catalog's; the total charged is always the shared quote's.
 */
export function priceWords(
  text: Text,
  tier: { readonly price: Money; readonly bookingFee?: Money | undefined },
): string {
  return tier.bookingFee !== undefined && tier.bookingFee.amount > 0
    ? text('kiosk.price.withFee', { price: tier.price, fee: tier.bookingFee })
    : text.tr.money(tier.price);
}
