import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { Role } from '../../shared/catalog/roles';
import { salesOpen } from '../../shared/commands/issue';
import {
  quoteExchange,
  type ExchangeErrorCode,
  type ExchangeNew,
  type ExchangeOld,
  type ExchangeQuote,
} from '../../shared/exchange/quote';
import type { OrderView } from '../../shared/orders/order-view';
import { priceTicket } from '../../shared/pricing/price-ticket';
import { err, type Result } from '../../shared/util/result';
import type { CartItem } from './quote-cart';

/**
 * The settle screen's figures for an exchange: the domain's own `quoteExchange` (credit for
 * the returned tickets, the new ones priced as a sale, the policy's fee, the difference and
 * how a negative one goes back), fed from the loaded order and the catalog. Pure; the
 * exchange machine runs it through its injected `quoteExchange` actor.
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
  ExchangeErrorCode | 'not_found' | 'sales_closed' | 'limit_exceeded' | 'empty_cart';

export type { ExchangeQuote };

export function quoteExchangeForFlow(
  catalog: CatalogIndex,
  input: ExchangeQuoteInput,
  nowMs: number,
): Result<ExchangeQuote, ExchangeQuoteErrorCode> {
  const { order } = input;
  if (!order) return err('not_found', 'Load the order first.');
  if (input.items.length === 0) return err('empty_cart', 'Choose the new seats or places.');
  const old: ExchangeOld[] = [];
  for (const id of input.returnTicketIds) {
    const view = order.tickets.find((t) => t.ticket.ticketId === id);
    if (!view) return err('not_found', `Ticket ${id} is not part of this order.`);
    const performance = catalog.performance(view.ticket.performanceId);
    if (!performance)
      return err('not_found', `Performance ${view.ticket.performanceId} is not in the catalog.`);
    old.push({ ticket: view.ticket, status: view.status, performance });
  }
  const replacements: ExchangeNew[] = [];
  for (const item of input.items) {
    const performance = catalog.performance(item.performanceId);
    if (!performance)
      return err('not_found', `Performance ${item.performanceId} is not in the catalog.`);
    const open = salesOpen(performance, nowMs);
    if (!open.ok) return err('sales_closed', open.error.message);
    const tier = catalog.tiersFor(performance.id).find((t) => t.id === item.tierId);
    if (!tier) return err('not_found', `Tier ${item.tierId} is not on sale for this performance.`);
    const priced = priceTicket({
      venue: catalog.venue,
      performance,
      tier,
      rules: catalog.rules(),
      now: nowMs,
      concessionId: item.concessionId,
    });
    if (!priced.ok)
      return err(
        priced.error.code === 'limit_exceeded' ? 'limit_exceeded' : 'invalid_argument',
        priced.error.message,
        priced.error.details,
      );
    for (let i = 0; i < item.quantity; i++)
      replacements.push({ performance, priced: priced.value });
  }
  return quoteExchange(old, replacements, nowMs);
}
