import type { FlowResult } from './flow-types';
import { addSeats, hasSeat, setGaQuantity } from './sell-cart';
import type { GaLine, HeldSeats, HoldSeatsInput, SeatLine, SeatRef } from './sell/sell-types';

/**
 * What the sale's cart and the exchange's replacement do alike: seats are held as they are
 * picked and let go when unpicked, and the same commit refusals send the cashier back to the
 * cart. Each machine keeps its own states (typed by its own `setup`: XState's state configs
 * do not fit two machines without casts); these functions read only the fields they name, so
 * one typed function serves both.
 */

interface CartArgs {
  readonly context: {
    readonly cartId: string;
    readonly performanceId: string | null;
    readonly seats: readonly SeatLine[];
    readonly ga: readonly GaLine[];
    readonly holdRequest: HoldSeatsInput | null;
    readonly pendingRelease: readonly SeatRef[];
  };
}

interface ChosenSeats {
  readonly tierId: string;
  readonly seatIds: readonly string[];
}

interface BestAvailable {
  readonly tierId: string;
  readonly count: number;
  readonly includeAccessible?: boolean;
}

/**
 * The places after GA.SET_QUANTITY for the performance on screen; a fraction or a negative
 * count is rounded down to a whole number of at least 0 (0 takes the line out).
 */
export const gaWithQuantity = ({
  context,
  event,
}: CartArgs & {
  readonly event: {
    readonly tierId: string;
    readonly quantity: number;
    readonly concessionId?: string;
  };
}): GaLine[] =>
  setGaQuantity(
    context.ga,
    context.performanceId ?? '',
    event.tierId,
    Math.max(0, Math.floor(event.quantity)),
    event.concessionId,
  );

/** SEATS.SELECT: a performance is on screen and at least one seat was picked. */
export const canHoldChosen = ({ context, event }: CartArgs & { readonly event: ChosenSeats }) =>
  context.performanceId !== null && event.seatIds.length > 0;

/** The hold SEATS.SELECT asks for; accessible seats are allowed, the cashier chose them. */
export const chosenSeatsHold = ({
  context,
  event,
}: CartArgs & { readonly event: ChosenSeats }): HoldSeatsInput => ({
  cartId: context.cartId,
  performanceId: context.performanceId ?? '',
  tierId: event.tierId,
  request: { kind: 'seats', seatIds: [...event.seatIds] },
  includeAccessible: true,
});

/** SEATS.BEST_AVAILABLE: a performance is on screen and the count is a whole number above 0. */
export const canHoldBest = ({ context, event }: CartArgs & { readonly event: BestAvailable }) =>
  context.performanceId !== null && Number.isInteger(event.count) && event.count > 0;

/** The hold SEATS.BEST_AVAILABLE asks for; accessible places only when asked for. */
export const bestAvailableHold = ({
  context,
  event,
}: CartArgs & { readonly event: BestAvailable }): HoldSeatsInput => ({
  cartId: context.cartId,
  performanceId: context.performanceId ?? '',
  tierId: event.tierId,
  request: { kind: 'best', count: event.count },
  includeAccessible: event.includeAccessible === true,
});

/** SEAT.DESELECT names a seat in the cart. */
export const inCart = ({ context, event }: CartArgs & { readonly event: SeatRef }) =>
  hasSeat(context.seats, event);

/** The one seat SEAT.DESELECT lets go. */
export const deselected = ({ event }: { readonly event: SeatRef }): SeatRef[] => [
  { performanceId: event.performanceId, seatId: event.seatId },
];

/** The `holdSeats` actor's input; without a request it asks for nothing, which holds nothing. */
export const holdInput = ({ context }: CartArgs): HoldSeatsInput =>
  context.holdRequest ?? {
    cartId: context.cartId,
    performanceId: '',
    tierId: '',
    request: { kind: 'seats', seatIds: [] },
    includeAccessible: false,
  };

/** The cart after a successful hold, or null when there is nothing to add. */
export function seatsHeld({
  context,
  event,
}: CartArgs & { readonly event: { readonly output: FlowResult<HeldSeats> } }): {
  seats: SeatLine[];
  holdRequest: null;
  notTogether: boolean;
} | null {
  const req = context.holdRequest;
  if (!event.output.ok || !req) return null;
  const held = event.output.value;
  return {
    seats: addSeats(context.seats, req.performanceId, req.tierId, held.seatIds, held.until),
    holdRequest: null,
    notTogether: !held.together,
  };
}

/** The `releaseSeats` actor's input for the seats just unpicked. */
export const pendingReleaseInput = ({ context }: CartArgs) => ({
  cartId: context.cartId,
  seats: context.pendingRelease,
});

/**
 * Commit refusals that mean the cart (the exchange's replacement) itself must change: the cashier
 * goes back to it, not to the payment.
 */
export const CART_PROBLEMS = new Set(['sold_out', 'sales_closed', 'limit_exceeded', 'not_found']);

/** The commit was refused for one of the CART_PROBLEMS. */
export const cartProblem = ({
  event,
}: {
  readonly event: { readonly output: FlowResult<unknown> };
}) => !event.output.ok && CART_PROBLEMS.has(event.output.error.code);
