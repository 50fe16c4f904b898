import type { RefundPlan } from '../../shared/commands/plan-refund';
import type { Actor } from '../../shared/commands/types';
import type { PaymentStatus } from '../../shared/ipc/payment';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { Money } from '../../shared/money';
import type { OrderView } from '../../shared/orders/order-view';
import { err, ok, type Result } from '../../shared/util/result';
import type { TicketScanVerdict, TicketScanVerdictCode } from '../scan';
import { awaitPaymentOutcome, type CardTerminal } from './card-terminal';
import { reloadOrder } from './order-service';
import type { PrintOutcome } from './print-service';
import type { RefundToPrint } from './refund-print';
import { commitRefund, otherWindowOffline, planTillRefund } from './refund-service';
import type { Till } from './till';

/**
 * A kiosk customer's self-refund (issue 15 item 2): a scanned or typed ticket code → the scan
 * verdict (the ticket scanner every till uses) → the refund policy's decision (the same
 * `planRefund` the till and server use, through `planTillRefund`) → only what the policy
 * allows without a person: a referenced refund of the original card payment through main's
 * terminal port, or a credit voucher. Everything else sends the customer to the box office
 * with the reason. The refund is journalled by the domain's `refund` command under the
 * kiosk's identity, and only after the terminal approved the money going back.
 */

/** Why the kiosk will not refund a genuine ticket by itself: a person must decide. */
export type SeeBoxOfficeWhy =
  /** genuine, but its order is not in this kiosk's records (sold elsewhere, not synced) */
  | 'order_missing'
  /** paid in cash: the kiosk has no cash to give back */
  | 'cash_purchase'
  /** a ticket of the order was already used to enter */
  | 'partly_used'
  /** the policy refuses it (window closed, performance started, non-refundable tier…) */
  | 'policy'
  /** inside the policy, but above what a kiosk may refund without someone approving */
  | 'approval'
  /** neither a card refund nor a voucher is possible here (e.g. a card keyed in at a till) */
  | 'no_method';

/** A referenced refund of the card payment the kiosk took for the order. */
export interface CardRefundOffer {
  readonly tenderId: string;
  readonly last4: string;
  /** the terminal port's id of the original sale payment */
  readonly originalPaymentId: string;
  readonly amount: Money;
}

export type KioskRefundDecision =
  /** the scan verdict already says no: forged, used, refunded, another venue… */
  | {
      readonly kind: 'not_valid';
      readonly code: Exclude<TicketScanVerdictCode, 'genuine'>;
    }
  | {
      readonly kind: 'see_box_office';
      readonly why: SeeBoxOfficeWhy;
      /** the policy's decision, when it was asked: its reasons are the words shown */
      readonly plan: RefundPlan | null;
    }
  | {
      readonly kind: 'offer';
      readonly orderId: string;
      readonly ticketId: string;
      readonly plan: RefundPlan;
      /** null: the card cannot be refunded here (the voucher may still be) */
      readonly card: CardRefundOffer | null;
      /** what a credit voucher would be worth (bonus included); null: no voucher */
      readonly voucher: Money | null;
    };

/**
 * The kiosk's decision for one ticket of an order, from the policy's plan. Pure: the caller
 * planned the refund (planTillRefund) with the kiosk's identity.
 */
export function kioskRefundDecision(
  order: OrderView,
  ticketId: string,
  planned: Result<RefundPlan, string>,
): KioskRefundDecision {
  if (order.tenders.some((b) => b.tender.kind === 'cash')) {
    return { kind: 'see_box_office', why: 'cash_purchase', plan: null };
  }
  if (order.tickets.some((t) => t.status === 'used')) {
    return { kind: 'see_box_office', why: 'partly_used', plan: null };
  }
  if (!planned.ok) return { kind: 'see_box_office', why: 'policy', plan: null };
  const plan = planned.value;
  if (plan.refusal !== null) return { kind: 'see_box_office', why: 'policy', plan };
  if (plan.approvalNeeded) return { kind: 'see_box_office', why: 'approval', plan };
  const card = cardOffer(order, plan);
  const voucher = plan.methods.find((m) => m.method === 'voucher' && m.available);
  if (card === null && voucher === undefined) {
    return { kind: 'see_box_office', why: 'no_method', plan };
  }
  return {
    kind: 'offer',
    orderId: order.orderId,
    ticketId,
    plan,
    card,
    voucher: voucher?.paidOut ?? null,
  };
}

