/**
 * The back office's refund figures as a manager reads them (dayreport-fix): the day report's
 * reasons over every channel add up to the day's refunds and show their online part; the
 * "Of which online" cell says the same thing (amount and tickets) on the day report and the
 * refunds page, right after the amount it is part of; an online card refund is named as paid
 * by the payment provider, never as a card terminal's. In en, uk and zh.
 */
import { describe, expect, it } from 'vitest';
import { foldRefundChannels } from '../../shared/orders/refund-channels';
import { createTranslator } from '../../src-renderer/i18n/translator';
import {
  dayReasonRows,
  onlinePartText,
  onlineRefundsLine,
} from '../../src-renderer/manage/refund-channels-view';
import {
  methodTableRows,
  PAYOUT_METHOD_KEYS,
  reasonTableRows,
  refundFigureColumns,
  type PayoutMethod,
  type RefundFiguresView,
} from '../../src-renderer/manage/refunds-views';
import type { DayReportView } from '../../src-renderer/manage/views';

const uah = (amount: number) => ({ amount, currency: 'UAH' as const });
const venue = { currency: 'UAH' as const, timeZone: 'Europe/Kyiv' };
const en = createTranslator('en', venue);
const uk = createTranslator('uk', venue);
const zh = createTranslator('zh-Hans', venue);

describe("the day report's refunds by reason", () => {
  // A day: one window refund (customer request), one card refund paid online (cancelled).
  const channels = foldRefundChannels('UAH', { count: 1, tickets: 1, total: uah(15_000) }, [
    { kind: 'card_refund', amount: uah(31_000), ticketIds: ['t1', 't2'] },
  ]);
  const report: Pick<DayReportView, 'refundsAllChannels' | 'refundChannels'> = {
    refundChannels: {
      ...channels,
      lines: [...channels.lines],
      collectedByCashCode: { count: 0, total: uah(0) },
    },
    refundsAllChannels: {
      byReason: [
        {
          reasonCode: 'customer_request',
          count: 1,
          tickets: 1,
          total: uah(15_000),
          online: { count: 0, tickets: 0, total: uah(0) },
        },
        {
          reasonCode: 'performance_cancelled',
          count: 1,
          tickets: 2,
          total: uah(31_000),
          online: { count: 1, tickets: 2, total: uah(31_000) },
        },
      ],
      byPerformance: [],
    },
  };

  it("lists every channel's reasons, adding up to all the day's refunds", () => {
    const { rows, all } = dayReasonRows(report);
    expect(rows.map((r) => [r.reasonCode, r.total.amount, r.online])).toEqual([
      ['customer_request', 15_000, { amount: uah(0), tickets: 0 }],
      ['performance_cancelled', 31_000, { amount: uah(31_000), tickets: 2 }],
    ]);
    expect(all).toMatchObject({
      count: 2,
      tickets: 3,
      total: uah(46_000),
      online: { amount: uah(46_000 - 15_000), tickets: 2 },
    });
    expect(rows.reduce((s, r) => s + r.total.amount, 0)).toBe(all.total.amount);
    expect(rows.reduce((s, r) => s + r.tickets, 0)).toBe(all.tickets);
    expect(rows.reduce((s, r) => s + r.online.amount.amount, 0)).toBe(all.online.amount.amount);
  });

  it('says the online part as an amount with its tickets, in en, uk and zh', () => {
    const part = { amount: uah(31_000), tickets: 2 };
    expect(onlinePartText(en, part)).toBe(`${en.money(uah(31_000))} ·\u00a02\u00a0tickets`);
    expect(onlinePartText(uk, part)).toBe(`${uk.money(uah(31_000))} ·\u00a02\u00a0квитки`);
    expect(onlinePartText(zh, part)).toBe(`${zh.money(uah(31_000))} ·\u00a02\u00a0张票`);
    expect(onlinePartText(en, { amount: uah(15_500), tickets: 1 })).toMatch(
      / ·\u00a01\u00a0ticket$/,
    );
    // A payout method's row counts no tickets: the amount alone.
    expect(onlinePartText(en, { amount: uah(500) })).toBe(en.money(uah(500)));
  });
});

describe("the refunds page's payout methods and columns", () => {
  it('names the online card refunds as the payment provider’s, not a terminal’s', () => {
    const methods: PayoutMethod[] = ['cash', 'card', 'online_card', 'voucher'];
    const words = (t: typeof en) => methods.map((m) => t.t(PAYOUT_METHOD_KEYS[m]));
    expect(words(en)).toEqual([
      'Cash',
      'Card (terminal)',
      'Card (refunded online by the payment provider)',
      'Credit voucher',
    ]);
    for (const t of [en, uk, zh]) expect(new Set(words(t)).size).toBe(methods.length);
    expect(words(uk)[2]).toBe('Картка (повернення онлайн через платіжного провайдера)');
    expect(words(zh)[2]).toBe('银行卡（由支付服务商线上退款）');
  });

  const figures: RefundFiguresView = {
    refunds: {
      count: 3,
      tickets: 4,
      amount: uah(60_000),
      online: { count: 1, tickets: 2, amount: uah(31_000) },
    },
    sales: { count: 5, tickets: 8, amount: uah(120_000) },
    rateBp: 5000,
  };

  it('puts "Of which online" right after the amount refunded, as amount and tickets', () => {
    const { head, cells } = refundFigureColumns(en, true);
    expect(head).toEqual([
      'Refunds',
      'Tickets refunded',
      'Amount refunded',
      'Of which online',
      'Tickets sold',
      'Sales',
      'Refund rate',
    ]);
    expect(cells(figures)[3]).toBe(`${en.money(uah(31_000))} ·\u00a02\u00a0tickets`);
    expect(cells(figures)).toHaveLength(head.length);
  });

  it("leaves the column out of the windows' table (no online refund is a window's)", () => {
    const { head, cells } = refundFigureColumns(en, false);
    expect(head).not.toContain('Of which online');
    expect(cells(figures)).toHaveLength(head.length);
    expect(en.t('manage.refunds.window.note')).toMatch(/not in this table/);
    expect(uk.t('manage.refunds.window.note')).not.toBe(en.t('manage.refunds.window.note'));
    expect(zh.t('manage.refunds.window.note')).not.toBe(en.t('manage.refunds.window.note'));
  });
});

