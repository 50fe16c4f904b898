/**
 * The server's orders projection after a refund the server paid itself (an approved customer
 * request refunded through the payment provider, or as a voucher): the same rule as a till's
 * refund pushed through sync — `partly_refunded` while any ticket of the order is still sold
 * or used, `refunded` once none is. The order's `refunded_minor` stays the windows' refunds
 * only (the server's payouts are its ledger's; the customer record adds both). PGlite by default;
 * scripts/with-postgres.mjs runs it on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRequestsServer, type RequestsServer } from './refund-requests-harness';

const VENUE = 'podil-stage';
const CONTACT = { email: 'oksana.petrenko@example.org', locale: 'en' as const };

let s: RequestsServer;
beforeEach(async () => {
  s = await startRequestsServer();
});
afterEach(async () => {
  await s.close();
});

function refundOnline(orderId: string, ticketIds: string[], extra: Record<string, unknown> = {}) {
  return s.request('POST', '/api/public/refund-requests', {
    venueId: VENUE,
    orderRef: orderId,
    contact: CONTACT.email,
    ticketIds,
    reasonCode: 'customer_request',
    locale: 'en',
    ...extra,
  });
}

async function orderRow(orderId: string) {
  const rows = await s.db.query<{ status: string; refunded_minor: unknown }>(
    `SELECT status, refunded_minor FROM orders WHERE venue_id = $1 AND order_id = $2`,
    [VENUE, orderId],
  );
  return { status: rows[0]!.status, refunded: Number(rows[0]!.refunded_minor) };
}

describe("an order refunded online reads as a till's refund would leave it", () => {
  it('every ticket refunded to the card in one request: refunded', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const made = await refundOnline(
      sale.orderId,
      sale.tickets.map((t) => t.ticketId),
    );
    expect(made.body.status).toMatchObject({ state: 'paid' });
    expect(await orderRow(sale.orderId)).toEqual({ status: 'refunded', refunded: 0 });
  });

  it('one ticket to the card, then the other as a voucher: partly refunded, then refunded', async () => {
    const sale = await s.sale({ contact: CONTACT });
    const [first, second] = sale.tickets.map((t) => t.ticketId);
    const one = await refundOnline(sale.orderId, [first!]);
    expect(one.body.status).toMatchObject({ state: 'paid' });
    expect(await orderRow(sale.orderId)).toEqual({ status: 'partly_refunded', refunded: 0 });
    const two = await refundOnline(sale.orderId, [second!], { method: 'voucher' });
    expect(two.body.status).toMatchObject({ state: 'paid' });
    expect(await orderRow(sale.orderId)).toEqual({ status: 'refunded', refunded: 0 });
  });

  it('online and at a window, in either order: refunded once no ticket is left', async () => {
    const onlineFirst = await s.sale({ contact: CONTACT });
    const [a1, a2] = onlineFirst.tickets.map((t) => t.ticketId);
    expect((await refundOnline(onlineFirst.orderId, [a1!])).body.status).toMatchObject({
      state: 'paid',
    });
    const atTill = await s.refundAtTill(onlineFirst.orderId, [a2!]);
    expect(await orderRow(onlineFirst.orderId)).toEqual({
      status: 'refunded',
      refunded: atTill.total.amount,
    });

    const windowFirst = await s.sale({ contact: CONTACT });
    const [b1, b2] = windowFirst.tickets.map((t) => t.ticketId);
    const before = await s.refundAtTill(windowFirst.orderId, [b1!]);
    expect(await orderRow(windowFirst.orderId)).toEqual({
      status: 'partly_refunded',
      refunded: before.total.amount,
    });
    expect((await refundOnline(windowFirst.orderId, [b2!])).body.status).toMatchObject({
      state: 'paid',
    });
    expect(await orderRow(windowFirst.orderId)).toEqual({
      status: 'refunded',
      refunded: before.total.amount,
    });
  });
});
