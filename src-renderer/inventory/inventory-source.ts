import type { AvailabilityResponse } from '../../shared/inventory/contract';
import { err, ok, type Result } from '../../shared/util/result';
import {
  gaSoldHereSince,
  keepVenueCount,
  liveLeases,
  venueCountOf,
  type BoxOfficeDb,
  type VenueCountRecord,
} from '../store';
import { readFailure, type InventoryPort, type PortFailure } from './inventory-port';

/**
 * Where this till's seats and GA places come from (issue 12, DESIGN.md "Offline inventory:
 * leases"). One source for the sale, the exchange and the seat holds:
 * - `local`: the till is not enrolled (a demo or stand-alone till): its store is the venue;
 * - `online`: the server decides — a seat is held there before it is in the cart, GA places
 *   at the commit; a seat of this till's own lease needs no request;
 * - `offline`: the server cannot be reached — only this till's live lease is sold.
 * Which one applies is what the last real request said: each hold asks the server first.
 */
export type SeatScope =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'online';
      /** Seats nobody holds, leases or sold, as the server said just now. */
      readonly venueFree: ReadonlySet<string>;
      /** This till's live lease. */
      readonly leased: ReadonlySet<string>;
    }
  | {
      readonly kind: 'offline';
      readonly leased: ReadonlySet<string>;
      /** Free seats the venue had at the last answer (null: never asked). */
      readonly venueLeft: number | null;
      /** When that answer came (ISO instant; null: never asked). */
      readonly venueLeftAt: string | null;
    };

/** Whether a seat may go into a cart at this till under `scope` (sold/held rows aside). */
export function scopeAllows(scope: SeatScope, seatId: string): boolean {
  if (scope.kind === 'local') return true;
  if (scope.leased.has(seatId)) return true;
  return scope.kind === 'online' && scope.venueFree.has(seatId);
}

export type ClaimCode = 'seat_unavailable' | 'ga_sold_out' | 'sold_out_here' | 'not_at_this_window';

