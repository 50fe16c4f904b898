import type {
  CommandErrorCode,
  ExchangeInput,
  ExchangePlan,
  SellItem,
} from '../../shared/commands';
import type { Actor } from '../../shared/commands/types';
import { hasRole } from '../../shared/catalog/roles';
import { exchangeTargets, type ExchangeOld, type ExchangeRefusal } from '../../shared/exchange';
import type { PaymentStatus } from '../../shared/ipc/payment';
import type { ExchangePayload, SalePayload } from '../../shared/journal/entry-types';
import { money, type Money } from '../../shared/money';
import type { OrderView } from '../../shared/orders/order-view';
import { err, ok, type Result } from '../../shared/util/result';
import type { TicketScanVerdict, TicketScanVerdictCode } from '../scan';
import { awaitPaymentOutcome, type CardTerminal } from './card-terminal';
import { commitExchange, previewExchange } from './exchange-service';
import type { CardRefundOffer } from './kiosk-refund';
import { reloadOrder } from './order-service';
import type { PrintOutcome } from './print-service';
import type { Till } from './till';

/**
 * A kiosk customer's self-exchange (issue 15 item 2): a scanned or typed ticket code → the
 * scan verdict → the exchange rules on that ticket (the domain's `exchangeTargets`, the rules
 * `planExchange` applies) → the customer picks what it becomes → `planExchange`'s quote (the
 * till's `previewExchange`) → only what the policy allows without a person: the difference
 * paid by card at the terminal, paid back by a referenced refund of the original card
 * payment or as the policy's credit voucher, or nothing for an even exchange. Everything else
 * sends the customer to the box office with the reason. The exchange is journalled by the
 * domain's `exchange` command under the kiosk's identity, and only after the terminal
 * approved the money moving; money moved but not journalled is reversed.
 */

/** Why the kiosk will not exchange a genuine ticket by itself: a person must decide. */
export type ExchangeBoxOfficeWhy =
  /** genuine, but its order is not in this kiosk's records (sold elsewhere, not synced) */
  | 'order_missing'
  /** the exchange rules refuse it whatever it becomes (`refusal` says which rule) */
  | 'policy'
  /** the rules allow it, but no performance it may become is on sale */
  | 'no_performance'
  /** paying the difference back needs someone above the kiosk to approve it */
  | 'approval'
  /** the difference goes back to the original payment, which the kiosk cannot refund */
  | 'no_method';

export type KioskExchangeStart =
  | { readonly kind: 'not_valid'; readonly code: Exclude<TicketScanVerdictCode, 'genuine'> }
  | {
      readonly kind: 'see_box_office';
      readonly why: ExchangeBoxOfficeWhy;
      readonly refusal: ExchangeRefusal | null;
    }
  /** the ticket may be exchanged: for one of `performanceIds` (soonest first) */
  | {
      readonly kind: 'choose';
      readonly orderId: string;
      readonly ticketId: string;
      readonly performanceIds: readonly string[];
    };

/** What the kiosk may start for one ticket of an order. Pure: the clock reading comes in. */
export function kioskExchangeStart(
  order: OrderView,
  ticketId: string,
  performances: Parameters<typeof exchangeTargets>[1],
  nowMs: number,
): KioskExchangeStart {
  const view = order.tickets.find((t) => t.ticket.ticketId === ticketId);
  const performance = performances.find((p) => p.id === view?.ticket.performanceId);
  if (view === undefined || performance === undefined) {
    return { kind: 'see_box_office', why: 'order_missing', refusal: null };
  }
  const old: ExchangeOld[] = [{ ticket: view.ticket, status: view.status, performance }];
  const { refusal, allowed } = exchangeTargets(old, performances, nowMs);
  if (refusal !== null) return { kind: 'see_box_office', why: 'policy', refusal };
  if (allowed.length === 0) return { kind: 'see_box_office', why: 'no_performance', refusal: null };
  return {
    kind: 'choose',
    orderId: order.orderId,
    ticketId,
    performanceIds: allowed.map((p) => p.id),
  };
}

/** The start for a scan verdict: the verdict first, then the exchange rules on that ticket. */
export function judgeKioskExchange(till: Till, verdict: TicketScanVerdict): KioskExchangeStart {
  if (verdict.code !== 'genuine') return { kind: 'not_valid', code: verdict.code };
  const { ticket, order } = verdict.scanned;
  if (order === null) return { kind: 'see_box_office', why: 'order_missing', refusal: null };
  return kioskExchangeStart(
    order,
    ticket.ticketId,
    till.catalog.catalog.performances,
    till.ports.clock(),
  );
}

/** How the exchange settles at the kiosk, as planExchange decided it. */
export type KioskSettlement =
  | { readonly kind: 'even' }
  | { readonly kind: 'pay_by_card'; readonly amount: Money }
  | { readonly kind: 'back_to_card'; readonly card: CardRefundOffer }
  | { readonly kind: 'voucher'; readonly amount: Money };

