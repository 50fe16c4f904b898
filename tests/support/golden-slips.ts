import { indexCatalog, type Catalog, type CatalogIndex } from '../../shared/catalog';
import {
  applyEntry,
  closeShift,
  exchange,
  initialTerminalState,
  login,
  openShift,
  refund,
  sell,
  xReport,
  type Actor,
  type CommandResult,
  type TerminalSettings,
  type TerminalState,
} from '../../shared/commands';
import type {
  EntryDraft,
  EntryLike,
  ExchangePayload,
  RefundPayload,
  SalePayload,
} from '../../shared/journal/entry-types';
import { money, type Money } from '../../shared/money';
import { projectOrder, type OrderEvent, type OrderView } from '../../shared/orders';
import type { ShiftReport } from '../../shared/shift/report';
import { shiftReportView } from '../../shared/shift/report-view';
import { tallyOf } from '../../shared/shift/tally';
import {
  creditVoucher,
  exchangeReceipt,
  exchangeReceiptViewOf,
  refundVoucher,
  refundVoucherViewOf,
  saleReceipt,
  saleReceiptViewOf,
  shiftReport,
  staffNamesFrom,
  ticketSlip,
  ticketViewOf,
  withJournalCode,
  type SlipDocument,
  type SlipLocale,
  type SlipSource,
} from '../../shared/slips';
import { formatReceiptNumber } from '../../shared/orders/receipt-number';
import { strictAssert } from '../../shared/util/assert';
import { buildDemoCatalog, DEMO_VENUE_TEMPLATE } from '../../shared/catalog/demo-venue';
import { FakeClock, fullInventory, makePorts } from '../fixtures/domain';

/**
 * The golden slips' input (issue 10 item 5): the demo venue's catalog as of a fixed instant,
 * and one evening at its window run through the real domain commands — a cash sale of two
 * premium seats and a standing place with a promo code, a cash refund of one seat ten days
 * before the show (50 % window, refund fee, booking fee kept), an upgrade exchange settled in
 * cash with change, a refund to a credit voucher, an X report and the Z that closes the shift.
 * Every figure on a golden is therefore what the domain computed; the slips only lay it out.
 *
 * The catalog and staff names are given per language (as a venue in Kyiv, Shanghai or London
 * would name them), so each golden reads naturally; ids and figures are the same in all three.
 */

export const GOLDEN_KINDS = [
  'receipt',
  'ticket',
  'refund-voucher',
  'credit-voucher',
  'exchange-receipt',
  'x-report',
  'z-report',
] as const;
export type GoldenKind = (typeof GOLDEN_KINDS)[number];

/** 12:00 in Kyiv on 12 November 2026: the demo's "Forest Song" plays ten days later. */
export const GOLDEN_NOW = '2026-11-12T10:00:00Z';
const TERMINAL = 'T-7K3M9QX2';
const uah = (minor: number): Money => money(minor, 'UAH');

interface Names {
  venue: string;
  address: string[];
  events: Record<string, string>;
  tiers: Record<string, string>;
  sections: Record<string, string>;
  staff: Record<string, string>;
}

