/**
 * The venue's catalog (PUT /api/venues/:venueId/catalog by a manager, GET /api/sync/catalog
 * and the pull answer's `catalogVersion` for tills): versions only grow, a refused catalog
 * changes nothing, and a till sees only its own venue's. The demo venue starts with the demo
 * template's catalog.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/catalog/catalog';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { catalogResponseSchema, pullResponseSchema } from '../../shared/sync/contract';
import { newestVersion } from '../../src-server/catalog/catalogs';
import { migrate } from '../../src-server/db/migrate';
import { seedDemo } from '../../src-server/venues';
import { freshDatabase, OTHER_MANAGER, startServer, type TestServer } from './harness';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function demoCatalog(version: number): Catalog {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, NOW);
  if (!built.ok) throw new Error(built.error.message);
  return { ...built.value, version };
}

/** The demo catalog with its first performance cancelled. */
function withCancelled(catalog: Catalog): { catalog: Catalog; cancelled: string } {
  const first = catalog.performances[0]!;
  return {
    catalog: {
      ...catalog,
      performances: catalog.performances.map((p) =>
        p.id === first.id ? { ...p, status: 'cancelled' as const } : p,
      ),
    },
    cancelled: first.id,
  };
}

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

const publish = (body: unknown, auth = server.managerAuth(), venueId = 'podil-stage') =>
  server.request('PUT', `/api/venues/${venueId}/catalog`, { body, auth });

async function tillView(token: string, after = -1) {
  const pull = await server.request('GET', '/api/sync/pull?after=0&limit=1', {
    auth: `Bearer ${token}`,
  });
  expect(pull.status).toBe(200);
  const got = await server.request('GET', `/api/sync/catalog?after=${after}`, {
    auth: `Bearer ${token}`,
  });
  expect(got.status).toBe(200);
  // Optional in the contract for older servers; this one always says it.
  expect(pull.body).toHaveProperty('catalogVersion');
  return {
    announced: pullResponseSchema.parse(pull.body).catalogVersion ?? null,
    catalog: catalogResponseSchema.parse(got.body).catalog,
  };
}

describe('venue catalog', () => {
  it('a manager publishes; the venue’s tills are told the version and fetch it; a newer one replaces it', async () => {
    const till = await server.enrol();
    expect(await tillView(till.token)).toEqual({ announced: null, catalog: null });

    const v1 = demoCatalog(1);
    const first = await publish(v1);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ version: 1 });
    const seen = await tillView(till.token);
    expect(seen.announced).toBe(1);
    expect(seen.catalog).toEqual(v1);
    // A till that has version 1 is given nothing.
    expect((await tillView(till.token, 1)).catalog).toBeNull();

    const { catalog: v2, cancelled } = withCancelled(demoCatalog(2));
    expect((await publish(v2)).status).toBe(200);
    const next = await tillView(till.token, 1);
    expect(next.announced).toBe(2);
    expect(next.catalog?.version).toBe(2);
    expect(next.catalog?.performances.find((p) => p.id === cancelled)?.status).toBe('cancelled');
  });

  it('refuses a version not above the newest, another venue’s or currency’s catalog, a broken one and anyone but the venue’s manager — and changes nothing', async () => {
    expect((await publish(demoCatalog(3))).status).toBe(200);
    const before = await server.snapshot();
    const till = await server.enrol();
    const afterEnrol = await server.snapshot();

    const same = await publish(demoCatalog(3));
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('catalog_version_taken');
    expect(same.body.error.message).toMatch(/version 4 or higher/);
    expect((await publish(demoCatalog(2))).status).toBe(409);

    const v4 = demoCatalog(4);
    const otherCurrency = { ...v4, venue: { ...v4.venue, currency: 'EUR' } };
    const eur = await publish(otherCurrency);
    // The schema itself refuses prices in another currency than the venue's, or the route does.
    expect([400, 422]).toContain(eur.status);

    const wrongVenue = await publish(v4, server.managerAuth(OTHER_MANAGER), 'lviv-hall');
    expect(wrongVenue.status).toBe(422);
    expect(wrongVenue.body.error.code).toBe('wrong_venue');

    // A tier of an event the catalog does not have: the catalog schema's cross-check.
    const broken = {
      ...v4,
      tiers: [...v4.tiers, { ...v4.tiers[0]!, id: 'ghost-tier', eventId: 'no-such-event' }],
    };
    const bad = await publish(broken);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/unknown event no-such-event/);

    expect((await publish(v4, server.managerAuth(OTHER_MANAGER))).status).toBe(401);
    expect(
      (
        await publish(
          v4,
          'Basic ' + Buffer.from('li.wei@podil-stage.example:wrong').toString('base64'),
        )
      ).status,
    ).toBe(401);
    expect((await publish(v4, `Bearer ${till.token}`)).status).toBe(401);
    expect((await server.request('GET', '/api/sync/catalog')).status).toBe(401);

    expect(await server.snapshot()).toEqual(afterEnrol);
    expect(before.catalogs).toEqual(afterEnrol.catalogs);
    expect((await tillView(till.token)).catalog?.version).toBe(3);
  });

  it('publishing wakes the venue’s live streams (after COMMIT: a till that pulls then is told the new version)', async () => {
    const till = await server.enrol();
    const heard: number[] = [];
    let announced: number | null = null;
    const woken = new Promise<void>((resolve) => {
      const off = server.feed.subscribe('podil-stage', (cursor) => {
        heard.push(cursor);
        off();
        void tillView(till.token).then((v) => {
          announced = v.announced;
          resolve();
        });
      });
    });
    const elsewhere: number[] = [];
    const offOther = server.feed.subscribe('lviv-hall', (c) => elsewhere.push(c));
    expect((await publish(demoCatalog(5))).status).toBe(200);
    await woken;
    offOther();
    expect(heard).toHaveLength(1);
    expect(announced).toBe(5);
    expect(elsewhere).toEqual([]);
  });

  it('a till of another venue never sees this venue’s catalog', async () => {
    expect((await publish(demoCatalog(1))).status).toBe(200);
    const other = await server.enrol('lviv-hall');
    expect(await tillView(other.token)).toEqual({ announced: null, catalog: null });
  });
});

describe('demo venue', () => {
  it('starts with the demo template’s catalog, once: a restart publishes nothing new', async () => {
    const { db, drop } = await freshDatabase();
    try {
      await migrate(db);
      await seedDemo(db, NOW);
      expect(await newestVersion(db, 'podil-stage')).toBe(demoCatalog(1).version);
      await seedDemo(db, NOW + 86_400_000);
      const rows = await db.query<{ n: unknown }>(
        `SELECT count(*) AS n FROM catalogs WHERE venue_id = 'podil-stage'`,
      );
      expect(Number(rows[0]!.n)).toBe(1);
    } finally {
      await db.close();
      await drop();
    }
  });
});
