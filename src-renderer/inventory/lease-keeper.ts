import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { AvailabilityResponse } from '../../shared/inventory/contract';
import {
  gaBounds,
  leaseAdvice,
  seatBounds,
  venueLeaseLimits,
} from '../../shared/inventory/lease-policy';
import {
  browserLocks,
  endLease,
  gaSoldHereSince,
  keepLease,
  liveLeases,
  soldHereSince,
  unendedLeases,
  type BoxOfficeDb,
  type LeaseRecord,
} from '../store';
import { readFailure, type InventoryPort } from './inventory-port';

/**
 * Keeps this till's offline leases the right size while it is online (issue 12 item 3): for
 * each performance on sale within `horizonMs`, `leaseAdvice` (shared/inventory/lease-policy)
 * decides from the till's sales of the last hour and what the venue has free whether to top
 * the lease up, keep it, or give it back; leases of performances past their start, and
 * leases that expired, are ended here. One round per call; the caller runs it periodically.
 */
export interface LeaseKeeperDeps {
  readonly port: InventoryPort;
  readonly db: BoxOfficeDb;
  readonly terminalId: string;
  readonly catalog: () => CatalogIndex;
  readonly clock: () => number;
  /** Windows selling a performance (this one and the web shop included). */
  readonly sellers?: number;
  /** Only performances starting within this long are leased (default 14 days). */
  readonly horizonMs?: number;
  /** Each availability answer, for whoever shows what the venue has left. */
  readonly onAvailability?: (performanceId: string, answer: AvailabilityResponse) => void;
  /**
   * Back online with everything pushed (issue 12: "unsold lease returns on reconnect"): each
   * lease is swapped — a fresh one sized by the rule as if the old were back is checked out
   * first, and only then the old one goes back (its unsold places on sale at every window).
   * No moment without a lease, so a till cut off again right away still sells; a lease with a
   * seat in an open cart here is kept, and so is the old one when no fresh one can be had.
   */
  readonly settle?: boolean;
}

export interface LeaseRound {
  /** `online` when the server answered, `offline` when it could not be reached, `local` not enrolled. */
  readonly reach: 'online' | 'offline' | 'local';
  readonly toppedUp: number;
  readonly returned: number;
}

const HOUR = 3_600_000;
const LEASE_LOCK = 'box-office-lease-keeper';

/** Seats and GA places of a live lease this till has not sold yet. */
async function unsoldSeats(db: BoxOfficeDb, lease: LeaseRecord): Promise<string[]> {
  const ids = lease.seatIds ?? [];
  const rows = await db.seatStates.bulkGet(
    ids.map((id): [string, string] => [lease.performanceId, id]),
  );
  return ids.filter((_, i) => rows[i]?.state !== 'sold');
}

export async function leaseLeft(
  db: BoxOfficeDb,
  terminalId: string,
  leases: readonly LeaseRecord[],
): Promise<{ seats: number; ga: Record<string, number> }> {
  let seats = 0;
  const ga: Record<string, number> = {};
  for (const l of leases) {
    if (l.kind === 'seats') {
      const rows = await db.seatStates.bulkGet(
        (l.seatIds ?? []).map((id): [string, string] => [l.performanceId, id]),
      );
      seats += rows.filter((r) => r?.state !== 'sold').length;
    } else if (l.tierId !== undefined) {
      const sold = await gaSoldHereSince(
        db,
        terminalId,
        l.performanceId,
        l.tierId,
        l.checkedOutAt ?? l.expiresAt,
      );
      ga[l.tierId] = (ga[l.tierId] ?? 0) + Math.max(0, (l.quantity ?? 0) - sold);
    }
  }
  return { seats, ga };
}