const NAMES: Record<SlipLocale, Names> = {
  en: {
    venue: 'Podil Stage',
    address: ['2 European Square', 'Kyiv 01001'],
    events: { 'forest-song': 'The Forest Song', 'dnipro-lights': 'Dnipro Lights - gala concert' },
    tiers: {
      premium: 'Premium stalls',
      standard: 'Standard',
      'ga-standing': 'Standing',
      'ga-fan-zone': 'Fan zone',
    },
    sections: { stalls: 'Stalls', balcony: 'Balcony' },
    staff: { olena: 'Olena Yizhakevych', taras: 'Taras Ivanenko', 'li-wei': 'Li Wei' },
  },
  uk: {
    venue: 'Сцена на Подолі',
    // Real names and an address note that carry Ґ and ґ the way Ukrainian text does.
    address: ['Європейська площа, 2', 'вхід з вулиці Ґедройця (ґанок праворуч)', 'Київ 01001'],
    events: { 'forest-song': 'Лісова пісня', 'dnipro-lights': 'Вогні Дніпра - гала-концерт' },
    tiers: {
      premium: 'Преміум партер',
      standard: 'Стандарт',
      'ga-standing': 'Танцпартер',
      'ga-fan-zone': 'Фан-зона',
    },
    sections: { stalls: 'Партер', balcony: 'Балкон' },
    staff: { olena: 'Олена Їжакевич', taras: 'Тарас Ґудзь', 'li-wei': 'Лі Вей' },
  },
  zh: {
    venue: '波迪尔剧场',
    address: ['欧洲广场 2 号', '基辅 01001'],
    events: { 'forest-song': '森林之歌', 'dnipro-lights': '第聂伯之光 - 盛典音乐会' },
    tiers: {
      premium: '尊享池座',
      standard: '标准座',
      'ga-standing': '站票',
      'ga-fan-zone': '粉丝区',
    },
    sections: { stalls: '池座', balcony: '楼座' },
    staff: { olena: '奥莲娜', taras: '塔拉斯', 'li-wei': '李伟' },
  },
};

function demoCatalog(): Catalog {
  const built = buildDemoCatalog(DEMO_VENUE_TEMPLATE, Date.parse(GOLDEN_NOW));
  strictAssert(built.ok, 'the demo catalog builds');
  return built.value;
}

/** The demo catalog with this language's names; ids, prices and policies untouched. */
export function namedCatalog(locale: SlipLocale): CatalogIndex {
  const c = demoCatalog();
  const n = NAMES[locale];
  const name = (table: Record<string, string>, id: string, fallback: string) =>
    table[id] ?? fallback;
  return indexCatalog({
    ...c,
    venue: { ...c.venue, name: n.venue },
    events: c.events.map((e) => ({ ...e, name: name(n.events, e.id, e.name) })),
    tiers: c.tiers.map((t) => ({ ...t, name: name(n.tiers, t.id, t.name) })),
    seatingPlans: c.seatingPlans.map((p) => ({
      ...p,
      sections: p.sections.map((s) => ({ ...s, name: name(n.sections, s.id, s.name) })),
    })),
  });
}

const OLENA: Actor = { staffId: 'olena', role: 'cashier' };

/** What the evening left in the journal: the entries the goldens are printed from. */
export interface GoldenEvening {
  readonly catalog: CatalogIndex;
  readonly sale: SalePayload;
  readonly saleAt: string;
  readonly refund: RefundPayload;
  readonly refundAt: string;
  readonly upgradeSale: SalePayload;
  readonly exchange: ExchangePayload;
  readonly exchangeAt: string;
  readonly voucherRefund: RefundPayload;
  readonly voucherAt: string;
  readonly x: ShiftReport;
  readonly z: ShiftReport;
}

class Window {
  readonly clock = new FakeClock(Date.parse(GOLDEN_NOW));
  readonly ports = makePorts(this.clock, 10);
  readonly entries: EntryLike[] = [];
  terminal: TerminalState = initialTerminalState(TERMINAL);
  readonly settings: TerminalSettings = {
    terminalId: TERMINAL,
    currency: 'UAH',
    cashRoundingIncrement: 10,
    paidOutLimit: uah(50_000),
    overShortTolerance: uah(500),
  };
  readonly inventory;

  constructor(readonly catalog: CatalogIndex) {
    this.inventory = fullInventory(catalog);
  }

  take<T extends { drafts: readonly EntryDraft[] }>(result: CommandResult<T>): T {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    for (const d of result.value.drafts) {
      this.entries.push(d);
      this.terminal = applyEntry(this.terminal, d);
    }
    return result.value;
  }

  base() {
    const { terminal, settings, catalog, inventory } = this;
    return { terminal, settings, catalog, inventory };
  }

