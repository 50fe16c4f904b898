import type { Currency } from '../../shared/money';
import type {
  CreditVoucherView,
  RefundVoucherView,
  SaleReceiptView,
  ShiftReportView,
  SlipColumns,
  SlipLocale,
  TicketView,
} from '../../shared/slips';

/** Demo slips in each language: the words differ, the figures are the same. */

const m = (amount: number, currency: Currency = 'UAH') => ({ amount, currency });

const VENUE: Record<
  SlipLocale,
  {
    name: string;
    address: string[];
    event: string;
    tier: string;
    section: string;
    reason: string;
    cashier: string;
  }
> = {
  en: {
    name: 'Grand Theatre',
    address: ['1 Theatre Square', 'Kyiv 01001'],
    event: 'Hamlet',
    tier: 'Adult',
    section: 'Stalls',
    reason: 'Customer cannot attend',
    cashier: 'Anna',
  },
  uk: {
    name: 'Театр імені Франка',
    address: ['пл. Івана Франка, 3', 'Київ 01001'],
    event: 'Гамлет — ґала-вистава',
    tier: 'Дорослий',
    section: 'Партер',
    reason: 'Покупець не зможе прийти; їде у відрядження',
    cashier: 'Євгенія Ґудзь',
  },
  zh: {
    name: '大剧院',
    address: ['北京市西城区', '长安街 2 号'],
    event: '哈姆雷特',
    tier: '成人票',
    section: '池座',
    reason: '顾客无法出席',
    cashier: '王芳',
  },
};

/**
 * Ticket codes at the longest a signed code may be (TICKET_CODE_MAX_LENGTH = 160 in
 * shared/tickets), in the base45 alphabet the real codes use, so byte counts are worst case.
 */
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const fakeCode = (seed: number) =>
  Array.from({ length: 160 }, (_, i) => BASE45[(i * 7 + seed * 13) % BASE45.length]).join('');
export const TICKET_CODES = [fakeCode(1), fakeCode(2)];

export function saleReceiptView(
  locale: SlipLocale,
  opts: { columns?: SlipColumns; tender?: 'cash' | 'card'; copy?: boolean } = {},
): SaleReceiptView {
  const v = VENUE[locale];
  const tender = opts.tender ?? 'cash';
  return {
    locale,
    columns: opts.columns ?? 48,
    timeZone: 'Europe/Kyiv',
    venue: { name: v.name, address: v.address, taxId: '1234567890' },
    receiptNo: 'T1-000123',
    terminal: 'T1',
    cashier: v.cashier,
    issuedAt: '2026-11-22T17:30:00Z',
    lines: [
      {
        description: `${v.event} · ${v.section} A12 · ${v.tier}`,
        quantity: 1,
        unitPrice: m(45000),
        total: m(45000),
        taxRate: 2000,
      },
      {
        description: `${v.event} · ${v.section} A13 · ${v.tier}`,
        quantity: 1,
        unitPrice: m(45000),
        total: m(45000),
        taxRate: 2000,
      },
    ],
    taxes: [{ rate: 2000, net: m(75000), tax: m(15000) }],
    total: m(90000),
    tenders:
      tender === 'cash'
        ? [{ method: 'cash', amount: m(90000), tendered: m(100000) }]
        : [{ method: 'card', amount: m(90000), cardLast4: '4242', approvalCode: 'A1B2C3' }],
    ...(tender === 'cash' ? { change: m(10000) } : {}),
    tickets: [
      { label: `${v.section} A12`, code: TICKET_CODES[0]! },
      { label: `${v.section} A13`, code: TICKET_CODES[1]! },
    ],
    ...(opts.copy ? { copy: true } : {}),
  };
}

export function ticketView(locale: SlipLocale, columns: SlipColumns = 48): TicketView {
  const v = VENUE[locale];
  return {
    locale,
    columns,
    timeZone: 'Europe/Kyiv',
    venue: { name: v.name, address: v.address },
    eventTitle: v.event,
    performanceStartsAt: '2026-12-01T17:00:00Z',
    seat: { section: v.section, row: '7', seat: '12' },
    tier: v.tier,
    price: m(45000),
    ticketNo: 'TK-0001-0042',
    code: TICKET_CODES[0]!,
  };
}

export function refundVoucherView(
  locale: SlipLocale,
  columns: SlipColumns = 48,
): RefundVoucherView {
  const v = VENUE[locale];
  return {
    locale,
    columns,
    timeZone: 'Europe/Kyiv',
    venue: { name: v.name, address: v.address, taxId: '1234567890' },
    refundNo: 'R-T1-000007',
    originalReceiptNo: 'T1-000123',
    terminal: 'T1',
    cashier: v.cashier,
    issuedAt: '2026-11-23T09:15:00Z',
    tickets: [{ label: `${v.event} ${v.section} A12`, amount: m(45000) }],
    fee: m(2250),
    amount: m(42750),
    method: 'cash',
    reason: v.reason,
    approver: 'M. Shevchenko',
    refundCode: 'RF1.0192f2a0-7c1e-7a00-9b1e-5c3d2e1f0a9b',
  };
}

export function creditVoucherView(
  locale: SlipLocale,
  columns: SlipColumns = 48,
): CreditVoucherView {
  const v = VENUE[locale];
  return {
    locale,
    columns,
    timeZone: 'Europe/Kyiv',
    venue: { name: v.name, address: v.address },
    code: 'CV-7K3M-9QX2',
    balance: m(50000),
    issuedAt: '2026-11-23T09:20:00Z',
    expiresAt: '2027-11-23T09:20:00Z',
  };
}

export function shiftReportView(
  locale: SlipLocale,
  kind: 'X' | 'Z',
  columns: SlipColumns = 48,
): ShiftReportView {
  const v = VENUE[locale];
  return {
    locale,
    columns,
    kind,
    timeZone: 'Europe/Kyiv',
    venue: { name: v.name, address: v.address, taxId: '1234567890' },
    ...(kind === 'Z' ? { zNumber: 42, countedCash: m(151000), overShort: m(-500) } : {}),
    terminal: 'T1',
    cashier: v.cashier,
    openedAt: '2026-11-22T07:00:00Z',
    printedAt: '2026-11-22T19:00:00Z',
    sales: { count: 12, amount: m(540000) },
    refunds: { count: 1, amount: m(42750) },
    exchanges: { count: 2, amount: m(5000) },
    net: m(502250),
    taxes: [{ rate: 2000, net: m(418541), tax: m(83709) }],
    tenders: [
      { method: 'cash', count: 5, amount: m(141500) },
      { method: 'card', count: 7, amount: m(360750) },
    ],
    openingFloat: m(20000),
    paidIn: m(0),
    paidOut: m(10000),
    noSaleOpens: 1,
    expectedCash: m(151500),
  };
}
