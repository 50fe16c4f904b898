import type { ContractClient } from '../../shared/ipc/client';
import type { RefundPayload } from '../../shared/journal/entry-types';
import type { TicketRecord } from '../../shared/orders/records';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import type { SlipColumns, SlipDocument, SlipLocale } from '../../shared/slips';
import { refundVoucher, saleReceipt, ticketSlip } from '../../shared/slips';
import type { Locale } from '../i18n';
import type { CompletedSale } from './sale-service';
import type { Till } from './till';

/** 80 mm paper, font A: what a slip is laid out for when no printer says otherwise. */
const DEFAULT_COLUMNS: SlipColumns = 48;

/**
 * The columns of the configured printer: a receipt laid out for 48 columns on 58 mm paper
 * (32) would wrap every line. Asked per print (a local call) because a manager may switch
 * printers mid-shift.
 */
export async function printerColumns(client: ContractClient): Promise<SlipColumns> {
  const listed = await client.call('printer.list', {});
  return (listed.ok ? listed.value.printers[0]?.columns : undefined) ?? DEFAULT_COLUMNS;
}

function slipLocale(locale: Locale): SlipLocale {
  return locale === 'zh-Hans' ? 'zh' : locale;
}

function venueHeader(till: Till) {
  return { name: till.catalog.venue.name, address: [] };
}

/**
 * Sale receipt with the tickets' signed codes (QR) for a committed sale. `origin`: the
 * terminal that sold it and when, for a receipt rebuilt later from the stored order (a copy);
 * by default this till, now.
 */
export function saleReceiptDocument(
  till: Till,
  sale: Pick<CompletedSale, 'sale'>,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
  origin?: { readonly terminalId: string; readonly issuedAt: string },
): SlipDocument {
  const s = sale.sale;
  const terminalId = origin?.terminalId ?? till.terminalId;
  const eventName = (performanceId: string): string => {
    const p = till.catalog.performance(performanceId);
    return (p ? till.catalog.event(p.eventId)?.name : undefined) ?? performanceId;
  };
  return saleReceipt({
    locale: slipLocale(locale),
    columns,
    timeZone: till.catalog.venue.timeZone,
    venue: venueHeader(till),
    receiptNo: formatReceiptNumber(terminalId, s.receiptNo, s.training),
    terminal: terminalId,
    cashier: s.staff.staffId,
    issuedAt: origin?.issuedAt ?? new Date(till.ports.clock()).toISOString(),
    lines: s.lines.map((l) => ({
      description: `${eventName(l.performanceId)} · ${till.catalog.tier(l.tierId)?.name ?? l.tierId}`,
      quantity: l.quantity,
      unitPrice: {
        amount: l.unitPrice.amount + l.unitBookingFee.amount,
        currency: l.unitPrice.currency,
      },
      total: l.total,
      taxRate: l.taxRateBp,
    })),
    taxes: s.totals.taxes.map((t) => ({ rate: t.rateBp, net: t.net, tax: t.tax })),
    total: s.totals.total,
    tenders: s.tenders.map((t) =>
      t.kind === 'cash'
        ? { method: 'cash' as const, amount: t.amount, tendered: t.tendered }
        : t.kind === 'card'
          ? {
              method: 'card' as const,
              amount: t.amount,
              cardLast4: t.last4,
              approvalCode: t.approvalCode,
            }
          : { method: 'voucher' as const, amount: t.amount, voucherCode: t.voucherId },
    ),
    ...(s.totals.change.amount > 0 ? { change: s.totals.change } : {}),
    tickets: s.tickets.map((t) => ({
      label: `${eventName(t.performanceId)} ${t.seatId ?? ''}`.trim(),
      code: t.code,
    })),
  });
}

export function refundVoucherDocument(
  till: Till,
  refund: RefundPayload,
  originalReceiptNo: number,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
): SlipDocument {
  const payout = refund.payouts[0];
  const method = payout?.kind === 'card' ? 'card' : payout?.kind === 'voucher' ? 'voucher' : 'cash';
  return refundVoucher({
    locale: slipLocale(locale),
    columns,
    timeZone: till.catalog.venue.timeZone,
    venue: venueHeader(till),
    refundNo: formatReceiptNumber(till.terminalId, refund.receiptNo, refund.training),
    originalReceiptNo: formatReceiptNumber(till.terminalId, originalReceiptNo),
    terminal: till.terminalId,
    cashier: refund.staff.staffId,
    issuedAt: new Date(till.ports.clock()).toISOString(),
    tickets: refund.tickets.map((t) => ({
      label: till.catalog.tier(t.tierId)?.name ?? t.tierId,
      amount: t.amount,
    })),
    fee: refund.fees,
    amount: refund.total,
    method,
    reason: refund.reasonCode,
    ...(refund.approvedBy ? { approver: refund.approvedBy.staffId } : {}),
    refundCode: refund.refundId,
  });
}

/** One ticket (an exchange's new ones): event, date, seat, price and its signed code as QR. */
export function ticketDocument(
  till: Till,
  ticket: TicketRecord,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
): SlipDocument {
  const performance = till.catalog.performance(ticket.performanceId);
  const plan =
    performance?.seatingPlanId !== undefined
      ? till.catalog.plan(performance.seatingPlanId)
      : undefined;
  let seat: { section: string; row: string; seat: string } | null = null;
  for (const section of plan?.sections ?? [])
    for (const row of section.rows)
      for (const s of row.seats)
        if (s.id === ticket.seatId) seat = { section: section.name, row: row.label, seat: s.label };
  return ticketSlip({
    locale: slipLocale(locale),
    columns,
    timeZone: till.catalog.venue.timeZone,
    venue: venueHeader(till),
    eventTitle: till.catalog.event(ticket.eventId)?.name ?? ticket.eventId,
    performanceStartsAt: performance?.startsAt ?? '',
    seat,
    tier: till.catalog.tier(ticket.tierId)?.name ?? ticket.tierId,
    price: ticket.price,
    ticketNo: ticket.ticketId,
    code: ticket.code,
  });
}

/**
 * Sends a committed document to the print queue in main. The sale or refund is already
 * saved: whatever happens here only decides what the cashier is told, never whether it sold.
 * Returns a sentence for the cashier when something needs their attention, else null.
 */
export async function printDocument(
  client: ContractClient,
  jobId: string,
  /** The slip, or how to lay it out for the printer's paper width (preferred). */
  document: SlipDocument | ((columns: SlipColumns) => SlipDocument),
): Promise<{ readonly state: 'printed' | 'queued' | 'failed'; readonly message?: string }> {
  const laidOut =
    typeof document === 'function' ? document(await printerColumns(client)) : document;
  const result = await client.call('printer.print', {
    jobId,
    document: laidOut,
  });
  if (!result.ok) return { state: 'failed', message: result.error.message };
  return { state: result.value.state };
}

export type PrintOutcome = Awaited<ReturnType<typeof printDocument>>;

/**
 * The sale's receipt. It never opens the drawer: the till asked main for that when main
 * accepted the sale's journal entry (a cash sale only).
 */
export async function printSale(
  client: ContractClient,
  till: Till,
  sale: CompletedSale,
  locale: Locale,
): Promise<PrintOutcome> {
  return printDocument(client, `sale-${sale.sale.orderId}`, (columns) =>
    saleReceiptDocument(till, sale, locale, columns),
  );
}
