/**
 * The back office's tier editor (issue 13 item 6): a manager changes a tier's price, booking
 * fee, order limit or standing quota; the server publishes the next catalog version with that
 * tier changed and nothing else, a till's pull shows it, the change is audited with the tier
 * before and after; bad changes are refused in words and publish nothing. Real HTTP on
 * PGlite/PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/catalog/catalog';
import { DEMO_SUPERVISOR, ensureManager } from '../../src-server/venues';
import { uah } from '../fixtures/domain';
import {
  publishFixtureCatalog,
  pulledCatalog,
  startServer,
  type EnrolledTill,
  type TestServer,
} from './harness';

const VENUE = 'podil-stage';
let server: TestServer;
let till: EnrolledTill;

beforeEach(async () => {
  server = await startServer();
  await publishFixtureCatalog(server, VENUE);
  till = await server.enrol();
});
afterEach(async () => {
  await server.close();
});

const patch = (tierId: string, body: unknown, auth?: string) =>
  server.request('PATCH', `/api/venues/${VENUE}/tiers/${tierId}`, {
    body,
    auth: auth ?? server.managerAuth(),
  });

const pulled = (): Promise<Catalog> => pulledCatalog(server, till);

describe('back-office tier editor', () => {
  it('publishes the changed tier as the next version; the till pulls it; audited', async () => {
    const before = await pulled();
    const res = await patch('hamlet-stalls', { price: 45_000, bookingFee: 0, perOrderLimit: 4 });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const after = await pulled();
    expect(after.version).toBe(2);
    const stalls = after.tiers.find((t) => t.id === 'hamlet-stalls')!;
    expect(stalls.price).toEqual(uah(450));
    expect(stalls.bookingFee).toBeUndefined();
    expect(stalls.perOrderLimit).toBe(4);
    // Nothing else moved.
    expect(after.tiers.filter((t) => t.id !== 'hamlet-stalls')).toEqual(
      before.tiers.filter((t) => t.id !== 'hamlet-stalls'),
    );
    expect(after.performances).toEqual(before.performances);
    const rows = await server.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_events WHERE venue_id = $1 AND kind = 'tier_changed'`,
      [VENUE],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.detail).toMatchObject({
      tierId: 'hamlet-stalls',
      name: 'Stalls',
      before: { price: uah(400), bookingFee: uah(10) },
      after: { price: uah(450), perOrderLimit: 4 },
      catalogVersion: 2,
    });
  });

  it('refuses a quota on a seated tier, an unknown tier, an empty change and a supervisor', async () => {
    const seated = await patch('hamlet-stalls', { gaQuota: 10 });
    expect([seated.status, seated.body.error.code]).toEqual([422, 'not_standing']);
    expect(seated.body.error.message).toBe(
      'Stalls sells seats, not standing places: it has no quota of places to change.',
    );
    const unknown = await patch('no-such-tier', { price: 100 });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'tier_not_found']);
    const empty = await patch('hamlet-stalls', {});
    expect(empty.status).toBe(400);
    const negative = await patch('hamlet-stalls', { price: -1 });
    expect(negative.status).toBe(400);
    await ensureManager(server.db, DEMO_SUPERVISOR);
    const refused = await patch('hamlet-stalls', { price: 1 }, server.managerAuth(DEMO_SUPERVISOR));
    expect(refused.status).toBe(403);
    expect((await pulled()).version).toBe(1);
  });

  it("sets and clears a performance's limit per customer; the till pulls it; audited", async () => {
    const set = await server.request(
      'PATCH',
      `/api/venues/${VENUE}/performances/hamlet-0501/limits`,
      { body: { perCustomerLimit: 4 }, auth: server.managerAuth() },
    );
    expect(set.status).toBe(200);
    expect(
      (await pulled()).performances.find((p) => p.id === 'hamlet-0501')!.perCustomerLimit,
    ).toBe(4);
    const cleared = await server.request(
      'PATCH',
      `/api/venues/${VENUE}/performances/hamlet-0501/limits`,
      { body: { perCustomerLimit: null }, auth: server.managerAuth() },
    );
    expect(cleared.status).toBe(200);
    const after = await pulled();
    expect(after.version).toBe(3);
    expect(
      after.performances.find((p) => p.id === 'hamlet-0501')!.perCustomerLimit,
    ).toBeUndefined();
    const rows = await server.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_events WHERE venue_id = $1 AND kind = 'purchase_limit_changed' ORDER BY id`,
      [VENUE],
    );
    expect(rows.map((r) => [r.detail.before, r.detail.after])).toEqual([
      [6, 4], // the fixture limits hamlet-0501 to 6 a customer
      [4, null],
    ]);
    const zero = await server.request(
      'PATCH',
      `/api/venues/${VENUE}/performances/hamlet-0501/limits`,
      { body: { perCustomerLimit: 0 }, auth: server.managerAuth() },
    );
    expect(zero.status).toBe(400);
    const unknown = await server.request('PATCH', `/api/venues/${VENUE}/performances/nope/limits`, {
      body: { perCustomerLimit: 2 },
      auth: server.managerAuth(),
    });
    expect(unknown.status).toBe(404);
  });
});
