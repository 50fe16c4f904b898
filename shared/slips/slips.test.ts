import { describe, expect, it } from 'vitest';
import { SlipBuilder } from './builder';
import { markCopy } from './copy-mark';
import { slipDocumentSchema } from './document';
import { slipLabels } from './labels';
import { currencyExponent } from '../money';
import { formatAmount, formatDate, formatDateTime, formatMoney, formatRate } from './money-format';
import { composeCells, previewSlip, slipTextLines } from './preview';
import { displayWidth, truncateToWidth, wrapToWidth } from './text-width';
import { saleReceipt } from './layouts/sale-receipt';
import { shiftReport } from './layouts/shift-report';
import { ticketSlip } from './layouts/ticket';
import { refundVoucher } from './layouts/refund-voucher';

describe('text width', () => {
  it('counts CJK as two columns and everything else as one', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('Київ')).toBe(4);
    expect(displayWidth('收据号')).toBe(6);
    expect(truncateToWidth('收据号', 5)).toBe('收据');
  });

  it('wraps words by width, splits over-long words and CJK anywhere', () => {
    expect(wrapToWidth('one two three', 7)).toEqual(['one two', 'three']);
    expect(wrapToWidth('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapToWidth('顾客无法出席', 6)).toEqual(['顾客无', '法出席']);
    expect(wrapToWidth('a\nb', 10)).toEqual(['a', 'b']);
    // A Chinese character wider than the line goes out whole rather than looping for ever.
    expect(wrapToWidth('终端', 1)).toEqual(['终', '端']);
    for (const line of wrapToWidth('Гамлет — ґала-вистава · Партер A12 · Дорослий', 20)) {
      expect(displayWidth(line)).toBeLessThanOrEqual(20);
    }
  });
});

describe('money on slips', () => {
  it('formats minor units exactly per currency exponent', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(formatAmount({ amount: 123456, currency: 'UAH' }, 'uk')).toBe('1 234,56');
    expect(formatAmount({ amount: 123456, currency: 'EUR' }, 'en')).toBe('1,234.56');
    expect(formatAmount({ amount: 1234, currency: 'JPY' }, 'en')).toBe('1,234');
    expect(formatAmount({ amount: 1005, currency: 'KWD' }, 'en')).toBe('1.005');
    expect(formatAmount({ amount: -5, currency: 'UAH' }, 'en')).toBe('-0.05');
    // 2^53-1 minor units still format digit for digit (no float rounding)
    expect(formatAmount({ amount: 9007199254740991, currency: 'EUR' }, 'en')).toBe(
      '90,071,992,547,409.91',
    );
  });

  it('names currencies with characters every code page has', () => {
    expect(formatMoney({ amount: 90000, currency: 'UAH' }, 'uk')).toBe('900,00 грн');
    expect(formatMoney({ amount: 90000, currency: 'CNY' }, 'zh')).toBe('900.00 元');
    expect(formatMoney({ amount: 90000, currency: 'UAH' }, 'en')).toBe('900.00 UAH');
  });

  it('formats tax rates from basis points and instants in the venue time zone', () => {
    expect(formatRate(2000, 'en')).toBe('20%');
    expect(formatRate(750, 'uk')).toBe('7,5%');
    expect(formatRate(1325, 'en')).toBe('13.25%');
    expect(formatDateTime('2026-11-22T17:30:00Z', 'uk', 'Europe/Kyiv')).toBe('22.11.2026, 19:30');
    expect(formatDate('2027-11-23T23:20:00Z', 'en', 'Europe/Kyiv')).toBe('24/11/2027');
  });
});

