import type { Actor } from 'xstate';
import type { Result } from '../../shared/util/result';
import type { ExchangeMachine } from './exchange/exchange-machine';
import type { SellMachine } from './sell/sell-machine';
import type { SeatLine, SeatRef } from './sell/sell-types';

/**
 * Keeps an active cart's seat holds alive. A hold is written with an expiry when its seat is
 * picked; a cashier who goes on working the same cart (quantities, promo code, a split
 * payment) for longer than that would otherwise lose the seats to another cart, and the
 * commit would then refuse the sale. So the cart's activity renews its holds — but only once
 * they are within `holdMs - stepMs` of their expiry: at most one write per `stepMs` of
 * activity, never one per keystroke. An idle cart gets no renewal: the sell flow's abandon
 * timer releases its seats, and an exchange's seats lapse `holdMs` after its last activity.
 *
 * With the sell flow's hold (cart timeout + HOLD_GRACE_MS) and a step below that grace, every
 * activity leaves the holds more than the cart timeout to run: they outlive the abandon timer.
 */
export const HOLD_RENEW_STEP_MS = 60_000;

/** Holds `seats` for the cart until `until`; resolves to the seats someone else took. */
export type RenewHolds = (
  seats: readonly SeatRef[],
  now: Date,
  until: Date,
) => Promise<Result<readonly SeatRef[], string>>;

export interface HoldKeeperDeps {
  readonly renew: RenewHolds;
  readonly clock: () => number;
  /**
   * The page's monotonic clock (performance.now() by default). Renewals are due by the wall
   * clock or by real time elapsed, whichever comes first: a wall clock set back an hour would
   * otherwise put the next renewal an hour off, and the seats would lapse for every other till
   * whose clock is right.
   */
  readonly monotonic?: () => number;
  /** How long a hold lasts from its (re)newal. */
  readonly holdMs: () => number;
  /** At most one renewal per this much activity (default HOLD_RENEW_STEP_MS). */
  readonly stepMs?: number;
  /** A failed renewal is reported, never thrown: the hold still lasts until its expiry. */
  readonly onError?: (error: unknown) => void;
}

export interface HoldKeeper {
  /** The cashier worked on the cart, which holds these seats: renew them if they are due. */
  activity(seats: readonly SeatLine[]): void;
  /** Settles when the renewal under way (if any) is done (tests and shutdown). */
  settled(): Promise<void>;
}

const keyOf = (s: SeatRef): string => `${s.performanceId}|${s.seatId}`;
const ms = (iso: string): number => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

export function holdKeeper(deps: HoldKeeperDeps): HoldKeeper {
  // What this keeper wrote, per seat; the flow's `heldUntil` is what the hold itself wrote.
  const renewed = new Map<string, number>();
  // Seats another cart took after their hold lapsed: the commit names them; no more writes.
  const lost = new Set<string>();
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const monotonic = deps.monotonic ?? (() => performance.now());
  // When this keeper last renewed (or first saw the holds, which were written just before).
  let renewedAtMono: number | null = null;

  const expiryOf = (seat: SeatLine, seats: readonly SeatLine[]): number => {
    // A new hold moves the cart's other holds at that performance to its expiry too
    // (holdSeatRows), so the latest `heldUntil` there counts for all of them.
    let at = renewed.get(keyOf(seat)) ?? 0;
    for (const s of seats)
      if (s.performanceId === seat.performanceId) at = Math.max(at, ms(s.heldUntil));
    return at;
  };

  return {
    activity(seats) {
      if (busy) return;
      const live = seats.filter((s) => !lost.has(keyOf(s)));
      if (live.length === 0) return;
      const now = deps.clock();
      const mono = monotonic();
      renewedAtMono ??= mono;
      const holdMs = deps.holdMs();
      const stepMs = deps.stepMs ?? HOLD_RENEW_STEP_MS;
      const soonest = Math.min(...live.map((s) => expiryOf(s, live)));
      const dueByWall = soonest - now <= holdMs - stepMs;
      const dueByElapsed = mono - renewedAtMono >= stepMs;
      if (!dueByWall && !dueByElapsed) return;
      renewedAtMono = mono;
      const until = now + holdMs;
      const refs = live.map((s) => ({ performanceId: s.performanceId, seatId: s.seatId }));
      busy = true;
      running = deps
        .renew(refs, new Date(now), new Date(until))
        .then((r) => {
          if (!r.ok) return deps.onError?.(r.error);
          const taken = new Set(r.value.map(keyOf));
          for (const ref of refs) {
            const k = keyOf(ref);
            if (taken.has(k)) lost.add(k);
            else renewed.set(k, until);
          }
        })
        .catch((e: unknown) => deps.onError?.(e))
        .finally(() => {
          busy = false;
        });
    },
    settled: () => running,
  };
}

export interface KeptHolds {
  readonly stop: () => void;
  readonly settled: () => Promise<void>;
}

const SELL_CART_STATES = ['pickingPerformance', 'shopping.idle', 'tender', 'confirming'] as const;

/**
 * The sell flow's activity is its `touch` (every cashier edit; CART.ACTIVITY for typing a
 * payment): each new `lastActivityAt` in a cart state may renew the cart's holds. A hold or
 * release in flight is left alone (a new hold renews the cart's holds by itself).
 */
export function keepCartHolds(actor: Actor<SellMachine>, deps: HoldKeeperDeps): KeptHolds {
  const keeper = holdKeeper(deps);
  let last = actor.getSnapshot().context.lastActivityAt;
  const sub = actor.subscribe((s) => {
    const at = s.context.lastActivityAt;
    if (at === last) return;
    last = at;
    if (s.status !== 'active') return;
    if (!SELL_CART_STATES.some((state) => s.matches(state as Parameters<typeof s.matches>[0])))
      return;
    keeper.activity(s.context.seats);
  });
  return { stop: () => sub.unsubscribe(), settled: () => keeper.settled() };
}

const EXCHANGE_STATES = ['choosingReplacement.idle', 'quoting', 'settling', 'approval'] as const;

/**
 * The exchange flow has no idle timer: each of its steps while new seats are held counts as
 * activity, and so does `touch()` (the screen calls it while the cashier types a payment).
 */
export function keepExchangeHolds(
  actor: Actor<ExchangeMachine>,
  deps: HoldKeeperDeps,
): KeptHolds & { readonly touch: () => void } {
  const keeper = holdKeeper(deps);
  const check = (): void => {
    const s = actor.getSnapshot();
    if (s.status !== 'active') return;
    if (!EXCHANGE_STATES.some((state) => s.matches(state as Parameters<typeof s.matches>[0])))
      return;
    keeper.activity(s.context.seats);
  };
  const sub = actor.subscribe(check);
  return { stop: () => sub.unsubscribe(), settled: () => keeper.settled(), touch: check };
}
