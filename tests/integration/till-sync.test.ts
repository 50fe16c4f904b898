// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { rm } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractClient } from '../../shared/ipc/client';
import type { Services } from '../../src-main/services/create-services';
import { anchorThrough } from '../../src-renderer/app/journal-anchor';
import { reloadOrder } from '../../src-renderer/app/order-service';
import { commitRefund } from '../../src-renderer/app/refund-service';
import { inventoryFor } from '../../src-renderer/app/sale-service';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import { openTill, type Till } from '../../src-renderer/app/till';
import { loadDemoIfEmpty } from '../../src-renderer/demo/load-demo';
import { loadTerminalKeyRing, OWN_SIGNING_KEY_SETTING } from '../../src-renderer/scan';
import { openStore, readTail } from '../../src-renderer/store';
import { restoreFromServer } from '../../src-renderer/sync/restore';
import { startSync, type SyncEngine } from '../../src-renderer/sync/sync-engine';
import { syncThrough } from '../../src-renderer/sync/sync-port';
import { withApproval } from '../support/approvals';
import { startEnrolledMain } from '../support/main-services';
import { startSyncTestServer, type SyncTestServer } from '../support/sync-server';
import { NOW } from '../unit/flows-fixtures';
import { closeTills, olena, openDemoTill, sellSeats } from '../unit/till-fixtures';

// The page's sync client against the real central server (PGlite, loopback port 0) through
// main's real sync services, one data folder per till: the outbox goes up, other tills'
// entries come down into the read models, and a till whose store is lost restores from the
// server and sells on at the next receipt number.

const P = 'forest-song-1';
const taras = { staffId: 'taras', pin: '2222' };

interface TillSide {
  readonly dir: string;
  readonly services: Services;
  readonly client: ContractClient;
  readonly terminalId: string;
}

let server: SyncTestServer;
const sides: TillSide[] = [];
const engines: SyncEngine[] = [];

/** Main for one till: its own data folder, enrolled at start with a fresh one-time code. */
async function startMain(): Promise<TillSide> {
  const side = await startEnrolledMain(server.url, () => server.enrolment(), 'till-sync-');
  sides.push(side);
  return side;
}

function syncOf(till: Till, side: TillSide): SyncEngine {
  // Timers that never fire: each test drives the cycles itself.
  const engine = startSync({
    db: till.store.db,
    terminalId: till.terminalId,
    port: syncThrough(side.client),
    timers: { set: () => null, clear: () => undefined },
  });
  engines.push(engine);
  return engine;
}

async function cycle(engine: SyncEngine, what: 'push' | 'pull' | 'all' = 'all'): Promise<void> {
  engine.nudge(what);
  await engine.idle();
}

beforeEach(async () => {
  server = await startSyncTestServer();
});

afterEach(async () => {
  for (const e of engines.splice(0)) e.stop();
  await closeTills();
  for (const s of sides.splice(0)) {
    await s.services.close();
    await rm(s.dir, { recursive: true, force: true });
  }
  await server.close();
});

