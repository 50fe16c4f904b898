import type { ConsentChange, ConsentSource, CustomerRecord } from '../../shared/customers/contract';
import type { Currency } from '../../shared/money/currency';
import { money, type Money } from '../../shared/money/money';
import {
  channelOfServerRefund,
  foldRefundChannels,
  methodOfServerRefund,
} from '../../shared/orders/refund-channels';
import { requestLabel } from '../../shared/orders/server-refund';
import type { RequestState } from '../../shared/requests/contract';
import { num, type Queryable } from '../db/port';
import { isoTimestamp, isoTimestampOrNull } from '../db/timestamps';
import { HttpError } from '../http-error';
import { readServerRefundsOfOrders } from '../requests/server-ledger';
import { customerRow, type CustomerRow } from './customer-keys';
import { contactData, nameOf, type ContactData } from './directory';

/**
 * One customer's record (issue 14 item 7), assembled each time from what the server keeps:
 * orders (the `orders` projection of the tills' journals), refunds (the tills' refund entries
 * of those orders and the server's own payouts of them, its ledger), refund requests and
 * their threads, and consent. Once erased, the record
 * still lists the orders, refunds and requests — by their ids and amounts — with no contact.
 */
export const noSuchCustomer = () =>
  new HttpError(404, 'customer_not_found', 'There is no such customer at this venue.');

export async function customerData(
  db: Queryable,
  venueId: string,
  row: CustomerRow,
): Promise<ContactData> {
  if (row.contact === null) {
    return {
      orderIds: [...(row.erased_order_ids ?? [])],
      otherContacts: [],
      saleTexts: [],
      locale: null,
    };
  }
  return contactData(db, venueId, { kind: row.kind, contact: row.contact });
}

export async function consentChanges(
  db: Queryable,
  venueId: string,
  key: string,
): Promise<ConsentChange[]> {
  const rows = await db.query<{
    given: boolean;
    source: ConsentSource;
    recorded_by: string;
    recorded_at: Date | string;
  }>(
    `SELECT given, source, recorded_by, recorded_at FROM customer_consents
     WHERE venue_id = $1 AND customer_key = $2 ORDER BY change_no`,
    [venueId, key],
  );
  return rows.map((r) => ({
    given: r.given,
    source: r.source,
    recordedBy: r.recorded_by,
    recordedAt: isoTimestamp(r.recorded_at),
  }));
}

export async function customerRecord(
  db: Queryable,
  venueId: string,
  key: string,
): Promise<CustomerRecord> {
  const row = await customerRow(db, venueId, key);
  if (row === null) throw noSuchCustomer();
  const data = await customerData(db, venueId, row);
  const ids = data.orderIds;
  const orders = await db.query<{
    order_id: string;
    receipt_no: number;
    terminal_id: string;
    sold_at: string;
    currency: string;
    total_minor: unknown;
    refunded_minor: unknown;
    status: string;
  }>(
    `SELECT order_id, receipt_no, terminal_id, sold_at, currency, total_minor, refunded_minor, status
     FROM orders WHERE venue_id = $1 AND order_id = ANY($2::text[]) ORDER BY sold_at DESC`,
    [venueId, ids],
  );
  const refunds = await db.query<{ at: string; body: unknown }>(
    `SELECT at, body FROM journal_entries
     WHERE venue_id = $1 AND type = 'refund' AND status = 'applied'
       AND body -> 'payload' ->> 'orderId' = ANY($2::text[])
     ORDER BY at DESC`,
    [venueId, ids],
  );
  const requests = await db.query<{
    request_id: string;
    order_id: string;
    state: RequestState;
    channel: 'web' | 'phone';
    reason_code: string;
    currency: string;
    amount_minor: unknown;
    created_at: Date | string;
  }>(
    `SELECT request_id, order_id, state, channel, reason_code, currency, amount_minor, created_at
     FROM refund_requests WHERE venue_id = $1 AND order_id = ANY($2::text[])
     ORDER BY created_at DESC`,
    [venueId, ids],
  );
  const serverRefunds = await readServerRefundsOfOrders(db, venueId, ids);
  const windowRefunds = refunds.map((r) => {
    const body = (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as {
      payload: {
        orderId: string;
        refundId: string;
        total: Money;
        method: string;
        reasonCode: string;
        tickets: readonly unknown[];
      };
    };
    return { at: r.at, payload: body.payload };
  });
  const reasonOf = new Map(requests.map((q) => [q.request_id, q.reason_code]));
  const messages = await db.query<{
    request_id: string;
    author: 'customer' | 'venue';
    body: string;
    created_at: Date | string;
  }>(
    `SELECT request_id, author, body, created_at FROM request_messages
     WHERE venue_id = $1 AND request_id = ANY($2::text[]) ORDER BY created_at, message_no`,
    [venueId, requests.map((r) => r.request_id)],
  );
  const changes = await consentChanges(db, venueId, key);
  return {
    customerKey: key,
    kind: row.kind,
    contact: row.contact,
    otherContacts: data.otherContacts.map((c) => c.contact),
    name: nameOf(data),
    locale: data.locale,
    marketingConsent: changes.at(-1)?.given ?? null,
    consentChanges: changes,
    orders: orders.map((o) => {
      const currency = o.currency as Currency;
      const own = windowRefunds.filter((r) => r.payload.orderId === o.order_id);
      // What went back on the order by every channel: the windows' refunds (the projection's
      // sum of them) and the server's online payouts — the day report's one fold.
      const refunded = foldRefundChannels(
        currency,
        {
          count: own.length,
          tickets: own.reduce((n, r) => n + r.payload.tickets.length, 0),
          total: money(num(o.refunded_minor), currency),
        },
        serverRefunds.filter((p) => p.orderId === o.order_id),
      ).total;
      return {
        orderId: o.order_id,
        receiptNo: Number(o.receipt_no),
        terminalId: o.terminal_id,
        soldAt: o.sold_at,
        total: money(num(o.total_minor), currency),
        refunded,
        status: o.status,
      };
    }),
    refunds: [
      ...windowRefunds.map(({ at, payload: p }) => ({
        orderId: p.orderId,
        refundId: p.refundId,
        at,
        amount: p.total,
        method: p.method,
        reasonCode: p.reasonCode,
        channel: 'window' as const,
      })),
      ...serverRefunds.map((p) => ({
        orderId: p.orderId,
        refundId: requestLabel(p.requestId),
        at: p.at,
        amount: p.amount,
        method: methodOfServerRefund(p),
        reasonCode: reasonOf.get(p.requestId) ?? 'customer_request',
        channel: channelOfServerRefund(p),
      })),
    ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)),
    requests: requests.map((r) => ({
      requestId: r.request_id,
      orderId: r.order_id,
      state: r.state,
      channel: r.channel,
      reasonCode: r.reason_code,
      amount: money(num(r.amount_minor), r.currency as Currency),
      createdAt: isoTimestamp(r.created_at),
    })),
    messages: messages.map((m) => ({
      requestId: m.request_id,
      author: m.author,
      body: m.body,
      at: isoTimestamp(m.created_at),
    })),
    erasedAt: isoTimestampOrNull(row.erased_at),
  };
}
