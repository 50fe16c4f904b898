import { fromPromise, type Actor } from 'xstate';
import type { ContractClient } from '../../shared/ipc/client';
import type { ExchangePayload, SalePayload } from '../../shared/journal/entry-types';
import type { CommandErrorCode, ExchangePlan } from '../../shared/commands';
import { err, ok, type Result } from '../../shared/util/result';
import { sum, type Money } from '../../shared/money/money';
import type { TenderRecord } from '../../shared/orders/tenders';
import type {
  CommittedExchange,
  ExchangeCommitInput,
  ExchangePrintInput,
  ExchangeQuote,
  ExchangeQuoteErrorCode,
  ExchangeQuoteInput,
} from '../flows/exchange/exchange-types';
import type { FlowResult, PrintOutcome } from '../flows/flow-types';
import type { ExchangeMachine } from '../flows/exchange/exchange-machine';
import { keepExchangeHolds } from '../flows/hold-keeper';
import { renewHolds, seatHoldActors } from '../flows/seat-hold-actors';
import { verifyApproverActor } from './approval-service';
import type { SeatRef } from '../flows/sell/sell-types';
import { releaseSeatRows } from '../store';
import type { Locale } from '../i18n';
import { commitExchange, previewExchange } from './exchange-service';
import { orderLookupActors, type OrderLookupDeps } from './order-flow-actors';
import { reloadOrder } from './order-service';
import { printExchangeSlips } from './exchange-print';

/**
 * How long the exchange's new seats stay held from the cashier's last step (see
 * keepExchangeSeats). The flow releases them on cancel; this covers an exchange left open
 * and a till that died mid-exchange.
 */
const EXCHANGE_HOLD_MS = 20 * 60_000;

const QUOTE_CODES: ReadonlySet<string> = new Set<ExchangeQuoteErrorCode>([
  'not_found',
  'sales_closed',
  'limit_exceeded',
  'empty_cart',
  'invalid_argument',
  'not_exchangeable',
]);

export interface ExchangeFlowDeps extends OrderLookupDeps {
  readonly client: ContractClient;
  readonly locale: () => Locale;
}

/**
 * Every actor the exchange machine declares, backed by the till services, for
 * `exchangeMachine.provide({ actors: exchangeFlowActors(...) })`. The quote is the exchange
 * service's preview (the same resolve-and-price steps the `exchange` command runs against
 * the stored inventory); the commit is the same `commitExchange` (domain command, one strict
 * commit). Seats are held under the flow's cartId, which the quote and the commit pass as
 * their holdId so the exchange's own holds count as its to issue.
 */