export interface ClaimRefusal {
  readonly code: ClaimCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What a claim at the server left to release if the sale does not happen. */
export interface Claim {
  /** The server's hold, or null when nothing was asked of the server (local, lease). */
  readonly serverHoldId: string | null;
}

export type InventoryMode = 'local' | 'online' | 'offline' | 'unknown';

/**
 * Whose the seats of a performance are beyond this till's store, for the seat map: `mine`
 * this till's lease; online, seats other windows lease or hold and seats the web shop holds;
 * offline, only the lease is known (every other seat is not this window's to sell now).
 */
export interface SeatMarks {
  readonly mine: ReadonlySet<string>;
  readonly leasedElsewhere: ReadonlySet<string>;
  readonly heldElsewhere: ReadonlySet<string>;
  readonly heldWeb: ReadonlySet<string>;
  /** Online: the seats the venue has free (any other seat is taken somewhere); offline null. */
  readonly venueFree: ReadonlySet<string> | null;
  readonly offline: boolean;
}

export interface InventorySource {
  /** Which seats of a performance a cart may take now (one request when enrolled). */
  seatScope(performanceId: string): Promise<SeatScope>;
  /** Holds venue seats for a cart at the server (online; lease seats need no claim). */
  claimSeats(input: {
    readonly performanceId: string;
    readonly seatIds: readonly string[];
    readonly untilMs: number;
  }): Promise<Result<Claim, ClaimCode>>;
  /**
   * A sale's places about to be committed that no hold of its cart has claimed yet (GA
   * places; seats a quick sale did not hold first): online one hold at the server for them
   * (the pushed sale then takes them out of it), offline what this till's lease has, local
   * always yes. Seats of this till's own lease need no claim.
   */
  claimForSale(input: {
    readonly performanceId: string;
    readonly seatIds: readonly string[];
    readonly ga: Readonly<Record<string, number>>;
    readonly untilMs: number;
  }): Promise<Result<Claim, ClaimCode>>;
  /** Gives back some of a server hold's seats (a cart dropped them). */
  releaseSeats(serverHoldId: string, seatIds: readonly string[]): Promise<void>;
  /** Gives back a whole server hold (a sale that did not happen). */
  releaseHold(serverHoldId: string): Promise<void>;
  /** Keeps server holds alive until `untilMs` (the cart is still being worked on). */
  renew(serverHoldIds: readonly string[], untilMs: number): Promise<void>;
  /** What the last request said. */
  mode(): InventoryMode;
  /** Hears every change of `mode()` (the sync engine re-checks the connection). */
  onModeChange(listener: (mode: InventoryMode) => void): () => void;
  /**
   * Seat owners for the seat map (one request online); null on a till that is not enrolled.
   * `maxAgeMs`: online, an answer the till had (its own or the lease keeper's) at most this
   * old does without a request — for counts (the performance list), never for a seat map.
   */
  seatMarks(
    performanceId: string,
    options?: { readonly maxAgeMs?: number },
  ): Promise<SeatMarks | null>;
  /** What the venue has left, as another request (the lease keeper's) found it. */
  noteAvailability(performanceId: string, answer: AvailabilityResponse): void;
}

export interface InventorySourceDeps {
  readonly port: InventoryPort;
  readonly db: BoxOfficeDb;
  readonly terminalId: string;
  readonly clock: () => number;
  /** Called when the mode changes (the status bar shows it). */
  readonly onMode?: (mode: InventoryMode) => void;
}

/** Why a hold at the server did not claim: it was not reached, or it said no. */
type ServerFailure = Exclude<PortFailure, { readonly kind: 'local' }>;

/** How often an unchanged venue count is written again (its "as of" moves on). */
const STORE_EVERY_MS = 60_000;

/** The server's code for a performance it does not know (see seatScope). */
const UNKNOWN = 'unknown_performance';

/** A server hold lives at most 30 min (HOLD_TTL); a cart renews it while worked on. */
const MAX_HOLD_SECONDS = 1800;
const MIN_HOLD_SECONDS = 30;
const ttlSeconds = (untilMs: number, now: number) =>
  Math.max(MIN_HOLD_SECONDS, Math.min(MAX_HOLD_SECONDS, Math.ceil((untilMs - now) / 1000)));

export function createInventorySource(deps: InventorySourceDeps): InventorySource {
  const { port, db } = deps;
  let mode: InventoryMode = 'unknown';
  const modeListeners = new Set<(mode: InventoryMode) => void>();
  /**
   * The last answer per performance and when it came: for "the venue still has N" (kept in
   * the store too, `venueCounts`, so it outlives a reload while offline) and for counts.
   */
  const lastAnswer = new Map<string, { answer: AvailabilityResponse; at: number }>();
  /** What was last written to `venueCounts` per performance (counts and when). */
  const stored = new Map<string, { key: string; at: number }>();
  /**
   * Notes an answer. The store gets it without the caller waiting (a seat-map refresh must not
   * wait for a strict write), and only when the counts changed or the stored time is more than
   * STORE_EVERY_MS old: the "as of" a reload shows is then at most that much older than true.
   */
  const heard = (performanceId: string, answer: AvailabilityResponse): void => {
    const at = deps.clock();
    lastAnswer.set(performanceId, { answer, at });
    const key = JSON.stringify([answer.seatsAvailable.length, answer.gaAvailable]);
    const before = stored.get(performanceId);
    if (before !== undefined && before.key === key && at - before.at < STORE_EVERY_MS) return;
    stored.set(performanceId, { key, at });
    keepVenueCount(db, {
      performanceId,
      seats: answer.seatsAvailable.length,
      ga: answer.gaAvailable,
      at: new Date(at).toISOString(),
    }).catch((e: unknown) => {
      // This session still knows it; only a reload while offline would not.
      stored.delete(performanceId);
      console.warn('The venue count was not stored.', e);
    });
  };
  /** What the venue had free at the last answer (this session's, else the stored one). */
  async function venueLeftOf(performanceId: string): Promise<VenueCountRecord | undefined> {
    const last = lastAnswer.get(performanceId);
    if (last === undefined) return venueCountOf(db, performanceId);
    return {
      performanceId,
      seats: last.answer.seatsAvailable.length,
      ga: last.answer.gaAvailable,
      at: new Date(last.at).toISOString(),
    };
  }
  const setMode = (next: InventoryMode) => {
    if (next === mode) return;
    mode = next;
    deps.onMode?.(next);
    for (const l of modeListeners) l(next);
  };
  const nowIso = () => new Date(deps.clock()).toISOString();

  async function leasedSeats(performanceId: string): Promise<Set<string>> {
    const leases = await liveLeases(db, performanceId, nowIso());
    return new Set(leases.flatMap((l) => (l.kind === 'seats' ? (l.seatIds ?? []) : [])));
  }

  const soldOutHere = async (performanceId: string, left: number, kind: 'seats' | 'ga') => {
    const venue = await venueLeftOf(performanceId);
    const venueCount =
      kind === 'seats'
        ? (venue?.seats ?? null)
        : venue
          ? Object.values(venue.ga).reduce((a, b) => a + b, 0)
          : null;
    return err<ClaimCode>(
      'sold_out_here',
      `Sold out at this window while offline (${left} left here)` +
        (venueCount === null ? '.' : `; the venue still has ${venueCount}.`),
      {
        here: left,
        venue: venueCount ?? '?',
        ...(venueCount === null || venue === undefined ? {} : { venueAt: venue.at }),
      },
    );
  };

  /** Offline: is there lease left for these GA places? */
  async function gaFromLease(
    performanceId: string,
    ga: Readonly<Record<string, number>>,
  ): Promise<Result<Claim, ClaimCode>> {
    const leases = await liveLeases(db, performanceId, nowIso());
    for (const [tierId, wanted] of Object.entries(ga)) {
      let left = 0;
      for (const l of leases) {
        if (l.kind !== 'ga' || l.tierId !== tierId) continue;
        const sold = await gaSoldHereSince(
          db,
          deps.terminalId,
          performanceId,
          tierId,
          l.checkedOutAt ?? l.expiresAt,
        );
        left += Math.max(0, (l.quantity ?? 0) - sold);
      }
      if (left < wanted) return soldOutHere(performanceId, left, 'ga');
    }
    return ok({ serverHoldId: null });
  }

  /**
   * One hold at the server for `seatIds` and `ga`, and what its answer says of the mode: a
   * claim (online), a claim of nothing (not enrolled: the store decides), or why not (the
   * server was not reached, or refused). Both claims ask through here.
   */
  async function holdAtServer(input: {
    readonly performanceId: string;
    readonly seatIds: readonly string[];
    readonly ga?: Readonly<Record<string, number>>;
    readonly untilMs: number;
  }): Promise<{ readonly claim: Claim } | { readonly failure: ServerFailure }> {
    const { performanceId, seatIds, ga = {}, untilMs } = input;
    const held = await port.hold({
      performanceId,
      ...(seatIds.length > 0 ? { seatIds: [...seatIds] } : {}),
      ...(Object.keys(ga).length > 0 ? { ga } : {}),
      ttlSeconds: ttlSeconds(untilMs, deps.clock()),
    });
    if (held.ok) {
      setMode('online');
      return { claim: { serverHoldId: held.value.hold.holdId } };
    }
    const failure = readFailure(held.error);
    if (failure.kind === 'local') {
      setMode('local');
      return { claim: { serverHoldId: null } };
    }
    if (failure.kind === 'offline') setMode('offline');
    return { failure };
  }

  async function marksOf(performanceId: string, answer: AvailabilityResponse): Promise<SeatMarks> {
    const seats = answer.seats;
    return {
      mine: new Set(seats?.leasedHere ?? (await leasedSeats(performanceId))),
      leasedElsewhere: new Set(seats?.leasedElsewhere ?? []),
      heldElsewhere: new Set(seats?.heldElsewhere ?? []),
      heldWeb: new Set(seats?.heldWeb ?? []),
      venueFree: new Set(answer.seatsAvailable),
      offline: false,
    };
  }

  return {
    mode: () => mode,
    onModeChange(listener) {
      modeListeners.add(listener);
      return () => modeListeners.delete(listener);
    },

    async seatScope(performanceId) {
      // Enrolment is main's at start: a till that is not enrolled stays so until restarted.
      if (mode === 'local') return { kind: 'local' };
      const answer = await port.availability({ performanceId });
      if (answer.ok) {
        setMode('online');
        const free = answer.value.seatsAvailable;
        heard(performanceId, answer.value);
        return {
          kind: 'online',
          venueFree: new Set(free),
          leased: await leasedSeats(performanceId),
        };
      }
      const failure = readFailure(answer.error);
      if (failure.kind === 'local') {
        setMode('local');
        return { kind: 'local' };
      }
      if (failure.kind === 'refused' && failure.code === UNKNOWN) {
        // A performance the server does not have (not in its catalog yet): nobody else can
        // sell it, so this till's store decides as a stand-alone till's does.
        setMode('online');
        return { kind: 'local' };
      }
      if (failure.kind === 'refused') {
        // The server answered no (not on sale: cancelled, postponed): only the lease remains.
        setMode('online');
        return { kind: 'online', venueFree: new Set(), leased: await leasedSeats(performanceId) };
      }
      setMode('offline');
      const venue = await venueLeftOf(performanceId);
      return {
        kind: 'offline',
        leased: await leasedSeats(performanceId),
        venueLeft: venue?.seats ?? null,
        venueLeftAt: venue?.at ?? null,
      };
    },

    noteAvailability(performanceId, answer) {
      heard(performanceId, answer);
    },

    async seatMarks(performanceId, options = {}) {
      if (mode === 'local') return null;
      const last = lastAnswer.get(performanceId);
      if (
        mode === 'online' &&
        options.maxAgeMs !== undefined &&
        last !== undefined &&
        deps.clock() - last.at <= options.maxAgeMs
      ) {
        return marksOf(performanceId, last.answer);
      }
      const answer = await port.availability({ performanceId });
      if (answer.ok) {
        setMode('online');
        heard(performanceId, answer.value);
        return marksOf(performanceId, answer.value);
      }
      const failure = readFailure(answer.error);
      if (failure.kind === 'local') {
        setMode('local');
        return null;
      }
      if (failure.kind === 'refused') return null;
      setMode('offline');
      const none = new Set<string>();
      return {
        mine: await leasedSeats(performanceId),
        leasedElsewhere: none,
        heldElsewhere: none,
        heldWeb: none,
        venueFree: null,
        offline: true,
      };
    },

    async claimSeats({ performanceId, seatIds, untilMs }) {
      if (seatIds.length === 0 || mode === 'local') return ok({ serverHoldId: null });
      const held = await holdAtServer({ performanceId, seatIds, untilMs });
      if ('claim' in held) return ok(held.claim);
      const { failure } = held;
      if (failure.kind === 'offline') return soldOutHere(performanceId, 0, 'seats');
      return err('seat_unavailable', failure.message, {
        seatIds: [...seatIds],
        server: failure.code,
      });
    },

    async claimForSale({ performanceId, seatIds, ga, untilMs }) {
      const wanted = Object.fromEntries(Object.entries(ga).filter(([, n]) => n > 0));
      if (mode === 'local') return ok({ serverHoldId: null });
      // Seats of this till's own lease need nobody's yes, online or off.
      const leased = await leasedSeats(performanceId);
      const fromVenue = seatIds.filter((id) => !leased.has(id));
      if (fromVenue.length === 0 && Object.keys(wanted).length === 0) {
        return ok({ serverHoldId: null });
      }
      const held = await holdAtServer({ performanceId, seatIds: fromVenue, ga: wanted, untilMs });
      if ('claim' in held) return ok(held.claim);
      const { failure } = held;
      if (failure.kind === 'refused' && failure.code === UNKNOWN) return ok({ serverHoldId: null });
      if (fromVenue.length > 0) {
        return failure.kind === 'offline'
          ? err(
              'not_at_this_window',
              `Offline, this window sells only its own seats; not ${fromVenue.join(', ')}.`,
              { seats: fromVenue.join(', '), seatIds: fromVenue },
            )
          : err('seat_unavailable', failure.message, { seatIds: fromVenue, server: failure.code });
      }
      // GA only: offline, or the venue's pool is out — this till's own lease may have places.
      if (failure.kind === 'offline' || failure.code === 'ga_sold_out') {
        const fromLease = await gaFromLease(performanceId, wanted);
        if (fromLease.ok || failure.kind === 'offline') return fromLease;
      }
      return err('ga_sold_out', failure.message, { server: failure.code });
    },

    async releaseSeats(serverHoldId, seatIds) {
      if (seatIds.length === 0) return;
      const r = await port.shrinkHold({ holdId: serverHoldId, seatIds: [...seatIds] });
      // A hold that ended already is as good as released; offline, it lapses at its expiry.
      if (r.ok) setMode('online');
    },

    async releaseHold(serverHoldId) {
      const r = await port.releaseHold({ holdId: serverHoldId });
      if (r.ok) setMode('online');
    },

    async renew(serverHoldIds, untilMs) {
      const ttl = ttlSeconds(untilMs, deps.clock());
      for (const holdId of new Set(serverHoldIds)) {
        const r = await port.renewHold({ holdId, ttlSeconds: ttl });
        if (!r.ok && readFailure(r.error).kind === 'offline') {
          setMode('offline');
          return;
        }
      }
    },
  };
}

/** The source of a till that is not enrolled: its store is the venue (unit tests, demo). */
export const LOCAL_INVENTORY: InventorySource = {
  mode: () => 'local',
  onModeChange: () => () => undefined,
  seatScope: () => Promise.resolve({ kind: 'local' }),
  claimSeats: () => Promise.resolve(ok({ serverHoldId: null })),
  claimForSale: () => Promise.resolve(ok({ serverHoldId: null })),
  seatMarks: () => Promise.resolve(null),
  noteAvailability: () => undefined,
  releaseSeats: () => Promise.resolve(),
  releaseHold: () => Promise.resolve(),
  renew: () => Promise.resolve(),
};