export async function keepLeasesOnce(deps: LeaseKeeperDeps): Promise<LeaseRound> {
  const { port, db } = deps;
  const now = deps.clock();
  const nowIso = new Date(now).toISOString();
  const sellers = deps.sellers ?? 4;
  const horizon = now + (deps.horizonMs ?? 14 * 24 * HOUR);
  let toppedUp = 0;
  let returned = 0;

  const giveBack = async (serverLeaseIds: Iterable<string>): Promise<'offline' | null> => {
    for (const id of new Set(serverLeaseIds)) {
      const r = await port.returnLease({ leaseId: id });
      if (!r.ok) {
        const failure = readFailure(r.error);
        if (failure.kind === 'offline') return 'offline';
        // Refused (ended already, not ours): it is not this till's to sell either way.
      }
      await endLease(db, id, nowIso);
      returned++;
    }
    return null;
  };

  // Leases that expired or whose performance has started go back (or are dropped) first.
  const catalog = deps.catalog();
  // The venue's lease bounds, from its catalog: the ones the server refuses a checkout outside.
  const limits = venueLeaseLimits(catalog.venue);
  const stale = (await unendedLeases(db)).filter((l) => {
    const p = catalog.performance(l.performanceId);
    return (
      l.expiresAt <= nowIso || p === undefined || p.startsAt <= nowIso || p.status !== 'scheduled'
    );
  });
  if ((await giveBack(stale.map((l) => l.serverLeaseId!))) === 'offline') {
    return { reach: 'offline', toppedUp, returned };
  }

  for (const p of catalog.catalog.performances) {
    if (p.status !== 'scheduled' || p.startsAt <= nowIso || Date.parse(p.startsAt) > horizon) {
      continue;
    }
    const answer = await port.availability({ performanceId: p.id });
    if (!answer.ok) {
      const failure = readFailure(answer.error);
      if (failure.kind === 'local') return { reach: 'local', toppedUp, returned };
      if (failure.kind === 'offline') return { reach: 'offline', toppedUp, returned };
      continue; // the server does not sell this one (unknown, not on sale): nothing to lease
    }
    deps.onAvailability?.(p.id, answer.value);
    let live = await liveLeases(db, p.id, nowIso);
    // A lease the server no longer has for this till (returned from elsewhere, ended there)
    // is not this till's to sell: none of its unsold seats is leased here any more.
    const leasedHere = answer.value.seats?.leasedHere;
    if (leasedHere !== undefined) {
      const stillHere = new Set(leasedHere);
      for (const l of live) {
        if (l.kind !== 'seats') continue;
        const unsold = await unsoldSeats(db, l);
        if (unsold.length > 0 && !unsold.some((s) => stillHere.has(s))) {
          await endLease(db, l.serverLeaseId!, nowIso);
        }
      }
      live = await liveLeases(db, p.id, nowIso);
    }
    // Settling: the leases to swap count as given back already (nothing of a cart in them).
    const swapping = deps.settle === true ? await leasesToSwap(db, live) : [];
    const kept = live.filter((l) => !swapping.includes(l));
    const left = await leaseLeft(db, deps.terminalId, kept);
    const swapped = await leaseLeft(db, deps.terminalId, swapping);
    const sold = await soldHereSince(db, deps.terminalId, p.id, new Date(now - HOUR).toISOString());
    const seats = leaseAdvice({
      soldLastHour: sold.seats,
      venueFree: answer.value.seatsAvailable.length + swapped.seats,
      venueLeased: answer.value.leased.seats - swapped.seats,
      leasedHere: left.seats,
      sellers,
      ...seatBounds(limits),
    });
    const ga: Record<string, number> = {};
    let gaReturn = false;
    for (const [tierId, free] of Object.entries(answer.value.gaAvailable)) {
      const advice = leaseAdvice({
        soldLastHour: sold.ga,
        venueFree: free + (swapped.ga[tierId] ?? 0),
        leasedHere: left.ga[tierId] ?? 0,
        sellers,
        ...gaBounds(limits),
      });
      if (advice.kind === 'top_up') ga[tierId] = advice.count;
      if (advice.kind === 'return') gaReturn = true;
    }
    // The venue running low on either gives the whole lease back (one lease holds both).
    if (seats.kind === 'return' || gaReturn) {
      if ((await giveBack(live.map((l) => l.serverLeaseId!))) === 'offline') {
        return { reach: 'offline', toppedUp, returned };
      }
      continue;
    }
    const seatCount = seats.kind === 'top_up' ? seats.count : 0;
    let fresh = seatCount === 0 && Object.keys(ga).length === 0;
    if (!fresh) {
      const lease = await port.checkoutLease({
        performanceId: p.id,
        ...(seatCount > 0 ? { seats: seatCount } : {}),
        ...(Object.keys(ga).length > 0 ? { ga } : {}),
      });
      if (lease.ok) {
        await keepLease(db, lease.value.lease, nowIso);
        toppedUp++;
        fresh = true;
      } else if (readFailure(lease.error).kind === 'offline') {
        return { reach: 'offline', toppedUp, returned };
      }
    }
    // The old lease goes back only once the fresh one is in hand (or none is needed).
    if (fresh && swapping.length > 0) {
      if ((await giveBack(swapping.map((l) => l.serverLeaseId!))) === 'offline') {
        return { reach: 'offline', toppedUp, returned };
      }
    }
  }
  return { reach: 'online', toppedUp, returned };
}