  order(orderId: string): OrderView {
    let sale: SalePayload | undefined;
    const events: OrderEvent[] = [];
    for (const e of this.entries) {
      if (e.type === 'sale' && e.payload.orderId === orderId) sale = e.payload;
      else if (
        (e.type === 'refund' || e.type === 'exchange' || e.type === 'void') &&
        e.payload.orderId === orderId
      )
        events.push(e);
    }
    strictAssert(sale !== undefined, `no sale ${orderId}`);
    return projectOrder(sale, events);
  }

  tally() {
    const shiftId = this.terminal.shift?.shiftId;
    const i = this.entries.findIndex(
      (e) => e.type === 'shift_open' && e.payload.shiftId === shiftId,
    );
    return tallyOf(this.entries.slice(i));
  }

  at(): string {
    return new Date(this.clock.ms).toISOString();
  }
}

const MINUTE = 60_000;
const seat = (seatId: string, tierId: string) => ({
  performanceId: 'forest-song-1',
  tierId,
  seatId,
});

/** Runs the evening through the domain commands; same figures for every language. */
export async function goldenEvening(locale: SlipLocale): Promise<GoldenEvening> {
  const w = new Window(namedCatalog(locale));
  w.take(login(w.terminal, { staff: OLENA }, w.ports));
  w.take(openShift(w.base(), { float: uah(200_000) }, OLENA, w.ports));

  w.clock.advance(20 * MINUTE);
  const saleAt = w.at();
  const { sale } = w.take(
    await sell(
      w.base(),
      {
        items: [
          seat('stalls-3-10', 'premium'),
          seat('stalls-3-11', 'premium'),
          { performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 1 },
        ],
        promoCode: 'KYIV10',
        tenders: [{ kind: 'cash', tendered: uah(300_000) }],
      },
      OLENA,
      w.ports,
    ),
  );

  w.clock.advance(35 * MINUTE);
  const refundAt = w.at();
  const refunded = sale.tickets.find((t) => t.seatId === 'stalls-3-10');
  strictAssert(refunded !== undefined, 'seat sold');
  const { refund: refundEntry } = w.take(
    refund(
      { ...w.base(), order: w.order(sale.orderId) },
      {
        orderId: sale.orderId,
        ticketIds: [refunded.ticketId],
        method: 'cash',
        reasonCode: 'customer_request',
      },
      OLENA,
      w.ports,
    ),
  );

  w.clock.advance(15 * MINUTE);
  const { sale: upgradeSale } = w.take(
    await sell(
      w.base(),
      {
        items: [seat('stalls-9-4', 'standard')],
        tenders: [{ kind: 'cash', tendered: uah(62_000) }],
      },
      OLENA,
      w.ports,
    ),
  );
  w.clock.advance(25 * MINUTE);
  const exchangeAt = w.at();
  const old = upgradeSale.tickets[0];
  strictAssert(old !== undefined, 'ticket sold');
  const { exchange: exchangeEntry } = w.take(
    await exchange(
      { ...w.base(), order: w.order(upgradeSale.orderId) },
      {
        orderId: upgradeSale.orderId,
        ticketIds: [old.ticketId],
        items: [seat('stalls-3-12', 'premium')],
        tenders: [{ kind: 'cash', tendered: uah(70_000) }],
      },
      OLENA,
      w.ports,
    ),
  );

  w.clock.advance(40 * MINUTE);
  const { sale: gaSale } = w.take(
    await sell(
      w.base(),
      {
        items: [{ performanceId: 'dnipro-lights-1', tierId: 'ga-standing', quantity: 1 }],
        tenders: [{ kind: 'card', amount: uah(66_500), approvalCode: 'A7X21Q', last4: '4417' }],
      },
      OLENA,
      w.ports,
    ),
  );
  w.clock.advance(10 * MINUTE);
  const voucherAt = w.at();
  const { refund: voucherRefund } = w.take(
    refund(
      { ...w.base(), order: w.order(gaSale.orderId) },
      {
        orderId: gaSale.orderId,
        ticketIds: gaSale.tickets.map((t) => t.ticketId),
        method: 'voucher',
        reasonCode: 'performance_postponed',
      },
      OLENA,
      w.ports,
    ),
  );

  w.clock.advance(3 * 60 * MINUTE);
  const xr = xReport({ ...w.base(), shiftTally: w.tally() }, w.ports);
  strictAssert(xr.ok, 'the X report');
  const x = xr.value;
  w.clock.advance(30 * MINUTE);
  const expected = x.cash.expected;
  const { report: z } = w.take(
    closeShift({ ...w.base(), shiftTally: w.tally() }, { counted: expected }, OLENA, w.ports),
  );
  return {
    catalog: w.catalog,
    sale,
    saleAt,
    refund: refundEntry,
    refundAt,
    upgradeSale,
    exchange: exchangeEntry,
    exchangeAt,
    voucherRefund,
    voucherAt,
    x,
    z,
  };
}

