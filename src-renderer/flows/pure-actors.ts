import { fromPromise } from 'xstate';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import { quoteCart, type QuoteCartInput, type QuoteContext } from './quote-cart';
import type { QuoteActorResult } from './sell/sell-types';

export interface PureActorDeps {
  /** The catalog in force (read on every call: a catalog sync may replace it mid-shift). */
  readonly catalog: () => CatalogIndex;
  readonly clock: () => number;
  /** Promo uses, customer holdings and demand for the sell quote, when known. */
  readonly quoteContext?: () => Omit<QuoteContext, 'now'>;
}

/**
 * The sell flow's pure step — pricing a cart — to pass to `.provide({ actors })` next to the
 * store- and device-backed ones; it wraps the same pricing the commit runs. The refund and
 * exchange decisions are the domain's `planRefund` / `planExchange`, provided by their flows'
 * actors in `app/`.
 */
export function pureFlowActors(deps: PureActorDeps) {
  return {
    quoteCart: fromPromise<QuoteActorResult, QuoteCartInput>(({ input }) =>
      Promise.resolve(
        quoteCart(deps.catalog(), input, { ...deps.quoteContext?.(), now: deps.clock() }),
      ),
    ),
  };
}
