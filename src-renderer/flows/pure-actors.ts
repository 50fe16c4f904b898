import { fromPromise } from 'xstate';
import type { CatalogIndex } from '../../shared/catalog/catalog';
import type { PolicyEvaluation } from '../../shared/refund-policy/evaluate';
import {
  quoteExchangeForFlow,
  type ExchangeQuote,
  type ExchangeQuoteErrorCode,
  type ExchangeQuoteInput,
} from './exchange-quote';
import type { FlowResult } from './flow-types';
import { quoteCart, type QuoteCartInput, type QuoteContext } from './quote-cart';
import {
  evaluateRefund,
  type EvaluateRefundErrorCode,
  type EvaluateRefundInput,
} from './refund-evaluator';
import type { QuoteActorResult } from './sell-types';

export interface PureActorDeps {
  /** The catalog in force (read on every call: a catalog sync may replace it mid-shift). */
  readonly catalog: () => CatalogIndex;
  readonly clock: () => number;
  /** Promo uses, customer holdings and demand for the sell quote, when known. */
  readonly quoteContext?: () => Omit<QuoteContext, 'now'>;
}

/**
 * The flows' real implementations of their pure steps — pricing a cart, the refund policy
 * decision, the exchange quote — to pass to `.provide({ actors })` next to the store- and
 * device-backed ones. Each wraps the same domain function the commit will run.
 */
export function pureFlowActors(deps: PureActorDeps) {
  return {
    quoteCart: fromPromise<QuoteActorResult, QuoteCartInput>(({ input }) =>
      Promise.resolve(
        quoteCart(deps.catalog(), input, { ...deps.quoteContext?.(), now: deps.clock() }),
      ),
    ),
    evaluateRefund: fromPromise<
      FlowResult<PolicyEvaluation, EvaluateRefundErrorCode>,
      EvaluateRefundInput
    >(({ input }) => Promise.resolve(evaluateRefund(deps.catalog(), input, deps.clock()))),
    quoteExchange: fromPromise<
      FlowResult<ExchangeQuote, ExchangeQuoteErrorCode>,
      ExchangeQuoteInput
    >(({ input }) => Promise.resolve(quoteExchangeForFlow(deps.catalog(), input, deps.clock()))),
  };
}