export function exchangeFlowActors(deps: ExchangeFlowDeps) {
  const { till } = deps;
  // The sale goes with the exchange: its receipt number and seats are on the exchange receipt.
  const committed = new Map<string, { payload: ExchangePayload; sale: SalePayload }>();
  const holds = seatHoldActors({
    db: till.store.db,
    catalog: () => till.catalog,
    clock: till.ports.clock,
    holdMs: () => EXCHANGE_HOLD_MS,
    inventory: till.inventory,
  });
  return {
    ...orderLookupActors(deps),
    holdSeats: holds.holdSeats,
    releaseSeats: holds.releaseSeats,
    quoteExchange: fromPromise<
      FlowResult<ExchangeQuote, ExchangeQuoteErrorCode>,
      ExchangeQuoteInput
    >(async ({ input }) => {
      if (input.order === null) return err('not_found', 'Load the order first.');
      if (input.items.length === 0) return err('empty_cart', 'Choose the new seats or places.');
      return quoteResult(
        await previewExchange(
          till,
          input.order,
          input.returnTicketIds,
          input.items.map((i) => ({ ...i })),
          input.cartId,
        ),
      );
    }),
    verifyApprover: verifyApproverActor(till),
    commitExchange: fromPromise<FlowResult<CommittedExchange, string>, ExchangeCommitInput>(
      async ({ input }) => {
        const x = input.exchange;
        // The order as it stands now: another window may have refunded a ticket since.
        const found = await reloadOrder(till, x.orderId);
        if (found === null) return err('not_found', 'The order is not in this till.');
        const done = await commitExchange(
          till,
          found.view,
          {
            ticketIds: [...x.ticketIds],
            items: x.items.map((i) => ({ ...i })),
            tenders: [...x.tenders],
          },
          input.staff,
          x.approver,
          input.cartId,
        );
        if (!done.ok) return done;
        const p = done.value;
        committed.set(input.cartId, { payload: p, sale: found.view.sale });
        // The order as it now stands, like the refund flow's reload after its commit: the
        // screen shows it, so the next exchange or refund of this order starts from it.
        const after = await reloadOrder(till, x.orderId).catch(() => null);
        return ok({
          exchangeId: p.exchangeId,
          receiptNo: p.receiptNo,
          difference: p.difference,
          change: p.change,
          ...cashTenderedOf(p.tenders),
          training: p.training,
          ...(after !== null ? { order: after.view } : {}),
        });
      },
    ),
    printExchange: fromPromise<FlowResult<PrintOutcome, string>, ExchangePrintInput>(
      async ({ input }) => {
        const done = committed.get(input.cartId);
        if (done === undefined)
          return err('not_found', 'No committed exchange for this cart on this page.');
        const printed = await printExchangeSlips(
          deps.client,
          till,
          done.payload,
          done.sale,
          deps.locale(),
        );
        if (printed.state === 'failed')
          return err('print_failed', printed.message ?? 'The exchange did not print.');
        return ok({ state: printed.state });
      },
    ),
  };
}

/**
 * Keeps the exchange's new seats held while the cashier works on it (flows/hold-keeper.ts):
 * each step renews them when they are within a minute of a full hold, so a long settle
 * (split payment, waiting for a supervisor's PIN) never loses them; an exchange left alone
 * lets them lapse EXCHANGE_HOLD_MS after its last step. `touch` is activity outside the flow
 * (typing a payment).
 */
export function keepExchangeSeats(
  till: Pick<OrderLookupDeps['till'], 'store' | 'ports' | 'inventory'>,
  cartId: string,
  actor: Actor<ExchangeMachine>,
) {
  return keepExchangeHolds(actor, {
    renew: renewHolds(till.store.db, cartId, till.inventory),
    clock: till.ports.clock,
    holdMs: () => EXCHANGE_HOLD_MS,
    onError: (e) => console.error('The held seats could not be renewed', e),
  });
}

/**
 * Lets go of an abandoned exchange's held seats when its flow can no longer do it (the screen
 * was left or reset mid-exchange: the actor is stopped, not cancelled). Best effort: a failure
 * leaves the holds to lapse at their expiry, which is what they are for.
 */
export async function releaseAbandonedHolds(
  till: Pick<OrderLookupDeps['till'], 'store'>,
  cartId: string,
  seats: readonly SeatRef[],
): Promise<void> {
  await releaseSeatRows(till.store.db, cartId, seats);
}

/** The domain's exchange plan as the settle step's quote result. */
export function quoteResult(
  q: Result<ExchangePlan, CommandErrorCode>,
): FlowResult<ExchangeQuote, ExchangeQuoteErrorCode> {
  if (q.ok) return q;
  // A refusal the settle step does not name (sold out…) is still a refusal, in words.
  const code = QUOTE_CODES.has(q.error.code)
    ? (q.error.code as ExchangeQuoteErrorCode)
    : 'invalid_argument';
  return err(code, q.error.message, { ...asRecord(q.error.details), cause: q.error.code });
}

/** What the customer handed over in cash, summed in shared money helpers; none when no cash. */
function cashTenderedOf(tenders: readonly TenderRecord[]): { cashTendered?: Money } {
  const cash = tenders.flatMap((t) => (t.kind === 'cash' ? [t.tendered] : []));
  const first = cash[0];
  return first === undefined ? {} : { cashTendered: sum(first.currency, cash) };
}

function asRecord(details: unknown): Record<string, unknown> {
  return typeof details === 'object' && details !== null ? { ...details } : {};
}
