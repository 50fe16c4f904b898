import type { CustomerHit } from '../../shared/customers/contract';
import { phoneDigitForms, readCustomerText } from '../../shared/customers/customer-text';
import type { Queryable } from '../db/port';
import { orderIdFor } from '../requests/order-source';
import {
  customerKeyFrom,
  customerKeyOf,
  customerKeySecret,
  customerRow,
  reviveCustomer,
  type ContactKind,
} from './customer-keys';

/**
 * Where a customer's data is, found from what the server already keeps (issue 14 item 7): the
 * contacts tills and the web shop attached to orders (`order_contacts`) and the tills' sale
 * entries whose customer field holds that e-mail or phone. Nothing is copied: a record is
 * assembled from these each time (record.ts), and erasure removes exactly these (erasure.ts).
 */
export interface Contact {
  readonly kind: ContactKind;
  readonly contact: string;
}

export interface ContactData {
  /** Every order that names the contact, sorted. */
  readonly orderIds: string[];
  /** The other e-mails and phones given on those orders. */
  readonly otherContacts: Contact[];
  /** The tills' customer-field texts on those orders' sales, as typed. */
  readonly saleTexts: { readonly orderId: string; readonly text: string }[];
  readonly locale: 'en' | 'uk' | 'zh-Hans' | null;
}

const SALE_TEXT = `body -> 'payload' ->> 'customerId'`;
const HAS_SALE_TEXT = `type = 'sale' AND body -> 'payload' ? 'customerId'`;

/** The orders whose sale's customer field is this contact (typed any of the usual ways). */
async function saleOrdersNaming(db: Queryable, venueId: string, c: Contact): Promise<string[]> {
  const rows =
    c.kind === 'email'
      ? await db.query<{ order_id: string; text: string }>(
          `SELECT body -> 'payload' ->> 'orderId' AS order_id, ${SALE_TEXT} AS text
           FROM journal_entries
           WHERE venue_id = $1 AND ${HAS_SALE_TEXT} AND lower(${SALE_TEXT}) = $2`,
          [venueId, c.contact],
        )
      : await db.query<{ order_id: string; text: string }>(
          `SELECT body -> 'payload' ->> 'orderId' AS order_id, ${SALE_TEXT} AS text
           FROM journal_entries
           WHERE venue_id = $1 AND ${HAS_SALE_TEXT}
             AND regexp_replace(${SALE_TEXT}, '[^0-9]', '', 'g') = ANY($2::text[])`,
          [venueId, phoneDigitForms(c.contact)],
        );
  return rows
    .filter((r) => {
      const read = readCustomerText(r.text);
      return read !== null && read.kind === c.kind && read.contact === c.contact;
    })
    .map((r) => r.order_id);
}

export async function contactData(
  db: Queryable,
  venueId: string,
  c: Contact,
): Promise<ContactData> {
  const attached = await db.query<{ order_id: string }>(
    `SELECT order_id FROM order_contacts
     WHERE venue_id = $1 AND ${c.kind === 'email' ? 'email' : 'phone'} = $2`,
    [venueId, c.contact],
  );
  const orderIds = [
    ...new Set([...attached.map((r) => r.order_id), ...(await saleOrdersNaming(db, venueId, c))]),
  ].sort();
  if (orderIds.length === 0) return { orderIds, otherContacts: [], saleTexts: [], locale: null };
  const contacts = await db.query<{
    email: string | null;
    phone: string | null;
    locale: 'en' | 'uk' | 'zh-Hans';
  }>(
    `SELECT email, phone, locale FROM order_contacts
     WHERE venue_id = $1 AND order_id = ANY($2::text[]) ORDER BY attached_at DESC`,
    [venueId, orderIds],
  );
  const saleTexts = await db.query<{ orderId: string; text: string }>(
    `SELECT body -> 'payload' ->> 'orderId' AS "orderId", ${SALE_TEXT} AS text
     FROM journal_entries
     WHERE venue_id = $1 AND ${HAS_SALE_TEXT}
       AND body -> 'payload' ->> 'orderId' = ANY($2::text[])
     ORDER BY at`,
    [venueId, orderIds],
  );
  const others = new Map<string, Contact>();
  const note = (o: Contact) => {
    if (o.kind !== c.kind || o.contact !== c.contact) others.set(`${o.kind}:${o.contact}`, o);
  };
  for (const r of contacts) {
    if (r.email !== null) note({ kind: 'email', contact: r.email });
    if (r.phone !== null) note({ kind: 'phone', contact: r.phone });
  }
  for (const s of saleTexts) {
    const read = readCustomerText(s.text);
    if (read !== null && read.kind !== 'name') note(read);
  }
  return {
    orderIds,
    otherContacts: [...others.values()],
    saleTexts,
    locale: contacts[0]?.locale ?? null,
  };
}