export type KioskExchangeQuote =
  | {
      readonly kind: 'see_box_office';
      readonly why: ExchangeBoxOfficeWhy;
      /** planExchange's refusal in its own words (sold out, not the same event…) */
      readonly refused: { readonly code: CommandErrorCode; readonly message: string } | null;
    }
  | {
      readonly kind: 'offer';
      readonly orderId: string;
      readonly ticketId: string;
      readonly items: readonly SellItem[];
      /** planExchange's decision: the lines the screen reads out, one meaning each */
      readonly plan: ExchangePlan;
      readonly settle: KioskSettlement;
    };

/**
 * The kiosk's offer for a planned exchange. Pure: the caller planned it (previewExchange,
 * the domain's planExchange) for the order as it stands.
 */
export function kioskExchangeQuote(
  order: OrderView,
  ticketId: string,
  items: readonly SellItem[],
  planned: Result<ExchangePlan, CommandErrorCode>,
  actor: Actor,
): KioskExchangeQuote {
  if (!planned.ok) {
    return {
      kind: 'see_box_office',
      why: 'policy',
      refused: { code: planned.error.code, message: planned.error.message },
    };
  }
  const plan = planned.value;
  const base = { kind: 'offer', orderId: order.orderId, ticketId, items, plan } as const;
  if (plan.settlement === 'even') return { ...base, settle: { kind: 'even' } };
  if (plan.settlement === 'collect') {
    return { ...base, settle: { kind: 'pay_by_card', amount: plan.due } };
  }
  const back = money(-plan.due.amount, plan.due.currency);
  if (!hasRole(actor.role, plan.requiredRole)) {
    return { kind: 'see_box_office', why: 'approval', refused: null };
  }
  if (plan.payBackAs === 'voucher') return { ...base, settle: { kind: 'voucher', amount: back } };
  const card = onlyCardPayment(order);
  if (card === null) return { kind: 'see_box_office', why: 'no_method', refused: null };
  return { ...base, settle: { kind: 'back_to_card', card: { ...card, amount: back } } };
}

/**
 * The card payment a difference can go back to: the order's only tender with money left on
 * it is a card the kiosk's terminal took (its payment id recorded). Main still bounds the
 * referenced refund by what that payment captured minus its refunds.
 */
function onlyCardPayment(order: OrderView): Omit<CardRefundOffer, 'amount'> | null {
  const open = order.tenders.filter((b) => b.paid.amount - b.refunded.amount > 0);
  const only = open.length === 1 ? open[0]!.tender : undefined;
  if (only?.kind !== 'card' || only.paymentId === undefined) return null;
  return { tenderId: only.tenderId, last4: only.last4, originalPaymentId: only.paymentId };
}

/** The quote for what the customer chose, planned on the order as this kiosk has it now. */
export async function quoteKioskExchange(
  till: Till,
  orderId: string,
  ticketId: string,
  items: readonly SellItem[],
  actor: Actor,
  holdId: string,
): Promise<KioskExchangeQuote> {
  const found = await reloadOrder(till, orderId);
  if (found === null) return { kind: 'see_box_office', why: 'order_missing', refused: null };
  const planned = await previewExchange(till, found.view, [ticketId], items, holdId);
  return kioskExchangeQuote(found.view, ticketId, items, planned, actor);
}

/** What the kiosk screen shows while an exchange runs. */
export type ExchangeStep = 'checking' | 'at_terminal' | 'recording' | 'printing';

type Offer = Extract<KioskExchangeQuote, { kind: 'offer' }>;

export type KioskExchangeOutcome =
  | {
      readonly kind: 'exchanged';
      readonly exchange: ExchangePayload;
      readonly printed: PrintOutcome;
    }
  /** nothing moved: the terminal declined or could not take it, or the decision changed */
  | {
      readonly kind: 'not_exchanged';
      readonly reason: PaymentStatus['reason'] | 'unavailable' | 'changed';
      readonly detail?: string;
    }
  /** the card was charged or refunded, then the exchange could not be recorded */
  | {
      readonly kind: 'not_recorded';
      readonly detail: string;
      readonly reversal: 'reversed' | 'owed' | 'failed';
    };

export interface KioskExchangeDeps {
  readonly till: Till;
  readonly terminal: CardTerminal;
  readonly actor: Actor;
  readonly print: (exchange: ExchangePayload, sale: SalePayload) => Promise<PrintOutcome>;
  readonly pollMs: number;
  /** the customer's cart: the new seats are held under it */
  readonly holdId: string;
  readonly onStep?: (step: ExchangeStep) => void;
}

/**
 * Carries out the offer the customer accepted. The order and the plan are read again first
 * (another window may have exchanged or refunded the ticket, the clock may have crossed a
 * rule): the money moves only if the fresh quote settles exactly as the customer saw.
 */
