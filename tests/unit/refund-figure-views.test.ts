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
import { dayReasonRows, onlinePartText } from '../../src-renderer/manage/refund-channels-view';
import {
  PAYOUT_METHOD_KEYS,
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
