import type { Actor, Snapshot } from 'xstate';
import type { SellMachine } from './sell/sell-machine';
import type { SeatRef } from './sell/sell-types';

/**
 * A cart is never lost: the sell machine's persisted snapshot is saved through a port after
 * every step, and a reload restores it. Only resting states are saved (the cashier is
 * looking at a screen); a snapshot taken mid-commit would, when restored, re-run the commit.
 * The real port is the store's `saveCart` / `loadCart` / `clearCart`; the commit clears the
 * cart inside its own transaction, so a committed sale never comes back as a cart.
 */
export interface CartPort {
  save(snapshot: unknown): Promise<void>;
  clear(): Promise<void>;
}

const RESTING = ['pickingPerformance', 'shopping.idle', 'tender', 'confirming'] as const;
const CLEARED = '<cleared>';

type SellActor = Actor<SellMachine>;

export interface PersistCartOptions {
  /** A failed save is reported, never thrown into the flow: the sale can still go ahead. */
  readonly onError?: (error: unknown) => void;
  /**
   * Which resting states to save (default: all of them). A screen that runs payment and
   * confirmation in one step saves only the cart states: a snapshot saved on the way to the
   * commit could otherwise land after the commit cleared the cart, and bring a sold cart back.
   */
  readonly states?: readonly (typeof RESTING)[number][];
}

/**
 * Subscribes to the actor and saves each new resting snapshot (in order, one write at a
 * time); clears the saved cart when the flow ends. Returns the unsubscribe function and a
 * promise that settles when the writes queued so far are done (tests and shutdown).
 */
export function persistCart(
  actor: SellActor,
  port: CartPort,
  options: PersistCartOptions = {},
): { stop: () => void; flushed: () => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  let last = '';
  const enqueue = (write: () => Promise<void>): void => {
    chain = chain.then(write).catch((e: unknown) => options.onError?.(e));
  };
  const sub = actor.subscribe((snapshot) => {
    // Once the sale is committed the cart must never come back, even if printing is still
    // going on. The commit itself should clear it in its transaction (store `clearCart`);
    // this covers a commit path that does not, and a crash in between is caught by the
    // commit refusing a second sale for the same cartId.
    if (snapshot.status === 'done' || snapshot.context.sale !== null) {
      if (last !== CLEARED) enqueue(() => port.clear());
      last = CLEARED;
      return;
    }
    const resting = options.states ?? RESTING;
    if (!resting.some((s) => snapshot.matches(s as Parameters<typeof snapshot.matches>[0]))) return;
    const persisted = actor.getPersistedSnapshot();
    const text = JSON.stringify(persisted);
    if (text === last) return;
    last = text;
    // The JSON copy, not the live object: what is stored must be exactly what was compared.
    const copy = JSON.parse(text) as unknown;
    enqueue(() => port.save(copy));
  });
  return { stop: () => sub.unsubscribe(), flushed: () => chain };
}

export type ResumeDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'resume'; readonly snapshot: Snapshot<unknown> }
  /** Idle longer than its timeout: release these holds and start a fresh cart. */
  | { readonly kind: 'expired'; readonly cartId: string; readonly release: readonly SeatRef[] };

interface PersistedShape {
  readonly status: string;
  readonly context: {
    readonly cartId: string;
    readonly lastActivityAt: number;
    readonly timeoutMs: number;
    readonly seats: readonly SeatRef[];
  };
}

function isPersistedCart(value: unknown): value is PersistedShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { status?: unknown; context?: Record<string, unknown> };
  const c = v.context;
  return (
    v.status === 'active' &&
    typeof c === 'object' &&
    c !== null &&
    typeof c.cartId === 'string' &&
    typeof c.lastActivityAt === 'number' &&
    typeof c.timeoutMs === 'number' &&
    Array.isArray(c.seats)
  );
}

/**
 * What to do with a saved cart at start-up. Restore a `resume` with
 * `createActor(machine, { snapshot, input })`, start it and send `CART.RESUME` (restoring does
 * not re-run entry actions, so the idle timer must be re-armed).
 */
export function resumeCart(saved: unknown, nowMs: number): ResumeDecision {
  if (!isPersistedCart(saved)) return { kind: 'none' };
  const { context } = saved;
  if (nowMs - context.lastActivityAt >= context.timeoutMs) {
    return {
      kind: 'expired',
      cartId: context.cartId,
      release: context.seats.map((s) => ({ performanceId: s.performanceId, seatId: s.seatId })),
    };
  }
  return { kind: 'resume', snapshot: saved as unknown as Snapshot<unknown> };
}
