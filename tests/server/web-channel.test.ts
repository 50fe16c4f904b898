/**
 * The web shop as a selling channel (issue 12 item 4): it holds and orders from the same
 * inventory as the windows, so a window and the shop never sell one seat twice. PGlite and,
 * with SERVER_TEST_DATABASE_URL, PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  availabilityResponseSchema,
  channelResponseSchema,
  holdResponseSchema,
  orderResponseSchema,
} from '../../shared/inventory/contract';
import { seedDemo } from '../../src-server/venues';
import { startServer, type EnrolledTill, type TestServer } from './harness';

const SEATED = 'forest-song-1';

let server: TestServer;
let till: EnrolledTill;
let shop: string;
beforeEach(async () => {
  server = await startServer();
  await seedDemo(server.db);
  till = await server.enrol();
  const made = await server.request('POST', '/api/venues/podil-stage/channels', {
    body: { name: 'Web shop' },
    auth: server.managerAuth(),
  });
  expect(made.status).toBe(201);
  shop = `Bearer ${channelResponseSchema.parse(made.body).token}`;
});
afterEach(async () => {
  await server.close();
});

const webHold = (body: object) =>
  server.request('POST', '/api/channels/web/holds', { body, auth: shop });
const webOrder = (body: object) =>
  server.request('POST', '/api/channels/web/orders', { body, auth: shop });
const tillHold = (body: object) =>
  server.request('POST', '/api/inventory/holds', { body, auth: `Bearer ${till.token}` });

describe('web channel', () => {
  it('the shop gives back one seat of its hold; the window’s seat map shows the rest as web-held', async () => {
    const held = await webHold({ performanceId: SEATED, seatIds: ['stalls-6-1', 'stalls-6-2'] });
    expect(held.status).toBe(201);
    const { hold } = holdResponseSchema.parse(held.body);
    const part = await server.request('POST', `/api/channels/web/holds/${hold.holdId}/release`, {
      body: { seatIds: ['stalls-6-2'] },
      auth: shop,
    });
    expect(part.status).toBe(200);
    expect(holdResponseSchema.parse(part.body).hold.seatIds).toEqual(['stalls-6-1']);
    // Not the window's to give back.
    const byTill = await server.request('POST', `/api/inventory/holds/${hold.holdId}/release`, {
      body: { seatIds: ['stalls-6-1'] },
      auth: `Bearer ${till.token}`,
    });
    expect(byTill.status).toBe(403);
    const view = await server.request('GET', `/api/inventory/performances/${SEATED}`, {
      auth: `Bearer ${till.token}`,
    });
    const seats = availabilityResponseSchema.parse(view.body).seats;
    expect(seats).toEqual({
      leasedHere: [],
      leasedElsewhere: [],
      heldHere: [],
      heldElsewhere: [],
      heldWeb: ['stalls-6-1'],
    });
  });

  it('the shop holds, then orders; the window is refused those seats throughout', async () => {
    const held = await webHold({ performanceId: SEATED, seatIds: ['stalls-5-5', 'stalls-5-6'] });
    expect(held.status).toBe(201);
    const { hold } = holdResponseSchema.parse(held.body);
    expect((await tillHold({ performanceId: SEATED, seatIds: ['stalls-5-6'] })).status).toBe(409);

    const ordered = await webOrder({ holdId: hold.holdId });
    expect(ordered.status).toBe(201);
    expect(orderResponseSchema.parse(ordered.body).order.seatIds).toEqual([
      'stalls-5-5',
      'stalls-5-6',
    ]);
    const refused = await tillHold({ performanceId: SEATED, seatIds: ['stalls-5-5'] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('seat_taken');
    const view = await server.request('GET', `/api/inventory/performances/${SEATED}`, {
      auth: `Bearer ${till.token}`,
    });
    expect(availabilityResponseSchema.parse(view.body).sold).toEqual({ seats: 2, ga: 0 });
    // The hold ended sold; ordering it again finds no hold.
    expect((await webOrder({ holdId: hold.holdId })).status).toBe(404);
    const rows = await server.db.query(
      `SELECT channel, seller_id, status FROM inventory_sales WHERE performance_id = $1`,
      [SEATED],
    );
    expect(rows).toEqual([
      { channel: 'web', seller_id: expect.stringMatching(/^web-/), status: 'sold' },
    ]);
  });

  it('a seat leased to a window is not the shop’s to sell; the window and the shop racing for one seat: one wins', async () => {
    const leased = await server.request('POST', '/api/inventory/leases', {
      // The demo venue's smallest lease: 4 seats.
      body: {
        performanceId: SEATED,
        seatIds: ['stalls-1-1', 'stalls-1-2', 'stalls-1-3', 'stalls-1-4'],
      },
      auth: `Bearer ${till.token}`,
    });
    expect(leased.status).toBe(201);
    const web = await webOrder({ performanceId: SEATED, seatIds: ['stalls-1-2'] });
    expect(web.status).toBe(409);
    expect(web.body.error.code).toBe('seat_taken');

    // Warm, then race: 6 web orders and 6 window holds of one seat at once.
    expect((await webOrder({ performanceId: SEATED, seatIds: ['stalls-2-1'] })).status).toBe(201);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => [
        webOrder({ performanceId: SEATED, seatIds: ['stalls-2-2'] }),
        tillHold({ performanceId: SEATED, seatIds: ['stalls-2-2'] }),
      ]).flat(),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(11);
  });

  it('a till token opens no shop route and the shop’s none of a till’s; only a manager makes a channel', async () => {
    const asTill = await server.request('POST', '/api/channels/web/holds', {
      body: { performanceId: SEATED, seatIds: ['stalls-3-3'] },
      auth: `Bearer ${till.token}`,
    });
    expect(asTill.status).toBe(401);
    const asShop = await server.request('POST', '/api/inventory/holds', {
      body: { performanceId: SEATED, seatIds: ['stalls-3-3'] },
      auth: shop,
    });
    expect(asShop.status).toBe(401);
    const anonymous = await server.request('POST', '/api/venues/podil-stage/channels', {
      body: { name: 'Mine' },
    });
    expect(anonymous.status).toBe(401);
    const bad = await webOrder({ holdId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
  });
});
