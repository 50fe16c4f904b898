import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/catalog/catalog';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { openTill } from '../../src-renderer/app/till';
import { catalogCurrentAt, catalogVersion } from '../../src-renderer/store';
import { firstCatalogFromServer, takeNewerCatalog } from '../../src-renderer/sync/catalog-pull';
import { startSync, type SyncTimers } from '../../src-renderer/sync/sync-engine';
import { NOW } from './flows-fixtures';
import { FakeSyncServer } from './sync-fake-server';
import { closeTills, openDemoTill } from './till-fixtures';

afterEach(closeTills);

/** No polls: each test runs the cycles it means to. */
const noTimers: SyncTimers = { set: () => null, clear: () => undefined };

function demoCatalog(version: number): Catalog {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, NOW);
  if (!built.ok) throw new Error(built.error.message);
  return { ...built.value, version };
}

describe("the venue's catalog from the server", () => {
  it('a newer catalog announced in a pull is stored whole and the till reads it: a cancelled performance shows cancelled', async () => {
    const server = new FakeSyncServer();
    const till = await openDemoTill({ terminalId: 'TA' });
    const own = await catalogVersion(till.store.db);
    const performanceId = till.catalog.catalog.performances[0]!.id;
    expect(till.catalog.performance(performanceId)?.status).toBe('scheduled');

    const next = demoCatalog(own! + 1);
    server.catalogs.push({
      ...next,
      performances: next.performances.map((p) =>
        p.id === performanceId ? { ...p, status: 'cancelled' as const } : p,
      ),
    });
    let told: number | null = null;
    const engine = startSync({
      db: till.store.db,
      terminalId: 'TA',
      port: server.port('TA'),
      timers: noTimers,
      onCatalog: async (version) => {
        told = version;
        await till.reloadCatalog();
      },
    });
    await engine.idle();
    expect(told).toBe(own! + 1);
    expect(await catalogVersion(till.store.db)).toBe(own! + 1);
    expect(till.catalog.performance(performanceId)?.status).toBe('cancelled');
    expect(server.catalogRequests).toBe(1);

    // Pulled again with nothing newer: the catalog is not fetched again.
    engine.nudge('pull');
    await engine.idle();
    expect(server.catalogRequests).toBe(1);
    engine.stop();
  });

  it('never takes an older or equal version', async () => {
    const server = new FakeSyncServer();
    const till = await openDemoTill({ terminalId: 'TA' });
    const own = (await catalogVersion(till.store.db))!;
    server.catalogs.push(demoCatalog(own));
    expect(await takeNewerCatalog(till.store.db, server.port('TA'), own)).toEqual({
      ok: true,
      replaced: null,
    });
    expect(await takeNewerCatalog(till.store.db, server.port('TA'), null)).toEqual({
      ok: true,
      replaced: null,
    });
    expect(server.catalogRequests).toBe(0);
    // The server announces a newer version but answers with an older one (a stale node).
    expect(await takeNewerCatalog(till.store.db, server.port('TA'), own + 1)).toEqual({
      ok: true,
      replaced: null,
    });
    expect(await catalogVersion(till.store.db)).toBe(own);
  });

  it('remembers when the server last said its catalog is current (a cash code issued later may need an update)', async () => {
    const server = new FakeSyncServer();
    const till = await openDemoTill({ terminalId: 'TA' });
    const own = (await catalogVersion(till.store.db))!;
    expect(await catalogCurrentAt(till.store.db)).toBeNull();
    // The server has no catalog to announce: nothing is known current.
    await takeNewerCatalog(till.store.db, server.port('TA'), null, NOW);
    expect(await catalogCurrentAt(till.store.db)).toBeNull();
    // Nothing newer than this till's: current as of this pull.
    await takeNewerCatalog(till.store.db, server.port('TA'), own, NOW + 1_000);
    expect(await catalogCurrentAt(till.store.db)).toBe(NOW + 1_000);
    // A newer one stored: current as of then.
    server.catalogs.push(demoCatalog(own + 1));
    expect(await takeNewerCatalog(till.store.db, server.port('TA'), own + 1, NOW + 2_000)).toEqual({
      ok: true,
      replaced: own + 1,
    });
    expect(await catalogCurrentAt(till.store.db)).toBe(NOW + 2_000);
  });

  it("a venue till's first start takes the server's catalog; without one it says why it has no venue", async () => {
    const server = new FakeSyncServer();
    const open = (name: string) =>
      openTill({
        terminalId: 'TV',
        dbName: `venue-till-${name}-${Date.now()}`,
        clock: () => NOW,
        seed: (store) => firstCatalogFromServer(store.db, server.port('TV')),
      });

    const nothing = await open('none');
    expect(!nothing.ok && nothing.error.message).toMatch(
      /has no venue yet.*the server has no catalog for this venue yet/,
    );

    server.enrolled = false;
    const alone = await open('alone');
    expect(!alone.ok && alone.error.message).toMatch(
      /has no venue yet.*it is not connected to a server/,
    );

    server.enrolled = true;
    server.catalogs.push(demoCatalog(7));
    const opened = await open('served');
    if (!opened.ok) throw new Error(opened.error.message);
    expect(await catalogVersion(opened.value.store.db)).toBe(7);
    expect(opened.value.catalog.catalog.performances.length).toBe(
      demoCatalog(7).performances.length,
    );
    expect(opened.value.demo).toBe(false);
    opened.value.close();
  });
});