describe('builder, preview and copies', () => {
  it('puts the right side flush right and wraps a long left side above it', () => {
    const doc = new SlipBuilder('sale-receipt', 'en', 32)
      .row('Total', '900.00')
      .row('A very long description that will not fit', '1.00')
      .text('Centered', { align: 'center', size: 'large', bold: true })
      .rule('=')
      .feed(1)
      .qr('CODE')
      .code128('V-1')
      .build('t');
    const lines = slipTextLines(doc);
    expect(lines[0]).toBe(`Total${' '.repeat(32 - 5 - 6)}900.00`);
    // every left line stays clear of the right column, so amounts form one column
    expect(lines[1]).toBe('A very long description');
    expect(lines[2]).toMatch(/^that will not fit +1\.00$/);
    expect(lines[2]).toHaveLength(32);
    expect(lines.slice(3)).toEqual(['Centered', '='.repeat(32), '', '[QR CODE]', '[CODE128 V-1]']);
    const preview = previewSlip(doc);
    expect(preview.lines[3]).toEqual({
      kind: 'text',
      text: `    Centered    `,
      bold: true,
      large: true,
    });
    expect(
      preview.lines
        .filter((l) => l.kind === 'text')
        .every((l) => l.kind !== 'text' || displayWidth(l.text) === (l.large ? 16 : 32)),
    ).toBe(true);
    expect(slipDocumentSchema.parse(doc)).toEqual(doc);
  });

  it('composes cells that would overlap without losing text', () => {
    expect(
      composeCells([
        { col: 0, text: 'abcdef' },
        { col: 3, text: 'X' },
      ]),
    ).toBe('abcdefX');
    expect(
      composeCells([
        { col: 0, text: '收据' },
        { col: 6, text: 'X' },
      ]),
    ).toBe('收据  X');
  });

  it('marks reprints COPY at top and bottom, once', () => {
    const doc = ticketSlip({
      locale: 'zh',
      columns: 32,
      timeZone: 'Asia/Shanghai',
      venue: { name: '大剧院', address: [] },
      eventTitle: '哈姆雷特',
      performanceStartsAt: '2026-12-01T12:00:00Z',
      seat: null,
      tier: '成人票',
      price: { amount: 18000, currency: 'CNY' },
      ticketNo: 'TK-1',
      code: 'ABC',
    });
    const copy = markCopy(doc);
    expect(slipTextLines(copy)[0]).toBe('*** 副本 ***');
    expect(slipTextLines(copy).at(-1)).toBe('*** 副本 ***');
    expect(markCopy(copy)).toBe(copy);
    expect(slipTextLines(doc)).toContain(slipLabels('zh').generalAdmission);
  });

  it('rejects documents the printer cannot take', () => {
    const doc = new SlipBuilder('ticket', 'en', 48).qr('ÄÖ').build('bad');
    expect(slipDocumentSchema.safeParse(doc).success).toBe(false);
  });

  it('has the same label keys in every language', () => {
    const keys = (l: object) => Object.keys(l).sort();
    expect(keys(slipLabels('uk'))).toEqual(keys(slipLabels('en')));
    expect(keys(slipLabels('zh'))).toEqual(keys(slipLabels('en')));
  });
});

