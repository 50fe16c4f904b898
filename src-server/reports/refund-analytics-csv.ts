import { toDecimalString, type Money } from '../../shared/money/money';
import { csvTable, UTF8_BOM, type CsvValue } from './csv';
import type { Figures, RefundAnalytics } from './refund-analytics';

/** The CSV's columns: one long table, a `breakdown` column naming each row's table. */
export const CSV_COLUMNS = [
  'breakdown',
  'key',
  'name',
  'refunds',
  'refunded_tickets',
  'refunded_amount',
  /**
   * Of the three before: what the server paid online (to the card, vouchers); on a `fees_kept`
   * row, of its fees: how many online refunds kept one, and what they kept.
   */
  'online_refunds',
  'online_refunded_tickets',
  'online_refunded_amount',
  'sales',
  'sold_tickets',
  'sold_amount',
  'refund_rate_percent',
  'fees_kept',
  'currency',
] as const;

const amount = (m: Money): string => toDecimalString(m);
const percent = (bp: number | null): CsvValue => (bp === null ? null : (bp / 100).toFixed(2));

/**
 * The analytics as one CSV table: totals, buckets, by reason, performance, window, method,
 * channel (at the windows, online to card, online vouchers), fees kept; the refund figures
 * count the online payouts too, the `online_*` columns saying how much of them. Money is decimal
 * major units (the currency in its own column), rates in percent with two decimals; reason,
 * method and channel keys are the codes the API answers with.
 */
export function refundAnalyticsCsv(a: RefundAnalytics): string {
  const c = a.currency;
  const row = (breakdown: string, key: string, name: string | null, f: Figures): CsvValue[] => [
    breakdown,
    key,
    name,
    f.refunds.count,
    f.refunds.tickets,
    amount(f.refunds.amount),
    f.refunds.online.count,
    f.refunds.online.tickets,
    amount(f.refunds.online.amount),
    f.sales.count,
    f.sales.tickets,
    amount(f.sales.amount),
    percent(f.rateBp),
    null,
    c,
  ];
  const rows: CsvValue[][] = [
    [...CSV_COLUMNS],
    row('total', `${a.from}..${a.to}`, null, a.totals),
    ...a.buckets.map((b) =>
      row(a.bucket, b.start, b.start === b.end ? null : `${b.start}..${b.end}`, b),
    ),
    ...a.byReason.map((r) => [
      'reason',
      r.reasonCode,
      null,
      r.count,
      r.tickets,
      amount(r.amount),
      r.online.count,
      r.online.tickets,
      amount(r.online.amount),
      null,
      null,
      null,
      null,
      null,
      c,
    ]),
    ...a.byPerformance.map((p) => [
      'performance',
      p.performanceId,
      p.eventName === null ? null : `${p.eventName} ${p.startsAt ?? ''}`.trim(),
      null,
      p.refunded,
      amount(p.refundAmount),
      null,
      p.online.tickets,
      amount(p.online.amount),
      null,
      p.sold,
      null,
      percent(p.rateBp),
      null,
      c,
    ]),
    ...a.byWindow.map((w) => row('window', w.terminalId, w.name, w)),
    ...a.byMethod.map((m) => [
      'method',
      m.method,
      null,
      m.count,
      null,
      amount(m.amount),
      m.online.count,
      null,
      amount(m.online.amount),
      null,
      null,
      null,
      null,
      null,
      c,
    ]),
    ...a.byChannel.map((ch) => [
      'channel',
      ch.channel,
      null,
      ch.count,
      ch.tickets,
      amount(ch.amount),
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      c,
    ]),
    // Refund fees count the online payouts' (the requests' fees): their part in `online_*`.
    ...(
      [
        ['refund_fees', a.feesKept.refundFees, a.feesKept.online],
        ['exchange_fees', a.feesKept.exchangeFees, null],
        ['total', a.feesKept.total, a.feesKept.online],
      ] as const
    ).map(([key, m, online]) => [
      'fees_kept',
      key,
      null,
      null,
      null,
      null,
      online === null ? null : online.count,
      null,
      online === null ? null : amount(online.amount),
      null,
      null,
      null,
      null,
      amount(m),
      c,
    ]),
  ];
  return UTF8_BOM + csvTable(rows);
}
