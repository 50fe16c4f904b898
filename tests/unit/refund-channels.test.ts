/**
 * The one fold of refunds by channel (shared/orders/refund-channels.ts) and the reports
 * page's pure rows of it (src-renderer/manage/refund-channels-view.ts): the windows' refunds
 * beside the server's online payouts, lines that add up to the total, a net that is sales
 * less every line, and each line named in words in en, uk and zh.
 */
import { describe, expect, it } from 'vitest';
import { foldRefundChannels, REFUND_CHANNELS } from '../../shared/orders/refund-channels';
import type { ServerRefund } from '../../shared/orders/server-refund';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { dayNetRows, REFUND_CHANNEL_KEYS } from '../../src-renderer/manage/refund-channels-view';
import type { DayReportView } from '../../src-renderer/manage/views';

const uah = (amount: number) => ({ amount, currency: 'UAH' as const });
const payout = (
  kind: ServerRefund['kind'],
  amount: number,
  tickets = 1,
): Pick<ServerRefund, 'kind' | 'ticketIds' | 'amount'> => ({
  kind,
  amount: uah(amount),
  ticketIds: Array.from({ length: tickets }, (_, i) => `t-${kind}-${amount}-${i}`),
});

describe('foldRefundChannels', () => {
  it('puts the windows first and sums the online payouts by kind; the lines add up', () => {
    const folded = foldRefundChannels('UAH', { count: 2, tickets: 3, total: uah(46_500) }, [
      payout('card_refund', 15_500),
      payout('voucher_issued', 31_000, 2),
      payout('card_refund', 100),
    ]);
    expect(folded.lines).toEqual([
      { channel: 'window', count: 2, tickets: 3, total: uah(46_500) },
      { channel: 'online_card', count: 2, tickets: 2, total: uah(15_600) },
      { channel: 'online_voucher', count: 1, tickets: 2, total: uah(31_000) },
    ]);
    expect(folded.online).toEqual(uah(46_600));
    expect(folded.total).toEqual(uah(folded.lines.reduce((s, l) => s + l.total.amount, 0)));
  });

  it('keeps empty channels as zero lines (a day with no online refund)', () => {
    const folded = foldRefundChannels('UAH', { count: 0, tickets: 0, total: uah(0) }, []);
    expect(folded.lines.map((l) => l.channel)).toEqual([...REFUND_CHANNELS]);
    expect(folded.lines.every((l) => l.count === 0 && l.total.amount === 0)).toBe(true);
    expect(folded.total).toEqual(uah(0));
  });

  it('refuses a payout in another currency rather than adding it', () => {
    expect(() =>
      foldRefundChannels('UAH', { count: 0, tickets: 0, total: uah(0) }, [
        { ...payout('card_refund', 100), amount: { amount: 100, currency: 'EUR' } },
      ]),
    ).toThrow(/Currency mismatch/);
  });
});

describe("the reports page's sales-and-refunds rows", () => {
  const folded = foldRefundChannels('UAH', { count: 1, tickets: 1, total: uah(15_500) }, [
    payout('card_refund', 15_500),
    payout('voucher_issued', 15_500),
  ]);
  const report: Pick<DayReportView, 'totals' | 'refundChannels' | 'net'> = {
    totals: { sales: { count: 3, tickets: 4, gross: uah(62_000) } } as DayReportView['totals'],
    refundChannels: {
      ...folded,
      lines: [...folded.lines],
      collectedByCashCode: { count: 1, total: uah(15_500) },
    },
    net: uah(62_000 - 46_500),
  };

  it('lists sales, then each channel taken off, and they add up to the net', () => {
    const { rows, net, cashCode } = dayNetRows(report);
    expect(rows.map((r) => [r.figure, r.amount.amount])).toEqual([
      ['sales', 62_000],
      ['refunds-window', -15_500],
      ['refunds-online_card', -15_500],
      ['refunds-online_voucher', -15_500],
    ]);
    expect(rows.reduce((s, r) => s + r.amount.amount, 0)).toBe(net.amount);
    expect(cashCode).toEqual({ count: 1, total: uah(15_500) });
    const quiet = dayNetRows({
      ...report,
      refundChannels: {
        ...report.refundChannels,
        collectedByCashCode: { count: 0, total: uah(0) },
      },
    });
    expect(quiet.cashCode).toBeNull();
  });

  it('names every channel in words in English, Ukrainian and Chinese', () => {
    const venue = { currency: 'UAH' as const, timeZone: 'Europe/Kyiv' };
    const words = (locale: 'en' | 'uk' | 'zh-Hans') =>
      REFUND_CHANNELS.map((c) => createTranslator(locale, venue).t(REFUND_CHANNEL_KEYS[c]));
    expect(words('en')).toEqual([
      'Refunded at the windows',
      'Refunded online to card',
      'Credit vouchers issued online',
    ]);
    expect(words('uk')).toEqual([
      'Повернено в касах',
      'Повернено онлайн на картку',
      'Кредитні ваучери, видані онлайн',
    ]);
    expect(words('zh-Hans')).toEqual(['窗口退款', '线上退回银行卡', '线上发放的储值券']);
    const note = createTranslator('uk', venue).t('manage.reports.cashCodeNote', {
      amount: uah(15_500),
      count: 2,
    });
    expect(note).toContain('2 онлайн-заявки');
  });
});