describe('layout rules', () => {
  const venue = { name: 'V', address: ['A'], taxId: '1' };
  const m = (amount: number) => ({ amount, currency: 'EUR' as const });

  it('a cash refund has a signature line; a card refund has none', () => {
    const base = {
      locale: 'en' as const,
      columns: 42 as const,
      timeZone: 'UTC',
      venue,
      refundNo: 'R1',
      originalReceiptNo: 'T1-1',
      terminal: 'T1',
      cashier: 'A',
      issuedAt: '2026-01-01T00:00:00Z',
      tickets: [{ label: 'Seat', amount: m(100) }],
      fee: m(0),
      amount: m(100),
      reason: 'r',
      refundCode: 'RF',
    };
    expect(slipTextLines(refundVoucher({ ...base, method: 'cash' }))).toContain(
      'Customer signature',
    );
    expect(slipTextLines(refundVoucher({ ...base, method: 'card' }))).not.toContain(
      'Customer signature',
    );
  });

  it('card tenders show only the last 4 digits and the approval code; copies are marked', () => {
    const lines = slipTextLines(
      saleReceipt({
        locale: 'en',
        columns: 32,
        timeZone: 'UTC',
        venue,
        receiptNo: 'T1-9',
        terminal: 'T1',
        cashier: 'A',
        issuedAt: '2026-01-01T00:00:00Z',
        lines: [
          { description: 'Ticket', quantity: 2, unitPrice: m(500), total: m(1000), taxRate: 2000 },
        ],
        taxes: [{ rate: 2000, net: m(833), tax: m(167) }],
        total: m(1000),
        tenders: [
          { method: 'card', amount: m(600), cardLast4: '4242', approvalCode: 'OK1' },
          { method: 'voucher', amount: m(400), voucherCode: 'CV-1' },
        ],
        tickets: [],
        copy: true,
      }),
    );
    expect(lines.some((l) => l.startsWith('Card **** 4242'))).toBe(true);
    expect(lines.some((l) => l.includes('OK1'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Credit voucher CV-1'))).toBe(true);
    expect(lines.filter((l) => l === '*** COPY ***')).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('Change'))).toBe(false);
  });

  it('an X report says the shift is open; a Z report has its number and the count', () => {
    const base = {
      locale: 'en' as const,
      columns: 48 as const,
      timeZone: 'UTC',
      venue,
      terminal: 'T1',
      cashier: 'A',
      openedAt: '2026-01-01T08:00:00Z',
      printedAt: '2026-01-01T20:00:00Z',
      sales: { count: 1, amount: m(100) },
      refunds: { count: 0, amount: m(0) },
      exchanges: { count: 0, amount: m(0) },
      net: m(100),
      taxes: [],
      tenders: [{ method: 'cash' as const, count: 1, amount: m(100) }],
      openingFloat: m(1000),
      paidIn: m(0),
      paidOut: m(0),
      noSaleOpens: 0,
      expectedCash: m(1100),
    };
    const x = slipTextLines(shiftReport({ ...base, kind: 'X', copy: true }));
    expect(x).toContain('Shift still open');
    const z = slipTextLines(
      shiftReport({ ...base, kind: 'Z', zNumber: 7, countedCash: m(1090), overShort: m(-10) }),
    );
    expect(z.some((l) => /^Z no\. +0007$/.test(l))).toBe(true);
    expect(z.some((l) => /^Over\/short +-0\.10 EUR$/.test(l))).toBe(true);
  });
});

describe('refund voucher lines', () => {
  const m = (amount: number) => ({ amount, currency: 'UAH' as const });
  const voucher = (amount: number) =>
    refundVoucher({
      locale: 'en',
      columns: 48,
      timeZone: 'Europe/Kyiv',
      venue: { name: 'Podil Stage', address: [] },
      refundNo: 'T1-000002',
      originalReceiptNo: 'T1-000001',
      terminal: 'T1',
      cashier: 'Olena',
      issuedAt: '2026-11-12T10:55:00Z',
      tickets: [
        {
          label: 'The Forest Song',
          startsAt: '2026-11-22T17:00:00Z',
          seat: { section: 'Stalls', row: '3', seat: '10' },
          tier: 'Premium stalls',
          amount: m(amount),
          breakdown: {
            price: m(120000),
            bookingFee: m(2000),
            fee: m(3000),
            bookingFeeKept: m(2000),
            notRefundable: m(0),
          },
        },
      ],
      fee: m(3000),
      amount: m(amount),
      method: 'cash',
      reason: 'customer_request',
      refundCode: 'R1',
    });

  it('price + booking fee − refund fee − booking fee kept = amount, the reason in words', () => {
    const lines = slipTextLines(voucher(117000));
    expect(lines).toContain('  Stalls, row 3, seat 10');
    expect(lines.some((l) => /^ {2}Ticket price +1,200\.00$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}Refund fee +-30\.00$/.test(l))).toBe(true);
    expect(lines.some((l) => /^ {2}Booking fee kept +-20\.00$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Refund amount +1,170\.00 UAH$/.test(l))).toBe(true);
    expect(lines).toContain('Reason: Customer request');
  });

  it('refuses lines that do not add up (the "570 / -30 / 570" voucher of issue 10)', () => {
    expect(() => voucher(120000)).toThrow(/add up/);
  });
});
