import type { ApprovalBinding } from '../../../shared/commands/approval';
import type { Money } from '../../../shared/money/money';
import type { OrderView } from '../../../shared/orders/order-view';
import type { TenderInput } from '../../../shared/orders/tenders';
import type { FlowError, FlowStaff, PrintOutcome, VerifiedApprover } from '../flow-types';
import type { Role } from '../../../shared/catalog/roles';
import type { CommandErrorCode } from '../../../shared/commands/types';
import type { ExchangeQuote } from '../../../shared/exchange/quote';
import type { FindQuery, OrderFoundEvent, OrderMatch } from '../order-lookup';
import type { CartItem } from '../quote-cart';
import type { GaLine, HoldSeatsInput, SeatLine, SeatRef } from '../sell/sell-types';

/** Shapes of the exchange flow: its context, events, and its actors' inputs and outputs. */

export interface ExchangeCommitInput {
  /** Stable for the whole exchange: the seats are held under it, and a commit may dedupe on it. */
  readonly cartId: string;
  readonly staff: FlowStaff;
  /** Exactly the domain `exchange` command's input (shared/commands/exchange.ts). */
  readonly exchange: {
    readonly orderId: string;
    /** Tickets handed back. */
    readonly ticketIds: readonly string[];
    readonly items: readonly CartItem[];
    /** Collected when the difference is positive; how a negative one goes back is the policy's. */
    readonly tenders: readonly TenderInput[];
    readonly approver?: VerifiedApprover;
  };
}

export interface CommittedExchange {
  readonly exchangeId: string;
  readonly receiptNo: number;
  readonly difference: Money;
  readonly change: Money;
  /** Cash the customer handed over (absent when no cash was taken): the screen shows it with the change. */
  readonly cashTendered?: Money;
  /** A training-mode exchange: its receipt number is shown with the training mark. */
  readonly training?: boolean;
  /**
   * The order as it stands after the commit (returned tickets exchanged, the new ones valid),
   * read again by the commit actor so the screen never shows the order from before; absent
   * when that read failed (the exchange is committed all the same).
   */
  readonly order?: OrderView;
}

export interface ExchangePrintInput {
  readonly cartId: string;
  readonly exchange: CommittedExchange;
}

export type ExchangeOutcome = 'completed' | 'cancelled';

export interface ExchangeContext {
  readonly cartId: string;
  readonly staff: FlowStaff;
  readonly cashIncrement: number | undefined;
  readonly query: FindQuery | null;
  readonly matches: readonly OrderMatch[];
  readonly orderId: string | null;
  readonly order: OrderView | null;
  readonly preselect: string | null;
  /** Tickets going back. */
  readonly selected: readonly string[];
  /** The replacement, built like a sale's cart. */
  readonly performanceId: string | null;
  readonly seats: readonly SeatLine[];
  readonly ga: readonly GaLine[];
  readonly holdRequest: HoldSeatsInput | null;
  readonly pendingRelease: readonly SeatRef[];
  readonly notTogether: boolean;
  readonly quote: ExchangeQuote | null;
  readonly tenders: readonly TenderInput[];
  readonly approver: VerifiedApprover | null;
  /** What the commit asked an approval for (the domain's binding), once it has asked. */
  readonly approvalBinding: ApprovalBinding | null;
  readonly error: FlowError | null;
  readonly exchange: CommittedExchange | null;
  readonly print: PrintOutcome | null;
  readonly printError: FlowError | null;
  readonly outcome: ExchangeOutcome | null;
}

export interface ExchangeFlowInput {
  readonly cartId: string;
  readonly staff: FlowStaff;
  readonly cashIncrement?: number;
}

export type ExchangeEvent =
  | { readonly type: 'FIND'; readonly query: FindQuery }
  | OrderFoundEvent
  | { readonly type: 'ORDER.PICK'; readonly orderId: string }
  | { readonly type: 'TICKET.TOGGLE'; readonly ticketId: string }
  | { readonly type: 'CONTINUE' }
  | { readonly type: 'PERFORMANCE.PICK'; readonly performanceId: string }
  | { readonly type: 'PERFORMANCE.CHANGE' }
  | { readonly type: 'GA.SET_QUANTITY'; readonly tierId: string; readonly quantity: number }
  | { readonly type: 'SEATS.SELECT'; readonly tierId: string; readonly seatIds: readonly string[] }
  | {
      readonly type: 'SEATS.BEST_AVAILABLE';
      readonly tierId: string;
      readonly count: number;
      readonly includeAccessible?: boolean;
    }
  | { readonly type: 'SEAT.DESELECT'; readonly performanceId: string; readonly seatId: string }
  | { readonly type: 'QUOTE' }
  | { readonly type: 'TENDER.ADD'; readonly tender: TenderInput }
  | { readonly type: 'TENDER.CASH'; readonly tendered: Money }
  | { readonly type: 'TENDER.REMOVE'; readonly index: number }
  | { readonly type: 'CONFIRM' }
  | { readonly type: 'APPROVAL.SUBMIT'; readonly staffId: string; readonly pin: string }
  | { readonly type: 'APPROVAL.CANCEL' }
  | { readonly type: 'PRINT.RETRY' }
  | { readonly type: 'PRINT.SKIP' }
  | { readonly type: 'BACK' }
  | { readonly type: 'CANCEL' };

export interface ExchangeOutput {
  readonly outcome: ExchangeOutcome;
  readonly exchange: CommittedExchange | null;
}

/**
 * What the exchange's quote actor is asked: the loaded order, the tickets going back and the
 * replacement cart. The real actor answers with the domain's `planExchange` (the decision the
 * `exchange` command commits), so the settle screen reads out what the commit takes.
 */
export interface ExchangeQuoteInput {
  /** Null only if the flow lost its order (a bug): answered with not_found. */
  readonly order: OrderView | null;
  readonly returnTicketIds: readonly string[];
  readonly items: readonly CartItem[];
  readonly actorRole: Role;
  /** The flow's cart: the seats it holds count as its own when the quote reads inventory. */
  readonly cartId?: string;
}

export type ExchangeQuoteErrorCode =
  | Extract<
      CommandErrorCode,
      'not_exchangeable' | 'invalid_argument' | 'not_found' | 'sales_closed' | 'limit_exceeded'
    >
  | 'empty_cart';

export type { ExchangeQuote };