describe('two tills and the central server', () => {
  it('a sale at A is sold at B, B refunds it, A sees the seat free; tickets of A verify at B', async () => {
    const mainA = await startMain();
    const mainB = await startMain();
    expect(mainA.terminalId).not.toBe(mainB.terminalId);
    const a = await openDemoTill({
      terminalId: mainA.terminalId,
      anchor: anchorThrough(mainA.client),
      staff: staffAuthority(mainA.client),
    });
    const b = await openDemoTill({
      terminalId: mainB.terminalId,
      anchor: anchorThrough(mainB.client),
      staff: staffAuthority(mainB.client),
    });
    const syncA = syncOf(a, mainA);
    const syncB = syncOf(b, mainB);
    await Promise.all([syncA.idle(), syncB.idle()]);

    const sale = await sellSeats(a, P, 'standard', ['stalls-10-9']);
    await cycle(syncA);
    expect(syncA.snapshot()).toMatchObject({ connection: 'online', queued: 0, blocked: null });

    await cycle(syncB);
    expect(syncB.snapshot()).toMatchObject({ connection: 'online', queued: 0 });
    expect((await inventoryFor(b, P)).availableSeatIds?.has('stalls-10-9')).toBe(false);
    expect(await b.store.db.orders.get(sale.orderId)).toMatchObject({
      terminalId: mainA.terminalId,
      status: 'completed',
    });
    // A published its ticket key; B's scanner ring has it.
    const own = (await a.store.db.settings.get(OWN_SIGNING_KEY_SETTING))?.value as {
      keyId: string;
    };
    const ring = await loadTerminalKeyRing(b.store.db);
    expect(ring.ok && ring.value.get(own.keyId)?.revoked).toBe(false);

    const order = await reloadOrder(b, sale.orderId);
    const refunded = await withApproval(b, taras, (grant) =>
      commitRefund(
        b,
        order!.view,
        { ticketIds: [sale.tickets[0]!.ticketId], method: 'cash', reasonCode: 'customer_request' },
        olena,
        grant,
      ),
    );
    if (!refunded.ok) throw new Error(refunded.error.message);
    await cycle(syncB, 'push');
    expect(syncB.snapshot()).toMatchObject({ queued: 0, blocked: null });
    await cycle(syncA, 'pull');
    expect((await a.store.db.tickets.get(sale.tickets[0]!.ticketId))?.status).toBe('refunded');
    expect((await inventoryFor(a, P)).availableSeatIds?.has('stalls-10-9')).toBe(true);
  });

  it('a till whose store is lost restores from the server and sells on at the next receipt number', async () => {
    const mainA = await startMain();
    const a = await openDemoTill({
      terminalId: mainA.terminalId,
      anchor: anchorThrough(mainA.client),
      staff: staffAuthority(mainA.client),
    });
    const syncA = syncOf(a, mainA);
    await sellSeats(a, P, 'standard', ['stalls-10-9']);
    const second = await sellSeats(a, P, 'standard', ['stalls-10-10']);
    await cycle(syncA, 'push');
    expect(syncA.snapshot().queued).toBe(0);
    const head = (await readTail(a.store.db, mainA.terminalId)).last!;
    syncA.stop();

    // IndexedDB gone: the same terminal (same main, same anchor) on an empty store.
    const dbName = `lost-${Date.now()}`;
    const damaged = await openTill({
      terminalId: mainA.terminalId,
      dbName,
      clock: () => NOW,
      anchor: anchorThrough(mainA.client),
      staff: staffAuthority(mainA.client),
    });
    expect(damaged.ok || damaged.error.code).toBe('records_damaged');

    const opened = await openStore({
      terminalId: mainA.terminalId,
      name: dbName,
      clock: () => new Date(NOW),
    });
    if (!opened.ok) throw new Error(opened.error.message);
    const restored = await restoreFromServer({
      store: opened.value,
      port: syncThrough(mainA.client),
      anchor: anchorThrough(mainA.client),
    });
    opened.value.close();
    expect(restored).toEqual({ ok: true, value: { restored: head.seq, seq: head.seq } });

    const reopened = await openTill({
      terminalId: mainA.terminalId,
      dbName,
      clock: () => NOW,
      anchor: anchorThrough(mainA.client),
      staff: staffAuthority(mainA.client),
      seed: (s) => loadDemoIfEmpty(s.db, { now: new Date(NOW) }),
    });
    if (!reopened.ok) throw new Error(reopened.error.message);
    const till = reopened.value;
    try {
      expect(till.state().lastReceiptNo).toBe(second.receiptNo);
      const next = await sellSeats(till, P, 'standard', ['stalls-10-11']);
      expect(next.receiptNo).toBe(second.receiptNo + 1);
      const syncAgain = syncOf(till, mainA);
      await syncAgain.idle();
      expect(syncAgain.snapshot()).toMatchObject({
        connection: 'online',
        queued: 0,
        blocked: null,
      });
    } finally {
      till.close();
    }
  });
});
