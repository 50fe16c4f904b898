import { createHmac, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/port';

/**
 * A customer's opaque key (migration 022): `cu-` + the first 128 bits of
 * HMAC-SHA-256(venue secret, kind ":" normalised contact). The same contact always gets the
 * same key at a venue — so a record found twice is one record, and a till's sale pushed after
 * the person was erased is recognised as theirs — while nobody without the venue's secret can
 * turn a key back into an e-mail or test a guessed phone number against it (a plain hash of a
 * phone number is undone by trying every number).
 */
export type ContactKind = 'email' | 'phone';

export function customerKeyFrom(secret: string, kind: ContactKind, contact: string): string {
  const mac = createHmac('sha256', Buffer.from(secret, 'base64url'))
    .update(`${kind}:${contact}`, 'utf8')
    .digest('hex');
  return `cu-${mac.slice(0, 32)}`;
}

/** The venue's secret, made the first time a key is needed (two nodes at once make one). */
export async function customerKeySecret(db: Queryable, venueId: string): Promise<string> {
  await db.query(
    `INSERT INTO customer_key_secrets (venue_id, secret) VALUES ($1, $2)
     ON CONFLICT (venue_id) DO NOTHING`,
    [venueId, randomBytes(32).toString('base64url')],
  );
  const rows = await db.query<{ secret: string }>(
    `SELECT secret FROM customer_key_secrets WHERE venue_id = $1`,
    [venueId],
  );
  return rows[0]!.secret;
}

/**
 * The key of a contact, with its `customers` row made if there is none yet (the server keeps
 * the person from the first time someone looks them up or records their consent).
 */
export async function customerKeyOf(
  db: Queryable,
  venueId: string,
  kind: ContactKind,
  contact: string,
): Promise<string> {
  const key = customerKeyFrom(await customerKeySecret(db, venueId), kind, contact);
  await db.query(
    `INSERT INTO customers (venue_id, customer_key, kind, contact) VALUES ($1, $2, $3, $4)
     ON CONFLICT (venue_id, customer_key) DO NOTHING`,
    [venueId, key, kind, contact],
  );
  return key;
}

export interface CustomerRow {
  readonly customer_key: string;
  readonly kind: ContactKind;
  readonly contact: string | null;
  readonly erased_at: Date | string | null;
  readonly erased_order_ids: string[] | null;
}

export async function customerRow(
  db: Queryable,
  venueId: string,
  key: string,
  forUpdate = false,
): Promise<CustomerRow | null> {
  const rows = await db.query<CustomerRow>(
    `SELECT customer_key, kind, contact, erased_at, erased_order_ids FROM customers
     WHERE venue_id = $1 AND customer_key = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [venueId, key],
  );
  return rows[0] ?? null;
}

/**
 * An erased person found again (a sale or contact that reached the server after the erasure):
 * the record names them again; what they had when erased stays listed without contacts.
 * Called only for contacts the server holds again (directory.ts, after stale data is erased).
 */
export async function reviveCustomer(
  db: Queryable,
  venueId: string,
  key: string,
  contact: string,
): Promise<void> {
  await db.query(
    `UPDATE customers SET contact = $3, erased_at = NULL, erased_by = NULL
     WHERE venue_id = $1 AND customer_key = $2 AND contact IS NULL`,
    [venueId, key, contact],
  );
}
