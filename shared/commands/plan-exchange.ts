import type { Performance } from '../catalog/schemas';
import { quoteExchange, type ExchangeOld, type ExchangeQuote } from '../exchange/quote';
import type { OrderView } from '../orders/order-view';
import type { PricedTicket } from '../pricing/price-ticket';
import { err, ok, type Result } from '../util/result';
import {
  priceRequested,
  resolveItems,
  type IssueState,
  type Requested,
  type SellItem,
} from './issue';
import type { CommandErrorCode } from './types';

/** What an exchange is asked for: the tickets handed back and what they become. */
export interface ExchangeRequest {
  readonly ticketIds: readonly string[];
  readonly items: readonly SellItem[];
  readonly promoCode?: string | undefined;
}

/**
 * An exchange decided: the quote's lines (credit, new total, price difference, fee, what is
 * due and how it settles) plus the resolved and priced new tickets the commit issues.
 */
export interface ExchangePlan extends ExchangeQuote {
  readonly requested: readonly Requested[];
  readonly priced: readonly PricedTicket[];
}

/**
 * The one exchange decision. The `exchange` command commits exactly this plan; the exchange
 * screen shows it as its quote. Pure: the order, the catalog and this terminal's inventory
 * (its seats and places, the exchange's own holds counted as its own) come in with the clock
 * reading.
 */
export function planExchange(
  state: IssueState & { readonly order: OrderView },
  req: ExchangeRequest,
  nowMs: number,
): Result<ExchangePlan, CommandErrorCode> {
  const { order } = state;
  if (new Set(req.ticketIds).size !== req.ticketIds.length)
    return err('invalid_argument', 'A ticket is listed twice.');
  const old: ExchangeOld[] = [];
  for (const id of req.ticketIds) {
    const v = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!v) return err('not_found', `Ticket ${id} is not part of this order.`);
    const performance: Performance | undefined = state.catalog.performance(v.ticket.performanceId);
    if (!performance)
      return err('not_found', `Performance ${v.ticket.performanceId} is not in the catalog.`);
    old.push({ ticket: v.ticket, status: v.status, performance });
  }
  const requested = resolveItems(state, req.items, nowMs);
  if (!requested.ok) return requested;
  const priced = priceRequested(state, requested.value, nowMs, order.currency, req.promoCode);
  if (!priced.ok) return priced;
  const replacements = [];
  for (const [i, r] of requested.value.entries()) {
    const p = priced.value[i];
    if (p === undefined) return err('invalid_state', 'A new ticket could not be priced.');
    replacements.push({ performance: r.performance, priced: p });
  }
  const quote = quoteExchange(old, replacements, nowMs);
  if (!quote.ok) return quote;
  return ok({ ...quote.value, requested: requested.value, priced: priced.value });
}