/**
 * A card refund the kiosk can make by itself: the order was paid by exactly one card through
 * the terminal port (its payment id recorded on the tender), and the policy allows the
 * original payment. A card keyed in at a till has no payment id to refer to.
 */
function cardOffer(order: OrderView, plan: RefundPlan): CardRefundOffer | null {
  const original = plan.methods.find((m) => m.method === 'original_tender' && m.available);
  const only = order.tenders.length === 1 ? order.tenders[0]!.tender : undefined;
  if (original === undefined || only?.kind !== 'card' || only.paymentId === undefined) return null;
  return {
    tenderId: only.tenderId,
    last4: only.last4,
    originalPaymentId: only.paymentId,
    amount: original.paidOut,
  };
}

/** The decision for a scan verdict: the verdict first, then the order's plan for that ticket. */
export async function judgeKioskRefund(
  till: Till,
  verdict: TicketScanVerdict,
  actor: Actor,
): Promise<KioskRefundDecision> {
  if (verdict.code !== 'genuine') return { kind: 'not_valid', code: verdict.code };
  const { ticket, order } = verdict.scanned;
  if (order === null) return { kind: 'see_box_office', why: 'order_missing', plan: null };
  return decideFor(till, order, ticket.ticketId, actor);
}

async function decideFor(
  till: Till,
  order: OrderView,
  ticketId: string,
  actor: Actor,
): Promise<KioskRefundDecision> {
  const planned = await planTillRefund(till, order, { ticketIds: [ticketId] }, actor, (id) =>
    otherWindowOffline(till, id),
  );
  return kioskRefundDecision(order, ticketId, planned);
}

/** What the kiosk screen shows while a refund runs. */
export type RefundStep = 'checking' | 'at_terminal' | 'recording' | 'printing';

export type KioskRefundOutcome =
  | {
      readonly kind: 'refunded';
      readonly refund: RefundPayload;
      readonly printed: PrintOutcome;
    }
  /** nothing moved: the terminal declined or could not take it, or the decision changed */
  | {
      readonly kind: 'not_refunded';
      readonly reason: PaymentStatus['reason'] | 'unavailable' | 'changed';
      readonly detail?: string;
    }
  /**
   * the card was refunded, then the refund could not be recorded: reversed (or owed, main
   * keeps sending it) — or the reversal failed, and staff must put it right
   */
  | {
      readonly kind: 'not_recorded';
      readonly detail: string;
      readonly reversal: 'reversed' | 'owed' | 'failed';
    };

export interface KioskRefundDeps {
  readonly till: Till;
  readonly terminal: CardTerminal;
  readonly actor: Actor;
  readonly print: (refund: RefundToPrint) => Promise<PrintOutcome>;
  readonly pollMs: number;
  readonly onStep?: (step: RefundStep) => void;
}

/**
 * Carries out what the customer chose from an offer. The order and the plan are read again
 * first (another window may have refunded the ticket, the clock may have crossed a window):
 * the money moves only if the fresh decision still offers exactly what the customer saw.
 */
