import type { Currency } from '../money/currency';
import { sum, type Money } from '../money/money';
import type { ServerRefund } from './server-refund';

/**
 * How refunded money reached the customer: at a window (a till's refund entry — including a
 * cash-collection code an approved online request was paid out with, since the cash left
 * that drawer), or online by the server itself (its ledger: a card refund through the payment
 * provider, or a credit voucher issued). The back office names each line in words
 * (`manage.refundChannel.*`).
 */
export const REFUND_CHANNELS = ['window', 'online_card', 'online_voucher'] as const;
export type RefundChannel = (typeof REFUND_CHANNELS)[number];

export interface RefundChannelLine {
  readonly channel: RefundChannel;
  readonly count: number;
  readonly tickets: number;
  readonly total: Money;
}

/** What the windows refunded, as their journal's fold (the shift tally) already counted it. */
export interface WindowRefunds {
  readonly count: number;
  readonly tickets: number;
  readonly total: Money;
}

export interface RefundChannels {
  /** One line per channel, in REFUND_CHANNELS order, empty ones included. */
  readonly lines: readonly RefundChannelLine[];
  /** Σ of the online lines. */
  readonly online: Money;
  /** Σ of every line: what went back to customers by any channel. */
  readonly total: Money;
}

export function channelOfServerRefund(r: Pick<ServerRefund, 'kind'>): RefundChannel {
  return r.kind === 'card_refund' ? 'online_card' : 'online_voucher';
}

/** What a server payout paid out in, as a till's payout kinds name it (to the card, a voucher). */
export function methodOfServerRefund(r: Pick<ServerRefund, 'kind'>): 'card' | 'voucher' {
  return r.kind === 'card_refund' ? 'card' : 'voucher';
}

/**
 * The one fold of a set of refunds — a day's, an order's — into channel lines: the windows'
 * refunds as their tally counted them, beside the server's own payouts (its ledger rows),
 * summed by kind. The tills never journal a server payout and the server never ledgers a
 * window's (a cash code is paid out by a till's refund entry only), so no refund is in two
 * lines and the lines add up to `total`.
 */
export function foldRefundChannels(
  currency: Currency,
  window: WindowRefunds,
  serverRefunds: readonly Pick<ServerRefund, 'kind' | 'ticketIds' | 'amount'>[],
): RefundChannels {
  const online = (channel: RefundChannel): RefundChannelLine => {
    const own = serverRefunds.filter((r) => channelOfServerRefund(r) === channel);
    return {
      channel,
      count: own.length,
      tickets: own.reduce((n, r) => n + r.ticketIds.length, 0),
      total: sum(
        currency,
        own.map((r) => r.amount),
      ),
    };
  };
  const lines: RefundChannelLine[] = [
    { channel: 'window', count: window.count, tickets: window.tickets, total: window.total },
    online('online_card'),
    online('online_voucher'),
  ];
  const onlineTotal = sum(
    currency,
    lines.filter((l) => l.channel !== 'window').map((l) => l.total),
  );
  return {
    lines,
    online: onlineTotal,
    total: sum(
      currency,
      lines.map((l) => l.total),
    ),
  };
}
