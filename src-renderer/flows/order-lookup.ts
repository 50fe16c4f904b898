import type { Money } from '../../shared/money/money';
import type { OrderView } from '../../shared/orders/order-view';
import { notProvided, toFlowError, type FlowError, type FlowResult } from './flow-types';

/**
 * Finding an order at the window, shared by the refund and exchange flows: scan a ticket,
 * type a receipt number, or search by customer. The real `findOrders` parses and verifies a
 * scanned code first (a forged or revoked ticket is a refusal, not a lookup miss).
 */
export type FindQuery =
  | { readonly kind: 'ticket_code'; readonly code: string }
  /** `terminalId` when the receipt names another till ("T2-000042"); else this till's. */
  | { readonly kind: 'receipt'; readonly receiptNo: number; readonly terminalId?: string }
  | { readonly kind: 'customer'; readonly text: string };

export interface OrderMatch {
  readonly orderId: string;
  readonly receiptNo: number;
  readonly at: string;
  readonly total: Money;
  readonly customerId?: string;
  /** The till that issued the receipt, when the lookup knows it (for "T1-000042"). */
  readonly terminalId?: string;
  /** A scanned ticket: the flow preselects it. */
  readonly ticketId?: string;
}

/**
 * An order the scan layer already found and verified (a scanned ticket or receipt): the flow
 * opens it as it is, with `ticketId` (a scanned ticket) to preselect when it is still valid.
 */
export interface OrderFoundEvent {
  readonly type: 'ORDER.FOUND';
  readonly order: OrderView;
  readonly match: OrderMatch;
  readonly ticketId: string | null;
}

export type FindErrorCode =
  'not_found' | 'forged' | 'unknown_key' | 'revoked' | 'invalid_code' | 'store_error';

export type FindActorResult = FlowResult<readonly OrderMatch[], FindErrorCode>;
export type LoadOrderActorResult = FlowResult<OrderView, 'not_found' | 'store_error'>;

export interface LoadOrderInput {
  readonly orderId: string;
}

/** The injected lookup actors both flows declare; the app provides the real ones. */
export const orderLookupActors = {
  findOrders: notProvided<FindActorResult, FindQuery>('findOrders'),
  loadOrder: notProvided<LoadOrderActorResult, LoadOrderInput>('loadOrder'),
};

/*
 * Reading the `findOrders` reply. These look only at the event, so each flow's `searching` state
 * uses them as its guards and property assigners.
 */
interface FindReply {
  readonly event: { readonly output: FindActorResult };
}

/** Exactly one order: it loads at once. */
export const oneMatch = ({ event }: FindReply): boolean =>
  event.output.ok && event.output.value.length === 1;

/** Several orders: the cashier picks one. */
export const severalMatches = ({ event }: FindReply): boolean =>
  event.output.ok && event.output.value.length > 1;

export const matchesIn = ({ event }: FindReply): readonly OrderMatch[] =>
  event.output.ok ? event.output.value : [];

export const firstMatch = ({ event }: FindReply): OrderMatch | undefined =>
  event.output.ok ? event.output.value[0] : undefined;

/** No order to load: nothing matched (told as `notFound`), or the lookup refused. */
export const searchFailure =
  (notFound: string) =>
  ({ event }: FindReply): FlowError =>
    event.output.ok ? { code: 'not_found', message: notFound } : toFlowError(event.output.error);
