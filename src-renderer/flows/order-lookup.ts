import type { Money } from '../../shared/money/money';
import type { OrderView } from '../../shared/orders/order-view';
import type { FlowResult } from './flow-types';

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

export type FindErrorCode =
  'not_found' | 'forged' | 'unknown_key' | 'revoked' | 'invalid_code' | 'store_error';

export type FindActorResult = FlowResult<readonly OrderMatch[], FindErrorCode>;
export type LoadOrderActorResult = FlowResult<OrderView, 'not_found' | 'store_error'>;

export interface LoadOrderInput {
  readonly orderId: string;
}
