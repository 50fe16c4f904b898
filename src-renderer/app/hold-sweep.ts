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

/**
 * A live flow claims its hold id: registered, and a Web Lock held until `end` is called (the
 * flow ended normally and let its seats go) or the page dies (the lock goes with it).
 */
export function claimFlowHolds(terminalId: string, holdId: string): { end(): void } {
  writeRegistry(terminalId, [...readRegistry(terminalId), holdId]);
  let unlock: () => void = () => undefined;
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks !== undefined) {
    void locks
      .request(lockName(holdId), () => new Promise<void>((resolve) => (unlock = resolve)))
      .catch(() => undefined);
  }
  return {
    end() {
      unlock();
      writeRegistry(
        terminalId,
        readRegistry(terminalId).filter((id) => id !== holdId),
      );
    },
  };
}

/**
 * At start: the seats held by registered flows whose page is gone (no one holds their lock)
 * are released and the flows struck off. Best effort: a failure leaves the holds to lapse.
 * Returns how many seats went.
 */
export async function releaseDeadFlowHolds(db: BoxOfficeDb, terminalId: string): Promise<number> {
  const registered = readRegistry(terminalId);
  if (registered.length === 0) return 0;
  try {
    const locks = navigator.locks;
    const held = new Set(
      ((await locks.query()).held ?? []).flatMap((l) => (l.name !== undefined ? [l.name] : [])),
    );
    const dead = registered.filter((id) => !held.has(lockName(id)));
    let released = 0;
    for (const holdId of dead) {
      const rows = await db.seatStates
        .filter((r) => r.state === 'held' && r.holdId === holdId)
        .toArray();
      const r = await releaseSeatRows(db, holdId, rows);
      if (r.ok) released += r.value;
    }
    writeRegistry(
      terminalId,
      readRegistry(terminalId).filter((id) => !dead.includes(id)),
    );
    return released;
  } catch (e) {
    console.error('Held seats of an ended flow could not be released; they lapse by themselves', e);
    return 0;
  }
}
