import type { Actor } from '../../shared/commands/types';
import type { PaymentStatus } from '../../shared/ipc/payment';
import type { Money } from '../../shared/money';
import { err, ok, type Result } from '../../shared/util/result';
import { quoteCart, type CartItem, type CartQuote } from '../flows/quote-cart';
import { awaitPaymentOutcome, type CardTerminal } from './card-terminal';
import type { PrintOutcome } from './print-service';
import { commitSale, inventoryFor, type CompletedSale } from './sale-service';
import type { Till } from './till';

/**
 * A kiosk customer's purchase, paid by card: price → charge → commit → print. The order of
 * the steps is the payment contract's (shared/ipc/payment.ts): the sale is committed only
 * after the terminal approved, and an approved payment whose sale cannot be committed is
 * reversed, so a customer is never charged for tickets they did not get.
 */

/** What the kiosk screen shows while a purchase runs. */
export type PurchaseStep = 'starting' | 'present_card' | 'checking' | 'committing' | 'printing';

export type PurchaseOutcome =
  | { readonly kind: 'sold'; readonly sale: CompletedSale; readonly printed: PrintOutcome }
  /** the card was not charged: declined, cancelled, timed out */
  | { readonly kind: 'not_paid'; readonly status: PaymentStatus }
  /** the terminal could not take the payment at all (offline, busy) */
  | { readonly kind: 'terminal_unavailable'; readonly message: string }
  /**
   * charged, then the sale could not be committed: reversed, `owed` (main keeps sending the
   * reversal until the terminal confirms it) or failed
   */
  | {
      readonly kind: 'not_sold';
      readonly message: string;
      readonly reversal: PaymentStatus['state'] | 'owed' | 'failed';
    };

export interface PurchaseDeps {
  readonly till: Till;
  readonly terminal: CardTerminal;
  readonly actor: Actor;
  readonly print: (sale: CompletedSale) => Promise<PrintOutcome>;
  readonly pollMs: number;
  readonly onStep?: (step: PurchaseStep) => void;
}

/** The cart's price with the venue's pricing now: what the terminal is asked to charge. */
export async function quoteKioskCart(
  till: Till,
  items: readonly CartItem[],
): Promise<Result<CartQuote, string>> {
  const performances = [...new Set(items.map((i) => i.performanceId))];
  // Demand pricing counts what is sold, as the sale command will when it commits.
  const counts = await Promise.all(performances.map((id) => inventoryFor(till, id)));
  const demand = new Map(performances.map((id, i) => [id, counts[i]!]));
  return quoteCart(
    till.catalog,
    { items, promoCode: null, customerId: null },
    {
      now: till.ports.clock(),
      demand: (id) => {
        const inv = demand.get(id);
        return inv === undefined ? undefined : { sold: inv.sold, capacity: inv.capacity };
      },
    },
  );
}

export async function buyByCard(
  deps: PurchaseDeps,
  items: readonly CartItem[],
  total: Money,
  cartId?: string,
): Promise<PurchaseOutcome> {
  const { till, terminal } = deps;
  deps.onStep?.('starting');
  const paymentId = till.ports.ids();
  const started = await terminal.start({
    paymentId,
    kind: 'sale',
    amount: total,
    reference: `kiosk ${till.terminalId}`,
  });
  if (!started.ok) return { kind: 'terminal_unavailable', message: started.error.message };
  deps.onStep?.('present_card');
  const outcome = await awaitPaymentOutcome(terminal, started.value, {
    pollMs: deps.pollMs,
    onUnsettled: (s) => deps.onStep?.(s.state === 'unknown' ? 'checking' : 'present_card'),
  });
  if (outcome.state !== 'approved') return { kind: 'not_paid', status: outcome };
  deps.onStep?.('committing');
  const committed = await commitCardSale(deps, items, outcome, cartId);
  if (!committed.ok) {
    // Charged but not sold: give the money back (idempotent on the payment id at main).
    const reversed = await terminal.reverse(paymentId);
    return {
      kind: 'not_sold',
      message: committed.error.message,
      reversal: reversed.ok
        ? reversed.value.state
        : reversed.error.code === 'device_offline' || reversed.error.code === 'timeout'
          ? 'owed'
          : 'failed',
    };
  }
  deps.onStep?.('printing');
  const printed = await deps.print(committed.value);
  return { kind: 'sold', sale: committed.value, printed };
}

function commitCardSale(
  deps: PurchaseDeps,
  items: readonly CartItem[],
  payment: PaymentStatus,
  cartId: string | undefined,
): Promise<Result<CompletedSale, string>> {
  if (payment.approvalCode === undefined || payment.last4 === undefined) {
    // The contract promises both once approved; without them the tender cannot be recorded.
    return Promise.resolve(err('invalid_state', 'The card terminal gave no approval code.'));
  }
  return commitSale(
    deps.till,
    {
      items: items.map((i) => ({
        performanceId: i.performanceId,
        tierId: i.tierId,
        ...(i.seatId !== undefined ? { seatId: i.seatId } : { quantity: i.quantity }),
      })),
      tenders: [
        {
          kind: 'card',
          amount: payment.amount,
          approvalCode: payment.approvalCode,
          last4: payment.last4,
          ...(payment.scheme !== undefined ? { scheme: payment.scheme } : {}),
          // the reference a self-refund to this card needs (a referenced refund of it)
          paymentId: payment.paymentId,
        },
      ],
    },
    deps.actor,
    cartId,
  ).then((r) => (r.ok ? ok(r.value) : r));
}
