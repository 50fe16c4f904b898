import type { ConsentSource } from '../../shared/customers/contract';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { readCustomerText } from '../../shared/customers/customer-text';
import { customerKeyOf, customerRow } from './customer-keys';

/**
 * Marketing consent (issue 14 item 7): every change is a new row — given at the window, on the
 * request form, or in the back office, or withdrawn — with who recorded it and when; nothing is
 * overwritten, so the record shows what the customer agreed to at any time. A change that says
 * what the newest already says is not recorded again.
 */
export async function recordConsent(
  tx: Queryable,
  venueId: string,
  key: string,
  change: { readonly given: boolean; readonly source: ConsentSource; readonly by: string },
): Promise<boolean> {
  const row = await customerRow(tx, venueId, key, true);
  if (row === null) {
    throw new HttpError(404, 'customer_not_found', 'There is no such customer at this venue.');
  }
  if (row.erased_at !== null) {
    throw new HttpError(
      409,
      'customer_erased',
      "This customer's data was erased: there is nobody to ask for consent.",
    );
  }
  const last = await tx.query<{ change_no: number; given: boolean }>(
    `SELECT change_no, given FROM customer_consents
     WHERE venue_id = $1 AND customer_key = $2 ORDER BY change_no DESC LIMIT 1`,
    [venueId, key],
  );
  if (last[0]?.given === change.given) return false;
  await tx.query(
    `INSERT INTO customer_consents (venue_id, customer_key, change_no, given, source, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [venueId, key, Number(last[0]?.change_no ?? 0) + 1, change.given, change.source, change.by],
  );
  return true;
}

/**
 * Consent for a contact as a customer or cashier typed it (the till's window, the request
 * form): the record's key, or null when the text is no e-mail or phone (a name, a card's last
 * digits) — nobody to record consent for.
 */
export async function recordConsentOfContact(
  tx: Queryable,
  venueId: string,
  typed: string,
  change: { readonly given: boolean; readonly source: ConsentSource; readonly by: string },
): Promise<{ readonly key: string; readonly changed: boolean } | null> {
  const read = readCustomerText(typed);
  if (read === null || read.kind === 'name') return null;
  const key = await customerKeyOf(tx, venueId, read.kind, read.contact);
  return { key, changed: await recordConsent(tx, venueId, key, change) };
}
