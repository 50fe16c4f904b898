import type { Money } from '../../shared/money';
import type { OrderView } from '../../shared/orders/order-view';
import type { TicketRecord as DomainTicket } from '../../shared/orders/records';
import type { TicketCodePayload } from '../../shared/tickets/ticket-payload';
import type { TicketRecord } from '../store/records';

/**
 * What the till says about one scanned ticket code, after the signature and the store have
 * been asked: a genuine ticket with its order and status, or why not. The refund policy is not
 * asked here: the refund or exchange flow that receives the order evaluates it, once. The UI
 * localises `ui.scan.ticket.<code>`; the flows branch on `code`. Checked in this order, each
 * only once the previous ones passed:
 *
 * | code | meaning |
 * |---|---|
 * | malformed | not a ticket code we read (wrong scanner code page, a receipt, noise) |
 * | unknown_key | signed by a key this terminal does not trust (another venue, or forged) |
 * | bad_signature | forged or damaged |
 * | revoked | genuine, but its key or the ticket itself was withdrawn |
 * | used | genuine and already admitted |
 * | store_error | genuine, but this terminal's store could not be read (try again) |
 * | not_found | genuine, for a performance here, but not in this terminal's store: sold by another channel or terminal not yet synced |
 * | wrong_venue | genuine, but for a performance this venue's catalog does not have |
 * | mismatch | the signed code and the stored ticket disagree on performance or seat |
 * | refunded / exchanged / voided | genuine, and already refunded, exchanged or voided here |
 * | genuine | valid ticket, not yet used; its stored record and order are attached |
 */
export const TICKET_SCAN_VERDICT_CODES = [
  'genuine',
  'malformed',
  'unknown_key',
  'bad_signature',
  'revoked',
  'used',
  'store_error',
  'not_found',
  'wrong_venue',
  'mismatch',
  'refunded',
  'exchanged',
  'voided',
] as const;

export type TicketScanVerdictCode = (typeof TICKET_SCAN_VERDICT_CODES)[number];

/** Values a message may show; Money is formatted by the translator for the venue. */
export type TicketScanParams = Readonly<Record<string, string | number | Money>>;

interface VerdictBase<C extends TicketScanVerdictCode> {
  readonly code: C;
  readonly params: TicketScanParams;
  /** English, for logs and as the translator's last resort. */
  readonly message: string;
}

/** Where and when an order was sold, from its order record (what a flow lists it by). */
export interface OrderReceipt {
  readonly terminalId: string;
  readonly receiptNumber: number;
  readonly at: string;
  readonly total: Money;
}

/** An order a scan found: its receipt and the order as it stands, rebuilt from its events. */
export interface ScannedOrder {
  readonly receipt: OrderReceipt;
  readonly order: OrderView;
}

/** The ticket as this terminal stores it, with its order rebuilt from the journal. */
export interface ScannedTicket {
  readonly record: TicketRecord;
  readonly ticket: DomainTicket;
  /** null when the order record is missing or unreadable (e.g. a partial sync). */
  readonly order: OrderView | null;
  /** The order's receipt; null exactly when `order` is. */
  readonly receipt: OrderReceipt | null;
}

export type TicketScanVerdict =
  | (VerdictBase<'malformed'> & { readonly reason: string })
  | (VerdictBase<'unknown_key' | 'bad_signature' | 'used' | 'wrong_venue'> & {
      readonly payload: TicketCodePayload;
    })
  | (VerdictBase<'revoked'> & {
      readonly payload: TicketCodePayload;
      readonly revoked: 'key' | 'ticket';
    })
  | (VerdictBase<'store_error'> & { readonly payload: TicketCodePayload; readonly cause: string })
  | (VerdictBase<'not_found'> & {
      readonly payload: TicketCodePayload;
      /** The performance the code names, when this venue's catalog has it. */
      readonly performanceId: string;
      readonly seatId?: string;
      readonly tierId?: string;
    })
  | (VerdictBase<'mismatch'> & {
      readonly payload: TicketCodePayload;
      readonly scanned: ScannedTicket;
    })
  | (VerdictBase<'refunded' | 'exchanged' | 'voided'> & {
      readonly payload: TicketCodePayload;
      readonly scanned: ScannedTicket;
    })
  | (VerdictBase<'genuine'> & {
      readonly payload: TicketCodePayload;
      readonly scanned: ScannedTicket;
    });

/** True for verdicts where the code itself is not to be trusted (a customer-facing warning). */
export function isUntrustedCode(code: TicketScanVerdictCode): boolean {
  return code === 'malformed' || code === 'unknown_key' || code === 'bad_signature';
}