describe("the refunds page's total rows (fees-online)", () => {
  // A range: a window refund (customer request, ₴150.00 cash + ₴120.00 card), one online to
  // the card (cancelled, ₴310.00 for 2 tickets) and one online credit voucher (₴142.50).
  const totals: RefundFiguresView = {
    refunds: {
      count: 3,
      tickets: 4,
      amount: uah(72_250),
      online: { count: 2, tickets: 3, amount: uah(45_250) },
    },
    sales: { count: 5, tickets: 8, amount: uah(120_000) },
    rateBp: 5000,
  };
  const a = {
    totals,
    byReason: [
      {
        reasonCode: 'customer_request' as const,
        count: 2,
        tickets: 2,
        amount: uah(41_250),
        online: { count: 1, tickets: 1, amount: uah(14_250) },
      },
      {
        reasonCode: 'performance_cancelled' as const,
        count: 1,
        tickets: 2,
        amount: uah(31_000),
        online: { count: 1, tickets: 2, amount: uah(31_000) },
      },
    ],
    // The window's refund paid out in two kinds: counted in both rows, once in the total.
    byMethod: [
      {
        method: 'cash' as const,
        count: 1,
        amount: uah(15_000),
        online: { count: 0, amount: uah(0) },
      },
      {
        method: 'card' as const,
        count: 1,
        amount: uah(12_000),
        online: { count: 0, amount: uah(0) },
      },
      {
        method: 'online_card' as const,
        count: 1,
        amount: uah(31_000),
        online: { count: 1, amount: uah(31_000) },
      },
      {
        method: 'voucher' as const,
        count: 1,
        amount: uah(14_250),
        online: { count: 1, amount: uah(14_250) },
      },
    ],
  };

  it('ends "By reason" on the page\'s total: every refund, its tickets and its online part', () => {
    const { rows, total } = reasonTableRows(en, a);
    expect(rows.map((r) => r.cells[0])).toEqual(['Customer request', 'Performance cancelled']);
    expect(total).toEqual({
      key: 'all',
      cells: [
        'All refunds in the period',
        '3',
        '4',
        en.money(uah(72_250)),
        onlinePartText(en, { amount: uah(45_250), tickets: 3 }),
      ],
    });
    for (const r of rows) expect(r.cells).toHaveLength(total.cells.length);
  });

  it('ends "By payout method" on what every method paid out, a refund counted once', () => {
    const { rows, total } = methodTableRows(en, a);
    expect(rows.map((r) => r.key)).toEqual(['cash', 'card', 'online_card', 'voucher']);
    // The rows count four payouts; the total counts the page's three refunds.
    expect(total.cells).toEqual([
      'All refunds in the period',
      '3',
      en.money(totals.refunds.amount),
      en.money(totals.refunds.online.amount),
    ]);
    for (const r of rows) expect(r.cells).toHaveLength(total.cells.length);
  });

  it('names the total row in uk and zh too', () => {
    expect(reasonTableRows(uk, a).total.cells[0]).toBe('Усі повернення за період');
    expect(methodTableRows(zh, a).total.cells[0]).toBe('本期间全部退款');
  });
});

describe('the "Today" refund tiles and the cash-code note (fees-online)', () => {
  it("counts the online refunds' transactions and tickets like the windows' tile", () => {
    const channels = foldRefundChannels('UAH', { count: 2, tickets: 4, total: uah(57_000) }, [
      { kind: 'card_refund', amount: uah(15_675), ticketIds: ['t1'] },
      { kind: 'voucher_issued', amount: uah(14_250), ticketIds: ['t2', 't3'] },
    ]);
    expect(onlineRefundsLine({ lines: [...channels.lines], online: channels.online })).toEqual({
      count: 2,
      tickets: 3,
      total: uah(29_925),
    });
    // Both tiles say "transactions", as the day report does; the windows' tile is named so.
    expect(en.t('manage.reports.countTickets', { count: 2, tickets: 3 })).toBe(
      '2 transactions · 3 tickets',
    );
    expect(en.t('manage.refundChannel.window')).toBe('Refunded at the windows');
  });

  it('says one cash-code request and many in good grammar, in en, uk and zh', () => {
    const note = (t: typeof en, count: number) =>
      t.t('manage.reports.cashCodeNote', { amount: uah(28_500), count });
    expect(note(en, 1)).toBe(
      `${en.money(uah(28_500))} of the window refunds paid out 1 online request in cash by its code (counted once, at the window).`,
    );
    expect(note(en, 2)).toMatch(/paid out 2 online requests in cash by their codes \(/);
    expect(note(uk, 1)).toContain('1 онлайн-заявка, виплачена готівкою за її кодом');
    expect(note(uk, 5)).toContain('5 онлайн-заявок, виплачених готівкою за їхніми кодами');
    expect(note(zh, 2)).toContain('2 笔线上申请');
  });
});