/** The name a till typed for this customer, when one of their sales' customer field is a name. */
export function nameOf(data: ContactData): string | null {
  for (const s of data.saleTexts) {
    const read = readCustomerText(s.text);
    if (read?.kind === 'name') return read.name;
  }
  return null;
}

const MAX_HITS = 20;
const like = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * The contacts a search names: an e-mail or phone as typed (normalised), part of an e-mail, an
 * order number, or part of a name a till typed on a sale (its order's contacts).
 */
async function contactsMatching(db: Queryable, venueId: string, q: string): Promise<Contact[]> {
  const found = new Map<string, Contact>();
  const add = (c: Contact) => found.set(`${c.kind}:${c.contact}`, c);
  const read = readCustomerText(q);
  if (read !== null && read.kind !== 'name') add(read);
  const orderIds = new Set<string>();
  if (read?.kind !== 'phone') {
    const emails = await db.query<{ email: string }>(
      `SELECT DISTINCT email FROM order_contacts
       WHERE venue_id = $1 AND email ILIKE $2 LIMIT ${MAX_HITS}`,
      [venueId, like(q.trim().toLowerCase())],
    );
    for (const e of emails) add({ kind: 'email', contact: e.email });
    const sales = await db.query<{ order_id: string; text: string }>(
      `SELECT body -> 'payload' ->> 'orderId' AS order_id, ${SALE_TEXT} AS text
       FROM journal_entries
       WHERE venue_id = $1 AND ${HAS_SALE_TEXT} AND lower(${SALE_TEXT}) LIKE $2
       LIMIT 50`,
      [venueId, like(q.trim().toLowerCase())],
    );
    for (const s of sales) {
      const r = readCustomerText(s.text);
      if (r !== null && r.kind !== 'name') add(r);
      else orderIds.add(s.order_id);
    }
    const ordered = await orderIdFor(db, venueId, q.trim());
    if (ordered !== null) orderIds.add(ordered);
  }
  if (orderIds.size > 0) {
    const ids = [...orderIds];
    const contacts = await db.query<{ email: string | null; phone: string | null }>(
      `SELECT email, phone FROM order_contacts WHERE venue_id = $1 AND order_id = ANY($2::text[])`,
      [venueId, ids],
    );
    for (const r of contacts) {
      if (r.email !== null) add({ kind: 'email', contact: r.email });
      else if (r.phone !== null) add({ kind: 'phone', contact: r.phone });
    }
    const sales = await db.query<{ text: string }>(
      `SELECT ${SALE_TEXT} AS text FROM journal_entries
       WHERE venue_id = $1 AND ${HAS_SALE_TEXT} AND body -> 'payload' ->> 'orderId' = ANY($2::text[])`,
      [venueId, ids],
    );
    for (const s of sales) {
      const r = readCustomerText(s.text);
      if (r !== null && r.kind !== 'name') add(r);
    }
  }
  return [...found.values()].slice(0, MAX_HITS);
}

/** The back office's and the till's customer search: one hit per e-mail or phone. */
export async function searchCustomers(
  db: Queryable,
  venueId: string,
  q: string,
): Promise<CustomerHit[]> {
  const hits: CustomerHit[] = [];
  const secret = await customerKeySecret(db, venueId);
  for (const c of await contactsMatching(db, venueId, q)) {
    const data = await contactData(db, venueId, c);
    if (data.orderIds.length === 0) {
      // Nothing names it (any more): an erased person typed in full is still answered, as
      // erased, so staff are not left wondering; anything else is no hit.
      const row = await customerRow(db, venueId, customerKeyFrom(secret, c.kind, c.contact));
      if (row?.erased_at) {
        hits.push({
          customerKey: row.customer_key,
          kind: row.kind,
          contact: null,
          name: null,
          orders: row.erased_order_ids?.length ?? 0,
          erased: true,
        });
      }
      continue;
    }
    const key = await customerKeyOf(db, venueId, c.kind, c.contact);
    // Found again after an erasure (a new order, or a till's sale pushed late): named again,
    // and the record shows it, so a manager can erase what came later.
    await reviveCustomer(db, venueId, key, c.contact);
    hits.push({
      customerKey: key,
      kind: c.kind,
      contact: c.contact,
      name: nameOf(data),
      orders: data.orderIds.length,
      erased: false,
    });
  }
  return hits;
}
