import { MIN_PHONE_DIGITS, normaliseEmail, normalisePhone } from '../../shared/requests/contact';
import type { OrderContactRequest } from '../../shared/requests/contract';
import type { Queryable } from '../db/port';

/**
 * An order's customer contact (migration 016: `order_contacts`, off the journal). Stored and
 * compared by the same shared normalisers (shared/requests/contact.ts) — e-mail lower-cased,
 * phone as its international digits — so "(050) 123-45-67" typed on the apply page matches
 * "+380 50 123 45 67" typed at the till.
 */

export async function attachContact(
  db: Queryable,
  venueId: string,
  attachedBy: string,
  c: OrderContactRequest,
): Promise<void> {
  // A later contact replaces the earlier one: the customer corrected a typo at the window.
  await db.query(
    `INSERT INTO order_contacts (venue_id, order_id, email, phone, locale, attached_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (venue_id, order_id) DO UPDATE
       SET email = EXCLUDED.email, phone = EXCLUDED.phone, locale = EXCLUDED.locale,
           attached_by = EXCLUDED.attached_by, attached_at = now()`,
    [
      venueId,
      c.orderId,
      c.email === undefined ? null : normaliseEmail(c.email),
      c.phone === undefined ? null : normalisePhone(c.phone),
      c.locale,
      attachedBy,
    ],
  );
}

export interface OrderContact {
  readonly email: string | null;
  readonly phone: string | null;
  readonly locale: 'en' | 'uk' | 'zh-Hans';
}

export async function contactOf(
  db: Queryable,
  venueId: string,
  orderId: string,
): Promise<OrderContact | null> {
  const rows = await db.query<OrderContact>(
    `SELECT email, phone, locale FROM order_contacts WHERE venue_id = $1 AND order_id = $2`,
    [venueId, orderId],
  );
  return rows[0] ?? null;
}

/** Does what the customer typed name this contact? An e-mail if it has an @, else a phone. */
export function contactMatches(contact: OrderContact, typed: string): boolean {
  if (typed.includes('@')) return contact.email !== null && contact.email === normaliseEmail(typed);
  const digits = normalisePhone(typed);
  return digits.length >= MIN_PHONE_DIGITS && contact.phone !== null && contact.phone === digits;
}