/** Of these live leases, the ones none of whose seats sits in an open cart here. */
async function leasesToSwap(db: BoxOfficeDb, live: readonly LeaseRecord[]): Promise<LeaseRecord[]> {
  const inCart = new Set<string>();
  for (const l of live) {
    const rows = await db.seatStates.bulkGet(
      (l.seatIds ?? []).map((id): [string, string] => [l.performanceId, id]),
    );
    if (rows.some((r) => r?.state === 'held')) inCart.add(l.serverLeaseId!);
  }
  return live.filter((l) => !inCart.has(l.serverLeaseId!));
}

/** What the status bar shows of this till's live leases. */
export interface LeaseSummary {
  /** Seats left of the seat leases, or null when none of them is of seats (nothing to say). */
  readonly seats: number | null;
  /** Standing places left of the GA leases, or null when none of them is of standing places. */
  readonly ga: number | null;
  /** When the first of them ends, or null when the till holds no live lease. */
  readonly expiresAt: string | null;
}

/**
 * This till's lease left now, per kind, and the first expiry: of the performance on screen
 * when one is given (a seated show has no standing places to speak of), of every performance
 * otherwise. A kind no lease is of is null, so the status bar leaves it out.
 */
export async function leaseSummary(
  db: BoxOfficeDb,
  terminalId: string,
  now: number,
  performanceId: string | null = null,
): Promise<LeaseSummary> {
  const nowIso = new Date(now).toISOString();
  const live = (await unendedLeases(db)).filter(
    (l) => l.expiresAt > nowIso && (performanceId === null || l.performanceId === performanceId),
  );
  const left = await leaseLeft(db, terminalId, live);
  const expiresAt = live.map((l) => l.expiresAt).sort()[0] ?? null;
  return {
    seats: live.some((l) => l.kind === 'seats') ? left.seats : null,
    ga: live.some((l) => l.kind !== 'seats')
      ? Object.values(left.ga).reduce((a, b) => a + b, 0)
      : null,
    expiresAt,
  };
}

export interface LeaseKeeperRunner {
  /**
   * Runs a round now, unless one is under way; `settle` (back online, everything pushed) swaps
   * the leases — kept for the next round if one is under way.
   */
  nudge(options?: { readonly settle?: boolean }): void;
  stop(): void;
}

/**
 * Runs `keepLeasesOnce` at start and every `everyMs` (default 60 s), one round at a time; a
 * till that is not enrolled stops after its first round. `onRound` hears each outcome (the
 * status bar reads the lease again).
 */
export function startLeaseKeeper(
  deps: LeaseKeeperDeps & {
    readonly everyMs?: number;
    readonly onRound?: (round: LeaseRound) => void;
    readonly onError?: (error: unknown) => void;
  },
): LeaseKeeperRunner {
  let stopped = false;
  let running: Promise<void> | null = null;
  let settleNext = false;
  // One round at a time across the page's keepers too (a remount starts a second keeper
  // while the first one's round is in flight): two rounds would each take a lease.
  const locks = browserLocks();
  const round = (settle: boolean): Promise<LeaseRound | null> =>
    locks.requestIfFree(LEASE_LOCK, () => keepLeasesOnce({ ...deps, settle }));
  const run = () => {
    if (stopped || running !== null) return;
    const settle = settleNext;
    settleNext = false;
    running = round(settle)
      .then((done) => {
        if (done === null) return;
        if (done.reach === 'local') stop();
        deps.onRound?.(done);
      })
      .catch((e: unknown) => deps.onError?.(e))
      .finally(() => {
        running = null;
        if (settleNext) run();
      });
  };
  const timer = setInterval(run, deps.everyMs ?? 60_000);
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  run();
  return {
    nudge: (options) => {
      if (options?.settle === true) settleNext = true;
      run();
    },
    stop,
  };
}
