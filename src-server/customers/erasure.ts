import type { EraseAnswer } from '../../shared/customers/contract';
import { confirmsContact } from '../../shared/customers/customer-text';
import type { Queryable } from '../db/port';
import { HttpError } from '../http-error';
import { customerRow } from './customer-keys';
import { contactData, type Contact } from './directory';

/**
 * Erasure of one customer's personal data from the server (issue 14 item 7); the decision is
 * written up in README.md ("Erasure and the hash chains"). In one transaction:
 *
 * - the tills' sale entries of the person's orders carry, in their customer field, the
 *   customer key instead of the e-mail/phone/name typed at the window. The entry's stored
 *   `hash` (the till's seal, which the next entry's `prevHash` and every later push chain onto)
 *   is kept as it was: the chain's links, the head, idempotent re-pushes and signed Z heads
 *   are untouched. The server can no longer re-hash that one entry's body — the till that
 *   sealed it holds the original, and its own chain still verifies;
 * - `order_contacts` rows of those orders are deleted (e-mails, phones, language);
 * - the refund requests of those orders keep their amounts, states, reasons and decisions (the
 *   reports count them), but their free text — the customer's reason, the thread, a decline's
 *   reason — is replaced by "[erased]";
 * - their feedback keeps its rating and topic (the averages stay) but its comment reads
 *   "[erased]";
 * - notifications to the person's addresses are deleted from the outbox (queued ones unsent);
 * - the `customers` row keeps the key and the order ids, without the contact.
 *
 * The server's money ledger (`server_ledger`) holds no contact and is not touched.
 */
const ERASED = '[erased]';

export async function eraseCustomer(
  tx: Queryable,
  venueId: string,
  key: string,
  confirmContact: string,
  by: string,
): Promise<EraseAnswer> {
  const row = await customerRow(tx, venueId, key, true);
  if (row === null) {
    throw new HttpError(404, 'customer_not_found', 'There is no such customer at this venue.');
  }
  if (row.contact === null) {
    throw new HttpError(409, 'customer_erased', "This customer's data was already erased.");
  }
  if (!confirmsContact(row, confirmContact)) {
    throw new HttpError(
      422,
      'confirmation_mismatch',
      "Type the customer's e-mail or phone exactly as the record shows it to confirm the erasure.",
    );
  }
  const me: Contact = { kind: row.kind, contact: row.contact };
  const data = await personOf(tx, venueId, me);
  const removed = await removePersonalData(tx, venueId, key, data.orderIds, [
    me,
    ...data.otherContacts,
  ]);
  const erasedAt = new Date();
  await tx.query(
    `UPDATE customers SET contact = NULL, erased_at = $3, erased_by = $4,
       erased_order_ids = $5::text[]
     WHERE venue_id = $1 AND customer_key = $2`,
    [venueId, key, erasedAt, by, data.orderIds],
  );
  // The person's other contacts given on the same orders are the same person's data.
  await tx.query(
    `UPDATE customers SET contact = NULL, erased_at = $2, erased_by = $3,
       erased_order_ids = $4::text[]
     WHERE venue_id = $1 AND contact IS NOT NULL
       AND (kind || ':' || contact) = ANY($5::text[])`,
    [venueId, erasedAt, by, data.orderIds, data.otherContacts.map((c) => `${c.kind}:${c.contact}`)],
  );
  return {
    customerKey: key,
    erasedAt: erasedAt.toISOString(),
    ordersRedacted: data.orderIds.length,
    journalEntriesRedacted: removed,
  };
}

/**
 * Everything of the person a contact names: its orders, and the orders of every other contact
 * given on those (the phone on an order with the e-mail names the same person), followed until
 * nothing new turns up.
 */
async function personOf(
  tx: Queryable,
  venueId: string,
  me: Contact,
): Promise<{ orderIds: string[]; otherContacts: Contact[] }> {
  const id = (c: Contact) => `${c.kind}:${c.contact}`;
  const seen = new Map<string, Contact>([[id(me), me]]);
  const orders = new Set<string>();
  const todo = [me];
  while (todo.length > 0) {
    const data = await contactData(tx, venueId, todo.pop()!);
    for (const o of data.orderIds) orders.add(o);
    for (const c of data.otherContacts) {
      if (!seen.has(id(c))) {
        seen.set(id(c), c);
        todo.push(c);
      }
    }
  }
  seen.delete(id(me));
  return { orderIds: [...orders].sort(), otherContacts: [...seen.values()] };
}

/** Removes the personal fields of these orders; answers how many journal entries changed. */
async function removePersonalData(
  tx: Queryable,
  venueId: string,
  key: string,
  orderIds: readonly string[],
  contacts: readonly Contact[],
): Promise<number> {
  const entries = await tx.query<{ seq: number }>(
    `UPDATE journal_entries
     SET body = jsonb_set(body, '{payload,customerId}', to_jsonb($3::text))
     WHERE venue_id = $1 AND type = 'sale' AND body -> 'payload' ? 'customerId'
       AND body -> 'payload' ->> 'orderId' = ANY($2::text[])
     RETURNING seq`,
    [venueId, orderIds, key],
  );
  await tx.query(`DELETE FROM order_contacts WHERE venue_id = $1 AND order_id = ANY($2::text[])`, [
    venueId,
    orderIds,
  ]);
  await tx.query(
    `UPDATE refund_requests
     SET reason_text = '',
         decline_reason = CASE WHEN decline_reason IS NULL THEN NULL ELSE $3 END
     WHERE venue_id = $1 AND order_id = ANY($2::text[])`,
    [venueId, orderIds, ERASED],
  );
  await tx.query(
    `UPDATE request_messages m SET body = $3
     FROM refund_requests r
     WHERE m.venue_id = $1 AND r.venue_id = m.venue_id AND r.request_id = m.request_id
       AND r.order_id = ANY($2::text[])`,
    [venueId, orderIds, ERASED],
  );
  // Their feedback keeps its rating and topic (the averages stay), not the words they wrote.
  await tx.query(
    `UPDATE feedback SET comment = $3
     WHERE venue_id = $1 AND order_id = ANY($2::text[]) AND comment IS NOT NULL`,
    [venueId, orderIds, ERASED],
  );
  const emails = contacts.filter((c) => c.kind === 'email').map((c) => c.contact);
  const phones = contacts.filter((c) => c.kind === 'phone').map((c) => c.contact);
  await tx.query(
    `DELETE FROM outbox WHERE venue_id = $1
       AND (lower(recipient) = ANY($2::text[])
            OR regexp_replace(recipient, '[^0-9]', '', 'g') = ANY($3::text[]))`,
    [venueId, emails, phones],
  );
  return entries.length;
}
