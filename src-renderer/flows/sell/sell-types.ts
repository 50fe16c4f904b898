import type { Money } from '../../../shared/money/money';
import type { TenderInput } from '../../../shared/orders/tenders';
import type { FlowError, FlowResult, FlowStaff, PrintOutcome } from '../flow-types';
import type { CartItem, CartQuote, QuoteCartInput, QuoteErrorCode } from '../quote-cart';

/** Shapes of the sell flow: its context, events, and the inputs/outputs of its actors. */

/** A seat in the cart, held for this cart until `heldUntil`. */
export interface SeatLine {
  readonly performanceId: string;
  readonly tierId: string;
  readonly seatId: string;
  readonly heldUntil: string;
  readonly concessionId?: string;
}

/** Some general-admission places of one tier (and concession) for one performance. */
export interface GaLine {
  readonly performanceId: string;
  readonly tierId: string;
  readonly quantity: number;
  readonly concessionId?: string;
}

export interface SeatRef {
  readonly performanceId: string;
  readonly seatId: string;
}

export type HoldRequest =
  | { readonly kind: 'seats'; readonly seatIds: readonly string[] }
  | { readonly kind: 'best'; readonly count: number };

export interface HoldSeatsInput {
  readonly cartId: string;
  readonly performanceId: string;
  readonly tierId: string;
  readonly request: HoldRequest;
  /** Best available only: offer wheelchair/companion places too. */
  readonly includeAccessible: boolean;
}

export interface HeldSeats {
  readonly seatIds: readonly string[];
  /** When the hold lapses if the sale is not completed. */
  readonly until: string;
  /** Best available: whether the seats are side by side. */
  readonly together: boolean;
}

export type HoldErrorCode =
  | 'seat_unavailable'
  | 'not_enough_seats'
  | 'not_for_this_tier'
  | 'store_error'
  /** Offline, a seat outside this till's lease (issue 12). */
  | 'not_at_this_window'
  /** Offline, this till's lease has no more seats (or GA places) of the kind asked for. */
  | 'sold_out_here'
  /** Offline, the lease has seats left, but not of the category asked for. */
  | 'lease_other_category'
  /** GA places the server (or, offline, this till's lease) no longer has. */
  | 'ga_sold_out';

export interface ReleaseSeatsInput {
  readonly cartId: string;
  readonly seats: readonly SeatRef[];
}

/** Exactly the domain `sell` command's input (shared/commands/sell.ts `sellInputSchema`). */
export interface SellRequest {
  readonly items: readonly CartItem[];
  readonly promoCode?: string;
  readonly customerId?: string;
  readonly tenders: readonly TenderInput[];
}

export interface SellCommitInput {
  /** Stable for the whole cart: a commit may use it to refuse a second sale of the same cart. */
  readonly cartId: string;
  readonly staff: FlowStaff;
  readonly sell: SellRequest;
}

export interface CommittedSale {
  readonly orderId: string;
  readonly receiptNo: number;
  readonly total: Money;
  readonly change: Money;
  readonly checkId: boolean;
  readonly tenderKinds: readonly TenderInput['kind'][];
  /** A training-mode sale (its receipt number has its own sequence and a marker). */
  readonly training?: boolean;
}

/** The domain's command error codes plus the store's; the machine branches on a few. */
export type SellCommitErrorCode = string;

export interface SellPrintInput {
  readonly cartId: string;
  readonly sale: CommittedSale;
}

export type SellOutcome = 'completed' | 'cancelled' | 'abandoned';

export interface SellContext {
  readonly cartId: string;
  readonly staff: FlowStaff;
  /** The performance on screen; the cart may hold items of others too. */
  readonly performanceId: string | null;
  readonly seats: readonly SeatLine[];
  readonly ga: readonly GaLine[];
  readonly promoCode: string | null;
  readonly customerId: string | null;
  readonly quote: CartQuote | null;
  readonly tenders: readonly TenderInput[];
  readonly cashIncrement: number | undefined;
  readonly holdRequest: HoldSeatsInput | null;
  readonly pendingRelease: readonly SeatRef[];
  /** The last refusal or failure, for the screen; cleared by the next step. */
  readonly error: FlowError | null;
  /** Best available gave seats that are not side by side: the screen should say so. */
  readonly notTogether: boolean;
  readonly sale: CommittedSale | null;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly outcome: SellOutcome | null;
  readonly lastActivityAt: number;
  /** An untouched cart is abandoned (its holds released) after this long. */
  readonly timeoutMs: number;
}

export interface SellFlowInput {
  readonly cartId: string;
  readonly staff: FlowStaff;
  readonly cashIncrement?: number;
  readonly timeoutMs?: number;
}

export type SellEvent =
  | { readonly type: 'PERFORMANCE.PICK'; readonly performanceId: string }
  | { readonly type: 'PERFORMANCE.CHANGE' }
  | {
      readonly type: 'GA.SET_QUANTITY';
      readonly tierId: string;
      readonly quantity: number;
      readonly concessionId?: string;
    }
  | { readonly type: 'SEATS.SELECT'; readonly tierId: string; readonly seatIds: readonly string[] }
  | {
      readonly type: 'SEATS.BEST_AVAILABLE';
      readonly tierId: string;
      readonly count: number;
      readonly includeAccessible?: boolean;
    }
  | { readonly type: 'SEAT.DESELECT'; readonly performanceId: string; readonly seatId: string }
  | {
      readonly type: 'SEAT.CONCESSION';
      readonly performanceId: string;
      readonly seatId: string;
      readonly concessionId: string | null;
    }
  | { readonly type: 'PROMO.SET'; readonly code: string | null }
  | { readonly type: 'CUSTOMER.SET'; readonly customerId: string | null }
  | { readonly type: 'CHECKOUT' }
  | { readonly type: 'TENDER.ADD'; readonly tender: TenderInput }
  | { readonly type: 'TENDER.CASH'; readonly tendered: Money }
  | { readonly type: 'TENDER.REMOVE'; readonly index: number }
  | { readonly type: 'TENDER.CLEAR' }
  | { readonly type: 'TENDER.DONE' }
  | { readonly type: 'BACK' }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'PRINT.RETRY' }
  | { readonly type: 'PRINT.SKIP' }
  | { readonly type: 'CANCEL' }
  | { readonly type: 'CART.ABANDON' }
  | { readonly type: 'CART.RESUME' }
  | { readonly type: 'CART.ACTIVITY' };

export interface SellOutput {
  readonly outcome: SellOutcome;
  readonly sale: CommittedSale | null;
}

export type QuoteActorResult = FlowResult<CartQuote, QuoteErrorCode>;
export type HoldActorResult = FlowResult<HeldSeats, HoldErrorCode>;
export type CommitActorResult = FlowResult<CommittedSale, SellCommitErrorCode>;
export type PrintActorResult = FlowResult<PrintOutcome, string>;
export type { QuoteCartInput };
