import type { ContractClient } from '../../shared/ipc/client';
import type { ExchangePayload, RefundPayload, SalePayload } from '../../shared/journal/entry-types';
import type { Payout } from '../../shared/orders/payouts';
import type { TicketRecord } from '../../shared/orders/records';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import type { SlipColumns, SlipDocument, SlipLocale } from '../../shared/slips';
import {
  creditVoucher,
  exchangeReceipt,
  exchangeReceiptViewOf,
  refundVoucher,
  refundVoucherViewOf,
  saleReceipt,
  saleReceiptViewOf,
  staffNamesFrom,
  ticketSlip,
  ticketViewOf,
  type SlipSource,
} from '../../shared/slips';
import type { Locale } from '../i18n';
import { CATALOGS } from '../i18n/locales';
import { KIOSK_ACTOR } from './kiosk-session';
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

/** A staff member's display name for slips. */
export type StaffNameOf = (staffId: string) => string;

/**
 * Display names from main's staff list (a local call), so slips say "Olena", never `olena`.
 * Asked again per print: staff may have changed since sign-in. The list also refreshes
 * `till.staff.displayName`, which previews (laid out synchronously) use.
 */
export async function staffNames(till: Pick<Till, 'staff'>): Promise<StaffNameOf> {
  return staffNamesFrom(await till.staff.list());
}

/**
 * The names a printed slip uses: main's staff list, and the self-service kiosk — no one on
 * that list — in words of the slip's language, never by its id.
 */
export async function slipStaffNames(
  till: Pick<Till, 'staff'>,
  locale: Locale,
): Promise<StaffNameOf> {
  const listed = await staffNames(till);
  return (staffId) =>
    staffId === KIOSK_ACTOR.staffId ? CATALOGS[locale]['kiosk.slipStaff'] : listed(staffId);
}

/** The names main last listed: what a slip laid out synchronously (a preview) uses. */
const knownNames =
  (till: Till): StaffNameOf =>
  (staffId) =>
    till.staff.displayName(staffId);

function slipSource(
  till: Till,
  locale: Locale,
  columns: SlipColumns,
  staffName: StaffNameOf,
  issuedAt?: string,
): SlipSource {
  return {
    locale: slipLocale(locale),
    columns,
    timeZone: till.catalog.venue.timeZone,
    catalog: till.catalog,
    venue: venueHeader(till),
    staffName,
    terminal: till.terminalId,
    issuedAt: issuedAt ?? new Date(till.ports.clock()).toISOString(),
  };
}

/** The seat of each ticket of the order: refund and exchange entries name tickets only. */
function seatsOf(tickets: readonly TicketRecord[]): (ticketId: string) => string | undefined {
  const seats = new Map(tickets.map((t) => [t.ticketId, t.seatId]));
  return (ticketId) => seats.get(ticketId);
}

/**
 * Sale receipt with the tickets' signed codes (QR) for a committed sale (shared/slips lays it
 * out from the sale entry). `origin`: the terminal that sold it and when, for a receipt rebuilt
 * later from the stored order (a copy); by default this till, now.
 */
export function saleReceiptDocument(
  till: Till,
  sale: Pick<CompletedSale, 'sale'>,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
  origin?: { readonly terminalId: string; readonly issuedAt: string },
  staffName: StaffNameOf = knownNames(till),
): SlipDocument {
  return saleReceipt(
    saleReceiptViewOf(sale.sale, {
      ...slipSource(till, locale, columns, staffName, origin?.issuedAt),
      ...(origin ? { terminalOfSale: origin.terminalId } : {}),
    }),
  );
}

export function refundVoucherDocument(
  till: Till,
  refund: RefundPayload,
  originalReceiptNo: number,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
  staffName: StaffNameOf = knownNames(till),
  /** the order's tickets, for the refunded seats' names */
  saleTickets: readonly TicketRecord[] = [],
): SlipDocument {
  return refundVoucher(
    refundVoucherViewOf(refund, {
      ...slipSource(till, locale, columns, staffName),
      seatOf: seatsOf(saleTickets),
      originalReceiptNo: formatReceiptNumber(till.terminalId, originalReceiptNo),
    }),
  );
}

/** The exchange's receipt: old tickets voided, new ones, difference, fee, tenders, change. */
export function exchangeReceiptDocument(
  till: Till,
  exchange: ExchangePayload,
  sale: Pick<SalePayload, 'receiptNo' | 'tickets'>,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
  staffName: StaffNameOf = knownNames(till),
): SlipDocument {
  return exchangeReceipt(
    exchangeReceiptViewOf(exchange, {
      ...slipSource(till, locale, columns, staffName),
      seatOf: seatsOf(sale.tickets),
      originalReceiptNo: formatReceiptNumber(till.terminalId, sale.receiptNo),
    }),
  );
}

/** One ticket (an exchange's new ones): event, date, seat, price and its signed code as QR. */
export function ticketDocument(
  till: Till,
  ticket: TicketRecord,
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
): SlipDocument {
  return ticketSlip(ticketViewOf(ticket, slipSource(till, locale, columns, knownNames(till))));
}

/**
 * Sends a committed document to the print queue in main. The sale or refund is already
 * saved: whatever happens here only decides what the cashier is told, never whether it sold.
 * Returns a sentence for the cashier when something needs their attention, else null.
 */
/**
 * One credit voucher slip per voucher a refund or exchange paid out: the code the customer
 * redeems (the voucher id, as QR and CODE128) and its value, the venue's bonus included.
 */
export function creditVoucherDocuments(
  till: Till,
  payouts: readonly Payout[],
  locale: Locale,
  columns: SlipColumns = DEFAULT_COLUMNS,
): { readonly voucherId: string; readonly document: SlipDocument }[] {
  const source = slipSource(till, locale, columns, knownNames(till));
  return payouts.flatMap((p) =>
    p.kind === 'voucher'
      ? [
          {
            voucherId: p.voucherId,
            document: creditVoucher({
              locale: source.locale,
              columns,
              timeZone: source.timeZone,
              venue: source.venue,
              code: p.voucherId,
              balance: {
                amount: p.amount.amount + p.bonus.amount,
                currency: p.amount.currency,
              },
              issuedAt: source.issuedAt,
            }),
          },
        ]
      : [],
  );
}

/** Prints the credit vouchers of `payouts`, in order; the first failure stops and is returned. */
export async function printCreditVouchers(
  client: ContractClient,
  till: Till,
  payouts: readonly Payout[],
  locale: Locale,
): Promise<{ readonly state: 'printed' | 'queued' | 'failed'; readonly message?: string }> {
  let queued = false;
  for (const payout of payouts) {
    if (payout.kind !== 'voucher') continue;
    // The voucher id names the job: a retry is the same job, never a second voucher slip.
    const printed = await printDocument(
      client,
      `voucher-${payout.voucherId}`,
      (columns) => creditVoucherDocuments(till, [payout], locale, columns)[0]!.document,
    );
    if (printed.state === 'failed') return printed;
    if (printed.state === 'queued') queued = true;
  }
  return { state: queued ? 'queued' : 'printed' };
}

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
  const names = await slipStaffNames(till, locale);
  return printDocument(client, `sale-${sale.sale.orderId}`, (columns) =>
    saleReceiptDocument(till, sale, locale, columns, undefined, names),
  );
}
