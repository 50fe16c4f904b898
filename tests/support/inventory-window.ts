// First: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import { rm } from 'node:fs/promises';
import { createActor, waitFor } from 'xstate';
import type { ContractClient } from '../../shared/ipc/client';
import type { Services } from '../../src-main/services/create-services';
import { anchorThrough } from '../../src-renderer/app/journal-anchor';
import { commitSale } from '../../src-renderer/app/sale-service';
import { staffAuthority } from '../../src-renderer/app/staff-authority';
import type { Till } from '../../src-renderer/app/till';
import type { FlowResult } from '../../src-renderer/flows/flow-types';
import { seatHoldActors } from '../../src-renderer/flows/seat-hold-actors';
import type { HeldSeats, HoldSeatsInput } from '../../src-renderer/flows/sell/sell-types';
import { inventoryThrough, readFailure } from '../../src-renderer/inventory/inventory-port';
import { createInventorySource } from '../../src-renderer/inventory/inventory-source';
import { keepLeasesOnce } from '../../src-renderer/inventory/lease-keeper';
import { endLease, unendedLeases } from '../../src-renderer/store';
import { startSync, type SyncEngine } from '../../src-renderer/sync/sync-engine';
import { syncThrough } from '../../src-renderer/sync/sync-port';
import { NOW, UAH } from '../unit/flows-fixtures';
import { olena, openDemoTill } from '../unit/till-fixtures';
import { startEnrolledMain } from './main-services';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * One box-office window for issue 12's multi-till runs (tests/integration/till-inventory and
 * tests/bench/partition): the till's real main services in a data folder of their own,
 * enrolled at the central server THROUGH a loopback TCP proxy the caller can `cut()` and
 * `restore()`, and the till's real renderer code on fake-indexeddb — its inventory source,
 * the sell flow's seat hold actors, `commitSale`, the lease keeper and the sync engine.
 * The till's clock is the fixtures' NOW (its demo catalog is built at that instant).
 *
 * Call `closeTills()` (tests/unit/till-fixtures) after `closeWindow`: the till and its staff
 * service are the fixtures'.
 */
export interface InventoryWindow {
  readonly services: Services;
  readonly client: ContractClient;
  readonly proxy: TcpProxy;
  readonly till: Till;
  readonly sync: SyncEngine;
  readonly dir: string;
}

/** Where a window enrols: a running central server and a fresh enrolment code of its venue. */
export interface EnrolmentServer {
  readonly url: string;
  enrolment(): Promise<{ venueId: string; code: string }>;
}

export async function openWindow(server: EnrolmentServer): Promise<InventoryWindow> {
  const url = new URL(server.url);
  const proxy = await startTcpProxy(url.hostname, Number(url.port));
  const { dir, services, client, terminalId } = await startEnrolledMain(proxy.url, () =>
    server.enrolment(),
  );
  const till = await openDemoTill({
    terminalId,
    anchor: anchorThrough(client),
    staff: staffAuthority(client),
    inventory: (store, terminalId) =>
      createInventorySource({
        port: inventoryThrough(client),
        db: store.db,
        terminalId,
        clock: () => NOW,
      }),
  });
  // No timers: a push happens when the caller asks for one (`push`).
  const sync = startSync({
    db: till.store.db,
    terminalId: till.terminalId,
    port: syncThrough(client),
    timers: { set: () => null, clear: () => undefined },
  });
  return { services, client, proxy, till, sync, dir };
}

/** Stops the window's sync, main services and proxy, and removes its data folder. */
export async function closeWindow(w: InventoryWindow): Promise<void> {
  w.sync.stop();
  await w.services.close();
  await w.proxy.close();
  await rm(w.dir, { recursive: true, force: true });
}

/** A seat hold for a cart, as the sell flow asks for one (the seat hold actor, run once). */
export async function hold(
  w: InventoryWindow,
  input: {
    readonly cartId: string;
    readonly performanceId: string;
    readonly tierId: string;
    readonly request: HoldSeatsInput['request'];
    readonly includeAccessible?: boolean;
  },
): Promise<FlowResult<HeldSeats, string>> {
  const { holdSeats } = seatHoldActors({
    db: w.till.store.db,
    catalog: () => w.till.catalog,
    clock: () => NOW,
    holdMs: () => 10 * 60_000,
    inventory: w.till.inventory,
  });
  const actor = createActor(holdSeats, {
    input: {
      cartId: input.cartId,
      performanceId: input.performanceId,
      tierId: input.tierId,
      request: input.request,
      includeAccessible: input.includeAccessible ?? false,
    },
  });
  actor.start();
  const done = await waitFor(actor, (s) => s.status !== 'active');
  return done.output as FlowResult<HeldSeats, string>;
}

/** A cash sale of seats (`seatId`) or GA places (`quantity`) of one performance by Olena. */
export function sell(
  w: InventoryWindow,
  cartId: string,
  performanceId: string,
  items: readonly { tierId: string; seatId?: string; quantity?: number }[],
): ReturnType<typeof commitSale> {
  return commitSale(
    w.till,
    {
      items: items.map((i) => ({ performanceId, ...i })),
      tenders: [{ kind: 'cash', tendered: UAH(100_000) }],
    },
    olena,
    cartId,
  );
}

/** The server's availability of a performance, asked through the window's main. */
export async function availability(w: InventoryWindow, performanceId: string) {
  const r = await w.client.call('inventory.availability', { performanceId });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Pushes the window's outbox now and waits until the sync engine is idle. */
export async function push(w: InventoryWindow): Promise<void> {
  w.sync.nudge('push');
  await w.sync.idle();
}

/** One round of the lease keeper; the horizon reaches the demo's performances (60 days). */
export const keepLeases = (w: InventoryWindow, horizonMs = 60 * 86_400_000, settle = false) =>
  keepLeasesOnce({
    port: inventoryThrough(w.client),
    db: w.till.store.db,
    terminalId: w.till.terminalId,
    catalog: () => w.till.catalog,
    clock: () => NOW,
    horizonMs,
    settle,
  });

/**
 * Gives back every lease the window has not ended, as the lease keeper's own give-back does
 * (`inventory.returnLease` through main, then the store ends it); returns, per performance,
 * the seats and GA places the server took back, and how many leases the server no longer had
 * (`lease_not_found`: sold out by pushed sales, or expired). Throws on any other refusal.
 */
export async function returnLeases(w: InventoryWindow): Promise<{
  readonly back: ReadonlyMap<string, { seats: number; ga: number }>;
  readonly gone: number;
}> {
  const back = new Map<string, { seats: number; ga: number }>();
  let gone = 0;
  for (const l of await unendedLeases(w.till.store.db)) {
    if (l.serverLeaseId === undefined) continue;
    const r = await w.client.call('inventory.returnLease', { leaseId: l.serverLeaseId });
    if (r.ok) {
      const was = back.get(l.performanceId) ?? { seats: 0, ga: 0 };
      back.set(l.performanceId, {
        seats: was.seats + r.value.lease.seatIds.length,
        ga: was.ga + Object.values(r.value.lease.ga).reduce((a, b) => a + b, 0),
      });
    } else {
      const failure = readFailure(r.error);
      if (failure.kind !== 'refused' || failure.code !== 'lease_not_found') {
        throw new Error(`lease ${l.serverLeaseId} not returned: ${r.error.message}`);
      }
      gone++;
    }
    await endLease(w.till.store.db, l.serverLeaseId, new Date(NOW).toISOString());
  }
  return { back, gone };
}
