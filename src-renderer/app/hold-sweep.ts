import type { BoxOfficeDb } from '../store';
import { releaseSeatRows } from '../store';

/**
 * Seat holds of flows that died with their page. An exchange holds its new seats under its own
 * id; when the page is closed or reloaded mid-exchange nothing lets them go, and the seats read
 * "Held" until the hold lapses (20 minutes), even on this very till. So each exchange flow
 * registers its hold id here for as long as it lives, and holds a Web Lock of that name: the
 * browser drops the lock the moment the page goes, whatever way it goes. At start the till
 * releases the seats of every registered holder whose lock nobody holds any more. Holds of
 * other live windows (their locks are held) and of the sell cart (resumed from `carts`) are
 * left alone.
 */

const registryKey = (terminalId: string) => `box-office:flow-holds:${terminalId}`;
const lockName = (holdId: string) => `box-office:flow-hold:${holdId}`;

function readRegistry(terminalId: string): string[] {
  try {
    const raw = localStorage.getItem(registryKey(terminalId));
    const ids: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function writeRegistry(terminalId: string, ids: readonly string[]): void {
  try {
    if (ids.length === 0) localStorage.removeItem(registryKey(terminalId));
    else localStorage.setItem(registryKey(terminalId), JSON.stringify([...new Set(ids)]));
  } catch {
    // No storage: the holds lapse by themselves, as before.
  }
}

/** This page's live claims per hold id: a flow's effects may claim the same id again. */
const claims = new Map<string, { count: number; unlock: () => void }>();

/**
 * A live flow claims its hold id: registered, and a Web Lock held until the last `end` of
 * that id in this page (the flow ended normally and let its seats go) or until the page dies
 * (the lock goes with it).
 */
export function claimFlowHolds(terminalId: string, holdId: string): { end(): void } {
  const live = claims.get(holdId);
  if (live !== undefined) live.count += 1;
  else {
    const claim: { count: number; unlock: () => void } = { count: 1, unlock: () => undefined };
    claims.set(holdId, claim);
    writeRegistry(terminalId, [...readRegistry(terminalId), holdId]);
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks !== undefined) {
      void locks
        .request(lockName(holdId), () => new Promise<void>((resolve) => (claim.unlock = resolve)))
        .catch(() => undefined);
    }
  }
  let ended = false;
  return {
    end() {
      const claim = claims.get(holdId);
      if (ended || claim === undefined) return;
      ended = true;
      claim.count -= 1;
      if (claim.count > 0) return;
      claims.delete(holdId);
      claim.unlock();
      writeRegistry(
        terminalId,
        readRegistry(terminalId).filter((id) => id !== holdId),
      );
    },
  };
}

/** Lets go of one dead flow's held seats and strikes it off the register. */
async function releaseFlow(db: BoxOfficeDb, terminalId: string, holdId: string): Promise<number> {
  const rows = await db.seatStates
    .filter((r) => r.state === 'held' && r.holdId === holdId)
    .toArray();
  const r = await releaseSeatRows(db, holdId, rows);
  writeRegistry(
    terminalId,
    readRegistry(terminalId).filter((id) => id !== holdId),
  );
  return r.ok ? r.value : 0;
}

/**
 * At start: the seats held by registered flows whose page is gone (their lock is free) are
 * released before any screen shows them, and the flows struck off. A lock still held belongs
 * to a page that is still going — another window, or the page just closed that the browser
 * has not finished tearing down: its seats are released as soon as that lock comes free (a
 * flow that ended normally has let them go already, and a sold seat is never touched). Best
 * effort: a failure leaves the holds to lapse. Returns how many seats went at once.
 */
export async function releaseDeadFlowHolds(db: BoxOfficeDb, terminalId: string): Promise<number> {
  const registered = readRegistry(terminalId);
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (registered.length === 0 || locks === undefined) return 0;
  let released = 0;
  for (const holdId of registered) {
    try {
      const now = await locks.request(lockName(holdId), { ifAvailable: true }, (lock) =>
        lock === null ? null : releaseFlow(db, terminalId, holdId),
      );
      if (now !== null) {
        released += now;
        continue;
      }
      // Still held: wait for it without holding up the start.
      void locks
        .request(lockName(holdId), () => releaseFlow(db, terminalId, holdId))
        .catch((e: unknown) =>
          console.error('Held seats of an ended flow stay until they lapse', e),
        );
    } catch (e) {
      console.error(
        'Held seats of an ended flow could not be released; they lapse by themselves',
        e,
      );
    }
  }
  return released;
}

/**
 * The service worker that finishes a closing page's release (public/hold-release-sw.js): a
 * page's own IndexedDB requests in `pagehide` never complete, so the page hands its held seats
 * to the worker, which outlives it. None where service workers are not available (the
 * Electron `app:` scheme, tests in Node): the start-up sweep above then lets the seats go.
 */
let releaser: ServiceWorker | null = null;

/** Registers the worker once per page; the till does not wait for it. */
export async function startHoldReleaser(): Promise<void> {
  const workers = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (workers === undefined) return;
  try {
    await workers.register('./hold-release-sw.js');
    releaser = (await workers.ready).active;
  } catch (e) {
    console.warn('Held seats of a closed page will be released at the next start', e);
  }
}

/**
 * The page is going with a flow's seats still held: the worker lets go of those still held by
 * `holdId` once the page is gone. Synchronous (a closing page runs no more tasks); returns
 * whether a worker took them.
 */
export function releaseOnPageClose(
  db: Pick<BoxOfficeDb, 'name' | 'seatStates'>,
  holdId: string,
  seats: readonly { readonly performanceId: string; readonly seatId: string }[],
): boolean {
  if (releaser === null || seats.length === 0) return false;
  try {
    releaser.postMessage({
      type: 'release-holds',
      db: db.name,
      store: db.seatStates.name,
      holdId,
      seats: seats.map((s) => ({ performanceId: s.performanceId, seatId: s.seatId })),
    });
    return true;
  } catch {
    return false;
  }
}