function source(e: GoldenEvening, locale: SlipLocale, issuedAt: string): SlipSource {
  const n = NAMES[locale];
  return {
    locale,
    columns: 48,
    timeZone: e.catalog.venue.timeZone,
    catalog: e.catalog,
    venue: { name: n.venue, address: n.address, taxId: '4387219056' },
    staffName: staffNamesFrom(Object.entries(n.staff).map(([id, name]) => ({ id, name }))),
    terminal: TERMINAL,
    issuedAt,
  };
}

const seatsOf = (sale: SalePayload) => (ticketId: string) =>
  sale.tickets.find((t) => t.ticketId === ticketId)?.seatId;

/** A credit voucher is valid for a year from issue: the venue's term, stated here. */
const VOUCHER_VALID_MS = 365 * 24 * 60 * MINUTE;

/** Every golden slip of one language, laid out by shared/slips from the evening's entries. */
export async function goldenSlips(locale: SlipLocale): Promise<Record<GoldenKind, SlipDocument>> {
  const e = await goldenEvening(locale);
  const n = NAMES[locale];
  const report = (r: ShiftReport, at: string) =>
    shiftReport(
      shiftReportView(r, {
        ...source(e, locale, at),
        cashier: n.staff[r.openedBy.staffId] ?? r.openedBy.staffId,
      }),
    );
  const voucherPayout = e.voucherRefund.payouts[0];
  strictAssert(voucherPayout?.kind === 'voucher', 'the refund went to a voucher');
  const issuedTicket = e.exchange.issued[0];
  strictAssert(issuedTicket !== undefined, 'the exchange issued a ticket');
  return {
    receipt: saleReceipt(saleReceiptViewOf(e.sale, source(e, locale, e.saleAt))),
    ticket: ticketSlip(ticketViewOf(issuedTicket, source(e, locale, e.exchangeAt))),
    'refund-voucher': refundVoucher(
      refundVoucherViewOf(e.refund, {
        ...source(e, locale, e.refundAt),
        seatOf: seatsOf(e.sale),
        originalReceiptNo: formatReceiptNumber(TERMINAL, e.sale.receiptNo),
      }),
    ),
    'credit-voucher': creditVoucher({
      locale,
      columns: 48,
      timeZone: e.catalog.venue.timeZone,
      venue: source(e, locale, e.voucherAt).venue,
      code: voucherPayout.voucherId,
      balance: voucherPayout.amount,
      issuedAt: e.voucherAt,
      expiresAt: new Date(Date.parse(e.voucherAt) + VOUCHER_VALID_MS).toISOString(),
    }),
    'exchange-receipt': exchangeReceipt(
      exchangeReceiptViewOf(e.exchange, {
        ...source(e, locale, e.exchangeAt),
        seatOf: seatsOf(e.upgradeSale),
        originalReceiptNo: formatReceiptNumber(TERMINAL, e.upgradeSale.receiptNo),
      }),
    ),
    'x-report': report(e.x, e.x.generatedAt),
    'z-report': withJournalCode(report(e.z, e.z.generatedAt), { code: 'K7QM-2XWD', seq: 14 }),
  };
}
