import type { Snapshot } from 'xstate';
import type { Actor } from '../../shared/commands';
import type { DemandState } from '../../shared/pricing/price-ticket';
import { resumeCart } from '../flows/cart-persistence';
import { pureFlowActors } from '../flows/pure-actors';
import { seatHoldActors } from '../flows/seat-hold-actors';
import { DEFAULT_CART_TIMEOUT_MS, sellMachine } from '../flows/sell/sell-machine';
import { storeCartPort } from '../flows/store-actors';
import type { Locale } from '../i18n';
import type { SeatRef } from '../flows/sell/sell-types';
import { cartTimeoutMs, releaseSeatRows, renewSeatRows } from '../store';
import { sellFlowActors, type PrintSaleFn } from './sell-flow-actors';
import type { Till } from './till';

/**
 * One sell flow actor per cart: what the sell screen needs to start one — a fresh cart, the
 * saved cart resumed after a reload or crash, or (when the saved cart sat idle past its
 * timeout) a fresh cart after the old one's holds were released.
 */

/**
 * A hold outlives the cart's idle timeout by this much: an idle cart is ended by its own
 * release (CART.ABANDON), the expiry only frees seats of a till that died with a cart open,
 * and a cart resumed just before its timeout still holds its seats.
 */
export const HOLD_GRACE_MS = 2 * 60_000;

export interface SellSessionStart {
  readonly cartId: string;
  /** The persisted snapshot to restore (then send CART.RESUME), or none for a fresh cart. */
  readonly snapshot?: Snapshot<unknown>;
  /** The till's cart timeout for a fresh cart (a resumed one keeps its own). */
  readonly timeoutMs: number;
  readonly notice: 'resumed' | 'abandoned' | null;
}

export function cartPort(till: Till) {
  return storeCartPort(till.store.db, till.terminalId, till.ports.clock);
}

export function newCartId(till: Till): string {
  return till.ports.ids();
}

function hasItems(snapshot: unknown): boolean {
  const c = (snapshot as { context?: { seats?: unknown[]; ga?: unknown[] } }).context;
  return (c?.seats?.length ?? 0) + (c?.ga?.length ?? 0) > 0;
}

/** The till's cart timeout now: each new cart reads it, so a changed setting applies at once. */
export async function cartTimeout(till: Till): Promise<number> {
  return (await cartTimeoutMs(till.store.db, till.terminalId)) ?? DEFAULT_CART_TIMEOUT_MS;
}

export async function startSellSession(till: Till): Promise<SellSessionStart> {
  const port = cartPort(till);
  const [saved, timeoutMs] = await Promise.all([port.load(), cartTimeout(till)]);
  const decision = resumeCart(saved, till.ports.clock());
  if (decision.kind === 'resume') {
    const {
      cartId,
      seats,
      timeoutMs: cartTimeoutOfCart,
    } = (saved as { context: { cartId: string; seats: SeatRef[]; timeoutMs: number } }).context;
    // The cart comes back with its seats held for another full timeout. A seat lost while
    // the till was down stays in the cart; the commit refuses it and says which.
    const now = till.ports.clock();
    await renewSeatRows(
      till.store.db,
      cartId,
      seats.map((s) => ({ performanceId: s.performanceId, seatId: s.seatId })),
      new Date(now),
      new Date(now + cartTimeoutOfCart + HOLD_GRACE_MS),
    );
    return {
      cartId,
      snapshot: decision.snapshot,
      timeoutMs,
      notice: hasItems(saved) ? 'resumed' : null,
    };
  }
  if (decision.kind === 'expired') {
    // Best effort: a failed release still frees the seats when the holds lapse.
    await releaseSeatRows(till.store.db, decision.cartId, decision.release);
    await port.clear();
    return {
      cartId: newCartId(till),
      timeoutMs,
      notice: decision.release.length > 0 ? 'abandoned' : null,
    };
  }
  return { cartId: newCartId(till), timeoutMs, notice: null };
}

export interface SellMachineDeps {
  readonly print: PrintSaleFn;
  readonly locale: () => Locale;
  /** Sales so far per performance (demand pricing), as the screen last read them. */
  readonly demand: (performanceId: string) => DemandState | undefined;
  /** How long a hold lasts (the cart's timeout + HOLD_GRACE_MS). */
  readonly holdMs: () => number;
  /** The member of staff signed in now (see sellFlowActors). */
  readonly staff: () => Actor;
}

/**
 * The sell machine with its real actors: pricing (the domain's quote), seat holds over the
 * store, the commit through the till's one strict path, and printing over the contract.
 * Make one per cart: the commit and print actors share that cart's committed sale.
 */
export function sellMachineFor(till: Till, deps: SellMachineDeps) {
  const { quoteCart } = pureFlowActors({
    catalog: () => till.catalog,
    clock: till.ports.clock,
    quoteContext: () => ({ demand: deps.demand }),
  });
  return sellMachine.provide({
    actors: {
      quoteCart,
      ...sellFlowActors(till, deps.print, deps.locale, deps.staff),
      ...seatHoldActors({
        db: till.store.db,
        catalog: () => till.catalog,
        clock: till.ports.clock,
        holdMs: deps.holdMs,
        inventory: till.inventory,
      }),
    },
  });
}
