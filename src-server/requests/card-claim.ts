import type { OrderView } from '../../shared/orders/order-view';
import type { Queryable } from '../db/port';

/**
 * Issue 14: a kiosk or window buyer who gave no e-mail or phone finds the order by the receipt
 * number and the last 4 digits of the card that paid it. What keeps this safe:
 * - only an order paid by ONE card can be claimed so, and its refund goes back to that card
 *   only (no voucher, no cash code: whoever guessed the digits gains nothing but the card
 *   holder's own refund) — `decide` in submit.ts refuses the rest;
 * - four digits are guessable, so wrong tries are counted per order whoever makes them (not
 *   per address, which an attacker can change): the 5th locks the order's card look-up for a
 *   day, besides the public routes' rate limit per address;
 * - every refusal is the same 404 as an unknown order: nothing tells an order exists.
 */
export const CARD_CLAIM_TRIES = 5;
export const CARD_CLAIM_LOCK_HOURS = 24;

/** "1234" or "12 34": what the customer typed is the card's last four digits. */
export const isCardDigits = (typed: string): boolean => /^\d{4}$/.test(typed.replace(/\s/g, ''));

/** The one card that paid the whole order, or null (cash, a voucher, two cards, a mix). */
export function onlyCardOf(order: OrderView): { readonly last4: string } | null {
  if (order.tenders.length !== 1) return null;
  const tender = order.tenders[0]!.tender;
  return tender.kind === 'card' ? { last4: tender.last4 } : null;
}

/** Do the typed digits open this order? Counts a wrong try, and refuses while locked. */
export async function cardDigitsOpen(
  db: Queryable,
  venueId: string,
  order: OrderView,
  typed: string,
): Promise<boolean> {
  const locked = await db.query(
    `SELECT 1 FROM order_card_claim_failures
     WHERE venue_id = $1 AND order_id = $2 AND locked_until > now()`,
    [venueId, order.orderId],
  );
  if (locked.length > 0) return false;
  const card = onlyCardOf(order);
  if (card !== null && card.last4 === typed.replace(/\s/g, '')) {
    await db.query(`DELETE FROM order_card_claim_failures WHERE venue_id = $1 AND order_id = $2`, [
      venueId,
      order.orderId,
    ]);
    return true;
  }
  await db.query(
    `INSERT INTO order_card_claim_failures (venue_id, order_id, failures) VALUES ($1, $2, 1)
     ON CONFLICT (venue_id, order_id) DO UPDATE SET
       failures = CASE WHEN order_card_claim_failures.locked_until IS NULL
                       THEN order_card_claim_failures.failures + 1 ELSE 1 END,
       locked_until = CASE
         WHEN order_card_claim_failures.locked_until IS NULL
          AND order_card_claim_failures.failures + 1 >= $3::int
         THEN now() + make_interval(hours => $4::int) END`,
    [venueId, order.orderId, CARD_CLAIM_TRIES, CARD_CLAIM_LOCK_HOURS],
  );
  return false;
}
