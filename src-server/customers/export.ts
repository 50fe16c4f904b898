import type { CustomerRecord } from '../../shared/customers/contract';
import type { Queryable } from '../db/port';
import { isoTimestamp } from '../db/timestamps';
import { customerRecord } from './record';

/**
 * One customer's data as a JSON document (issue 14 item 7, the right of access): the record
 * as the back office shows it, plus each contact as attached to an order (by whom, when) and
 * each customer field a till typed on a sale. Nothing of anybody else.
 */
export interface CustomerExport {
  readonly exportedAt: string;
  readonly venueId: string;
  readonly record: CustomerRecord;
  readonly orderContacts: {
    readonly orderId: string;
    readonly email: string | null;
    readonly phone: string | null;
    readonly locale: string;
    readonly attachedBy: string;
    readonly attachedAt: string;
  }[];
  readonly saleCustomerFields: { readonly orderId: string; readonly text: string }[];
}

export async function customerExport(
  db: Queryable,
  venueId: string,
  key: string,
  nowMs: number,
): Promise<CustomerExport> {
  const record = await customerRecord(db, venueId, key);
  const ids = record.orders.map((o) => o.orderId);
  const contacts = await db.query<{
    order_id: string;
    email: string | null;
    phone: string | null;
    locale: string;
    attached_by: string;
    attached_at: Date | string;
  }>(
    `SELECT order_id, email, phone, locale, attached_by, attached_at FROM order_contacts
     WHERE venue_id = $1 AND order_id = ANY($2::text[]) ORDER BY attached_at`,
    [venueId, ids],
  );
  const fields = await db.query<{ orderId: string; text: string }>(
    `SELECT body -> 'payload' ->> 'orderId' AS "orderId", body -> 'payload' ->> 'customerId' AS text
     FROM journal_entries
     WHERE venue_id = $1 AND type = 'sale' AND body -> 'payload' ? 'customerId'
       AND body -> 'payload' ->> 'orderId' = ANY($2::text[])
     ORDER BY at`,
    [venueId, ids],
  );
  return {
    exportedAt: new Date(nowMs).toISOString(),
    venueId,
    record,
    orderContacts: contacts.map((c) => ({
      orderId: c.order_id,
      email: c.email,
      phone: c.phone,
      locale: c.locale,
      attachedBy: c.attached_by,
      attachedAt: isoTimestamp(c.attached_at),
    })),
    saleCustomerFields: fields,
  };
}