export async function refundAtKiosk(
  deps: KioskRefundDeps,
  offer: Extract<KioskRefundDecision, { kind: 'offer' }>,
  method: 'card' | 'voucher',
): Promise<KioskRefundOutcome> {
  const { till } = deps;
  deps.onStep?.('checking');
  const found = await reloadOrder(till, offer.orderId);
  if (found === null) return { kind: 'not_refunded', reason: 'changed' };
  const fresh = await decideFor(till, found.view, offer.ticketId, deps.actor);
  if (!sameOffer(fresh, offer, method)) return { kind: 'not_refunded', reason: 'changed' };
  const toPrint = (payload: RefundPayload): RefundToPrint => ({
    payload,
    originalReceiptNo: found.record.receiptNumber,
    saleTickets: found.view.sale.tickets,
  });
  if (method === 'voucher') {
    deps.onStep?.('recording');
    const done = await record(deps, offer.orderId, offer.ticketId, 'voucher');
    if (!done.ok) return { kind: 'not_refunded', reason: 'changed', detail: done.error.message };
    deps.onStep?.('printing');
    return { kind: 'refunded', refund: done.value, printed: await deps.print(toPrint(done.value)) };
  }
  const card = offer.card!;
  const paymentId = till.ports.ids();
  const started = await deps.terminal.start({
    paymentId,
    kind: 'refund',
    amount: card.amount,
    reference: `kiosk refund ${till.terminalId}`,
    originalPaymentId: card.originalPaymentId,
  });
  if (!started.ok) {
    return { kind: 'not_refunded', reason: 'unavailable', detail: started.error.message };
  }
  deps.onStep?.('at_terminal');
  // pending/unknown are never an outcome: main settles a lost answer by a status query.
  const outcome = await awaitPaymentOutcome(deps.terminal, started.value, {
    pollMs: deps.pollMs,
  });
  if (outcome.state !== 'approved') {
    return { kind: 'not_refunded', reason: outcome.reason ?? 'declined_by_issuer' };
  }
  deps.onStep?.('recording');
  const done =
    outcome.approvalCode === undefined
      ? err('invalid_state', 'The card terminal gave no approval code.')
      : await record(deps, offer.orderId, offer.ticketId, 'original_tender', {
          approvals: { [card.tenderId]: outcome.approvalCode },
          payments: { [card.tenderId]: paymentId },
        });
  if (!done.ok) {
    // Refunded to the card but not recorded: take it back (idempotent at main), as a sale
    // that could not be committed is reversed.
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
  deps.onStep?.('printing');
  return { kind: 'refunded', refund: done.value, printed: await deps.print(toPrint(done.value)) };
}

function sameOffer(
  fresh: KioskRefundDecision,
  seen: Extract<KioskRefundDecision, { kind: 'offer' }>,
  method: 'card' | 'voucher',
): boolean {
  if (fresh.kind !== 'offer') return false;
  if (method === 'voucher') {
    return fresh.voucher !== null && fresh.voucher.amount === seen.voucher?.amount;
  }
  return (
    fresh.card !== null &&
    seen.card !== null &&
    fresh.card.amount.amount === seen.card.amount.amount &&
    fresh.card.originalPaymentId === seen.card.originalPaymentId
  );
}

/**
 * Journals the refund (the domain's `refund`, under the kiosk) on the order as it stands now,
 * not as it was read before the terminal: another window may have refunded the ticket while
 * the customer's card was being refunded, and the domain must judge the current state.
 */
async function record(
  deps: KioskRefundDeps,
  orderId: string,
  ticketId: string,
  method: 'original_tender' | 'voucher',
  card?: {
    readonly approvals: Readonly<Record<string, string>>;
    readonly payments: Readonly<Record<string, string>>;
  },
): Promise<Result<RefundPayload, string>> {
  const now = await reloadOrder(deps.till, orderId);
  if (now === null) return err('not_found', 'The order is no longer in this kiosk’s records.');
  return commitRefund(
    deps.till,
    now.view,
    {
      ticketIds: [ticketId],
      method,
      reasonCode: 'customer_request',
      ...(card !== undefined
        ? { cardApprovals: { ...card.approvals }, cardRefundPayments: { ...card.payments } }
        : {}),
    },
    deps.actor,
  ).then((r) => (r.ok ? ok(r.value) : r));
}