export async function exchangeAtKiosk(
  deps: KioskExchangeDeps,
  offer: Offer,
): Promise<KioskExchangeOutcome> {
  const { till } = deps;
  deps.onStep?.('checking');
  const fresh = await quoteKioskExchange(
    till,
    offer.orderId,
    offer.ticketId,
    offer.items,
    deps.actor,
    deps.holdId,
  );
  if (!sameSettlement(fresh, offer)) return { kind: 'not_exchanged', reason: 'changed' };
  const { settle } = offer;
  if (settle.kind === 'even' || settle.kind === 'voucher') {
    deps.onStep?.('recording');
    const done = await record(deps, offer, {});
    if (!done.ok) return { kind: 'not_exchanged', reason: 'changed', detail: done.error.message };
    return printed(deps, done.value);
  }
  const paymentId = till.ports.ids();
  const started = await deps.terminal.start(
    settle.kind === 'pay_by_card'
      ? {
          paymentId,
          kind: 'sale',
          amount: settle.amount,
          reference: `kiosk exchange ${till.terminalId}`,
        }
      : {
          paymentId,
          kind: 'refund',
          amount: settle.card.amount,
          reference: `kiosk exchange ${till.terminalId}`,
          originalPaymentId: settle.card.originalPaymentId,
        },
  );
  if (!started.ok) {
    return { kind: 'not_exchanged', reason: 'unavailable', detail: started.error.message };
  }
  deps.onStep?.('at_terminal');
  // pending/unknown are never an outcome: main settles a lost answer by a status query.
  const outcome = await awaitPaymentOutcome(deps.terminal, started.value, {
    pollMs: deps.pollMs,
  });
  if (outcome.state !== 'approved') {
    return { kind: 'not_exchanged', reason: outcome.reason ?? 'declined_by_issuer' };
  }
  deps.onStep?.('recording');
  const done =
    outcome.approvalCode === undefined || (settle.kind === 'pay_by_card' && !outcome.last4)
      ? err('invalid_state', 'The card terminal gave no approval code.')
      : await record(
          deps,
          offer,
          settle.kind === 'pay_by_card'
            ? {
                tenders: [
                  {
                    kind: 'card',
                    amount: outcome.amount,
                    approvalCode: outcome.approvalCode,
                    last4: outcome.last4!,
                    ...(outcome.scheme !== undefined ? { scheme: outcome.scheme } : {}),
                    // the reference a later self-refund or exchange back to this card needs
                    paymentId,
                  },
                ],
              }
            : {
                cardApprovals: { [settle.card.tenderId]: outcome.approvalCode },
                cardRefundPayments: { [settle.card.tenderId]: paymentId },
              },
        );
  if (!done.ok) {
    // Money moved but no exchange: take it back (idempotent at main), as for a sale.
    const reversed = await deps.terminal.reverse(paymentId);
    return {
      kind: 'not_recorded',
      detail: done.error.message,
      reversal: reversed.ok
        ? reversed.value.state === 'reversed'
          ? 'reversed'
          : 'failed'
        : reversed.error.code === 'device_offline' || reversed.error.code === 'timeout'
          ? 'owed'
          : 'failed',
    };
  }
  return printed(deps, done.value);
}

async function printed(
  deps: KioskExchangeDeps,
  done: { readonly exchange: ExchangePayload; readonly sale: SalePayload },
): Promise<KioskExchangeOutcome> {
  deps.onStep?.('printing');
  return {
    kind: 'exchanged',
    exchange: done.exchange,
    printed: await deps.print(done.exchange, done.sale),
  };
}

function sameSettlement(fresh: KioskExchangeQuote, seen: Offer): boolean {
  if (fresh.kind !== 'offer' || fresh.settle.kind !== seen.settle.kind) return false;
  if (fresh.plan.due.amount !== seen.plan.due.amount) return false;
  return (
    fresh.settle.kind !== 'back_to_card' ||
    (seen.settle.kind === 'back_to_card' &&
      fresh.settle.card.originalPaymentId === seen.settle.card.originalPaymentId)
  );
}

/**
 * Journals the exchange (the domain's `exchange`, under the kiosk) on the order as it stands
 * now, not as it was read before the terminal: the domain judges the current state.
 */
async function record(
  deps: KioskExchangeDeps,
  offer: Offer,
  payment: {
    readonly tenders?: NonNullable<ExchangeInput['tenders']>;
    readonly cardApprovals?: Readonly<Record<string, string>>;
    readonly cardRefundPayments?: Readonly<Record<string, string>>;
  },
): Promise<Result<{ exchange: ExchangePayload; sale: SalePayload }, string>> {
  const now = await reloadOrder(deps.till, offer.orderId);
  if (now === null) return err('not_found', 'The order is no longer in this kiosk’s records.');
  const done = await commitExchange(
    deps.till,
    now.view,
    {
      ticketIds: [offer.ticketId],
      items: offer.items.map((i) => ({ ...i })),
      tenders: payment.tenders ?? [],
      ...(payment.cardApprovals !== undefined
        ? { cardApprovals: { ...payment.cardApprovals } }
        : {}),
      ...(payment.cardRefundPayments !== undefined
        ? { cardRefundPayments: { ...payment.cardRefundPayments } }
        : {}),
    },
    deps.actor,
    undefined,
    deps.holdId,
  );
  return done.ok ? ok({ exchange: done.value, sale: now.view.sale }) : done;
}
