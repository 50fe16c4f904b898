/**
 * The refund policy as customers meet it at the window: each row is one customer's story and
 * what they get back. Amounts are in major units of the policy currency.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/catalog';
import type { Currency } from '../../shared/money';
import { money } from '../../shared/money';
import {
  definePolicy,
  evaluate,
  type PolicyTicket,
  type ReasonCode,
  type RefundMethod,
  type RefundPolicyInput,
  type TenderBalance,
} from '../../shared/refund-policy';

const START = '2026-05-01T19:00:00+03:00';
const HOUR = 3_600_000;

const base = (currency: Currency = 'UAH'): RefundPolicyInput => {
  const m = (major: number) =>
    money(
      Math.round(major * 10 ** (currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2)),
      currency,
    );
  return {
    id: 'std',
    version: 3,
    name: 'Standard',
    currency,
    windows: [
      { minHoursBefore: 336, refundBp: 10_000 },
      { minHoursBefore: 48, refundBp: 5_000 },
    ],
    fees: { percent: { bp: 500, min: m(2), max: m(20) }, bookingFee: 'kept' },
    nonRefundableTierIds: ['promo'],
    approvals: {
      thresholds: [
        { role: 'cashier', maxAmount: m(2000) },
        { role: 'supervisor', maxAmount: m(10000) },
      ],
      afterDeadline: { role: 'manager', maxRefundBp: 10_000 },
    },
    methods: {
      originalTender: true,
      cash: { allowed: true, onlyForCashPurchases: true, maxAmount: m(5000) },
      voucher: { allowed: true, bonusBp: 1000 },
    },
  };
};

interface TicketSpec {
  price: number;
  bookingFee?: number;
  tier?: string;
  status?: PolicyTicket['status'];
  performance?: 'scheduled' | 'cancelled' | 'postponed';
}

interface Case {
  story: string;
  currency?: Currency;
  policy?: (p: RefundPolicyInput) => RefundPolicyInput;
  tickets: TicketSpec[];
  /** Hours before the start when the customer asks (negative: after it started). */
  hoursBefore: number;
  /** How the order was paid (major units); default: all in cash. */
  paid?: Partial<Record<TenderBalance['kind'], number>>;
  refunded?: Partial<Record<TenderBalance['kind'], number>>;
  override?: { reason: string; refundBp?: number };
  actor?: Role;
  expect: {
    total: number;
    fees?: number;
    perTicket?: number[];
    refundable?: 'all' | 'some' | 'none';
    methods?: RefundMethod[];
    voucherValue?: number;
    role?: Role;
    codes?: ReasonCode[];
    absent?: ReasonCode[];
  };
}

const cases: Case[] = [
  {
    story: 'cash purchase, 3 days before, 50 % window, fee 2.00 min → refund 18.00 cash',
    tickets: [{ price: 40 }],
    hoursBefore: 72,
    expect: {
      total: 18,
      fees: 2,
      methods: ['original_tender', 'cash', 'voucher'],
      role: 'kiosk',
      codes: ['window_partial', 'fee_percent'],
    },
  },
  {
    story:
      'card purchase, 20 days before → 400.00 less the 20.00 maximum fee, back to the card, no cash',
    tickets: [{ price: 400 }],
    hoursBefore: 480,
    paid: { card: 400 },
    expect: {
      total: 380,
      fees: 20,
      methods: ['original_tender', 'voucher'],
      codes: ['window_full', 'cash_only_for_cash_purchases'],
    },
  },
  {
    story: '15 days before, 100.00 ticket → 5 % fee 5.00 → 95.00',
    tickets: [{ price: 100 }],
    hoursBefore: 360,
    expect: { total: 95, fees: 5 },
  },
  {
    story: 'exactly 14 days before is still the full-refund window',
    tickets: [{ price: 100 }],
    hoursBefore: 336,
    expect: { total: 95, codes: ['window_full'] },
  },
  {
    story: 'one hour short of 14 days drops to the 50 % window: 50.00 less a 2.50 fee',
    tickets: [{ price: 100 }],
    hoursBefore: 335,
    expect: { total: 47.5, fees: 2.5, codes: ['window_partial'] },
  },
  {
    story: 'exactly 48 hours before is still the 50 % window',
    tickets: [{ price: 200 }],
    hoursBefore: 48,
    expect: { total: 95, fees: 5 },
  },
  {
    story: '47 hours before, refunds are closed',
    tickets: [{ price: 200 }],
    hoursBefore: 47,
    expect: { total: 0, refundable: 'none', codes: ['window_closed'] },
  },
  {
    story: 'after the curtain went up there is no refund',
    tickets: [{ price: 200 }],
    hoursBefore: -1,
    expect: { total: 0, refundable: 'none', codes: ['performance_started'] },
  },
  {
    story:
      'cancelled performance, asked after its start time → everything back, booking fee too, no fee',
    tickets: [{ price: 400, bookingFee: 10, performance: 'cancelled' }],
    hoursBefore: -2,
    expect: { total: 410, fees: 0, codes: ['performance_cancelled', 'fees_waived'] },
  },
  {
    story: 'postponed performance → full refund including the booking fee',
    tickets: [{ price: 250, bookingFee: 10, performance: 'postponed' }],
    hoursBefore: 10,
    expect: { total: 260, fees: 0, codes: ['performance_postponed'] },
  },
  {
    story: 'a ticket already scanned at the door is refused even 20 days out',
    tickets: [{ price: 100, status: 'used' }],
    hoursBefore: 480,
    expect: { total: 0, refundable: 'none', codes: ['ticket_used'] },
  },
  {
    story: 'a ticket refunded once cannot be refunded again',
    tickets: [{ price: 100, status: 'refunded' }],
    hoursBefore: 480,
    expect: { total: 0, refundable: 'none', codes: ['ticket_already_refunded'] },
  },
  {
    story: 'a promo ticket is non-refundable, even a month out',
    tickets: [{ price: 100, tier: 'promo' }],
    hoursBefore: 720,
    expect: { total: 0, refundable: 'none', codes: ['tier_non_refundable'] },
  },
  {
    story: 'a promo ticket for a cancelled show is refunded in full anyway',
    tickets: [{ price: 100, tier: 'promo', performance: 'cancelled' }],
    hoursBefore: 100,
    expect: { total: 100, codes: ['performance_cancelled'] },
  },
  {
    story: 'where the booking fee is returned, 100.00 + 10.00 fee, 20 days out → 105.00',
    policy: (p) => ({ ...p, fees: { ...p.fees, bookingFee: 'returned' } }),
    tickets: [{ price: 100, bookingFee: 10 }],
    hoursBefore: 480,
    expect: { total: 105, fees: 5, codes: ['booking_fee_returned'] },
  },
  {
    story: 'booking fee kept: the customer is told it is not refundable',
    tickets: [{ price: 100, bookingFee: 10 }],
    hoursBefore: 480,
    expect: { total: 95, codes: ['booking_fee_kept'] },
  },
  {
    story: 'flat 15.00 per ticket, two 100.00 tickets 20 days out → 170.00',
    policy: (p) => ({ ...p, fees: { fixedPerTicket: money(1500, 'UAH'), bookingFee: 'kept' } }),
    tickets: [{ price: 100 }, { price: 100 }],
    hoursBefore: 480,
    expect: { total: 170, fees: 30, perTicket: [85, 85], codes: ['fee_fixed_per_ticket'] },
  },
  {
    story: '10.00 per refund split over three 50.00 tickets → 3.34 + 3.33 + 3.33',
    policy: (p) => ({ ...p, fees: { fixedPerOrder: money(1000, 'UAH'), bookingFee: 'kept' } }),
    tickets: [{ price: 50 }, { price: 50 }, { price: 50 }],
    hoursBefore: 480,
    expect: { total: 140, fees: 10, perTicket: [46.66, 46.67, 46.67], codes: ['fee_order_share'] },
  },
  {
    story: 'a 3.00 ticket at 50 % leaves 1.50, less than the 2.00 minimum fee → nothing to refund',
    tickets: [{ price: 3 }],
    hoursBefore: 72,
    expect: { total: 0, refundable: 'none', codes: ['fee_exceeds_refund'] },
  },
  {
    story:
      '47 hours out, the manager makes an exception → 200.00 less 10.00 fee, manager and reason needed',
    tickets: [{ price: 200 }],
    hoursBefore: 47,
    override: { reason: 'Family emergency, documented' },
    actor: 'cashier',
    expect: {
      total: 190,
      fees: 10,
      role: 'manager',
      codes: ['window_closed', 'override_after_deadline', 'approval_required'],
    },
  },
  {
    story: 'an exception asked at 150 % is capped at the policy maximum of 50 %',
    policy: (p) => ({
      ...p,
      approvals: { ...p.approvals, afterDeadline: { role: 'supervisor', maxRefundBp: 5_000 } },
    }),
    tickets: [{ price: 200 }],
    hoursBefore: 10,
    override: { reason: 'Stuck in traffic, regular customer', refundBp: 10_000 },
    expect: { total: 95, role: 'supervisor', codes: ['override_after_deadline'] },
  },
  {
    story: 'a policy without exceptions refuses after the deadline even when a manager asks',
    policy: (p) => ({ ...p, approvals: { ...p.approvals, afterDeadline: null } }),
    tickets: [{ price: 200 }],
    hoursBefore: 10,
    override: { reason: 'Please make an exception' },
    expect: { total: 0, refundable: 'none', codes: ['window_closed'] },
  },
  {
    story: 'a 2 500.00 refund at the window needs a supervisor',
    tickets: [{ price: 2000 }, { price: 650 }],
    hoursBefore: 480,
    paid: { card: 2650 },
    actor: 'cashier',
    expect: { total: 2610, fees: 40, role: 'supervisor', codes: ['approval_required'] },
  },
  {
    story: 'a 12 000.00 refund needs a manager',
    tickets: Array.from({ length: 6 }, () => ({ price: 2100 })),
    hoursBefore: 480,
    paid: { card: 12600 },
    actor: 'supervisor',
    expect: { total: 12480, role: 'manager', codes: ['approval_required'] },
  },
  {
    story: 'a 1 500.00 refund is within a cashier’s own limit: no approval',
    tickets: [{ price: 1520 }],
    hoursBefore: 480,
    actor: 'cashier',
    // Roles below the first listed one share its limit, so any till may give this refund.
    expect: { total: 1500, role: 'kiosk', absent: ['approval_required'] },
  },
  {
    story: 'at a self-service kiosk allowed 500.00, a 380.00 refund goes through on its own',
    policy: (p) => ({
      ...p,
      approvals: {
        ...p.approvals,
        thresholds: [
          { role: 'kiosk', maxAmount: money(50000, 'UAH') },
          ...p.approvals!.thresholds!,
        ],
      },
    }),
    tickets: [{ price: 400 }],
    hoursBefore: 480,
    paid: { card: 400 },
    actor: 'kiosk',
    expect: { total: 380, role: 'kiosk' },
  },
  {
    story:
      'a 6 000.00 cash purchase is over the 5 000.00 cash refund limit → card/original or voucher only',
    tickets: [{ price: 3000 }, { price: 3020 }],
    hoursBefore: 480,
    expect: { total: 5980, methods: ['original_tender', 'voucher'], codes: ['cash_limit'] },
  },
  {
    story: 'paid 100.00 by card and 300.00 cash: a 380.00 refund cannot all be cash',
    tickets: [{ price: 400 }],
    hoursBefore: 480,
    paid: { card: 100, cash: 300 },
    expect: { total: 380, methods: ['original_tender', 'voucher'], codes: ['cash_paid_less'] },
  },
  {
    story: 'taking a credit voucher instead adds 10 %: 380.00 becomes a 418.00 voucher',
    tickets: [{ price: 400 }],
    hoursBefore: 480,
    expect: { total: 380, voucherValue: 418, codes: ['voucher_bonus'] },
  },
  {
    story: 'a policy without vouchers only refunds money',
    policy: (p) => ({ ...p, methods: { ...p.methods, voucher: { allowed: false, bonusBp: 0 } } }),
    tickets: [{ price: 100 }],
    hoursBefore: 480,
    expect: { total: 95, methods: ['original_tender', 'cash'], codes: ['voucher_not_allowed'] },
  },
  {
    story: 'most of the order was refunded already: only 50.00 is left on the original payment',
    tickets: [{ price: 100 }],
    hoursBefore: 480,
    paid: { cash: 200 },
    refunded: { cash: 150 },
    expect: { total: 95, methods: ['voucher'], codes: ['original_tender_exhausted'] },
  },
  {
    story: 'a VIP tier refundable only until 30 days out is refused at 20 days',
    policy: (p) => ({
      ...p,
      tierOverrides: [{ tierId: 'vip', windows: [{ minHoursBefore: 720, refundBp: 10_000 }] }],
    }),
    tickets: [{ price: 1000, tier: 'vip' }],
    hoursBefore: 480,
    expect: { total: 0, refundable: 'none', codes: ['window_closed'] },
  },
  {
    story: 'students pay no refund fee under their tier override',
    policy: (p) => ({ ...p, tierOverrides: [{ tierId: 'student', fees: { bookingFee: 'kept' } }] }),
    tickets: [{ price: 100, tier: 'student' }],
    hoursBefore: 72,
    expect: { total: 50, fees: 0 },
  },
  {
    story: 'a postponed show under a policy that refunds 80 % and keeps fees',
    policy: (p) => ({
      ...p,
      postponed: { refundBp: 8_000, waiveFees: false, returnBookingFee: false },
    }),
    tickets: [{ price: 100, bookingFee: 10, performance: 'postponed' }],
    hoursBefore: 10,
    expect: { total: 76, fees: 4, codes: ['performance_postponed', 'booking_fee_kept'] },
  },
  {
    story: 'two tickets, one already scanned: only the other is refundable',
    tickets: [{ price: 100, status: 'used' }, { price: 100 }],
    hoursBefore: 480,
    expect: { total: 95, refundable: 'some', perTicket: [0, 95], codes: ['ticket_used'] },
  },
  {
    story: 'in yen: 3 000 JPY at 50 % with a 200 JPY minimum fee → 1 300 JPY',
    currency: 'JPY',
    policy: (p) => ({
      ...p,
      fees: {
        percent: { bp: 500, min: money(200, 'JPY'), max: money(2000, 'JPY') },
        bookingFee: 'kept',
      },
    }),
    tickets: [{ price: 3000 }],
    hoursBefore: 100,
    expect: { total: 1300, fees: 200 },
  },
  {
    story:
      'in dinars: 12.345 KWD at 50 % is 6.172 (half-even), 5 % fee below the 2.000 minimum → 4.172',
    currency: 'KWD',
    tickets: [{ price: 12.345 }],
    hoursBefore: 100,
    expect: { total: 4.172, fees: 2 },
  },
  {
    story: 'a complimentary 0.00 ticket has nothing to refund',
    tickets: [{ price: 0 }],
    hoursBefore: 480,
    expect: { total: 0, refundable: 'none' },
  },
  {
    story: 'a ticket sold under a policy in another currency is refused, not converted',
    tickets: [{ price: 100 }],
    hoursBefore: 480,
    policy: (p) => ({
      ...p,
      currency: 'EUR',
      fees: { bookingFee: 'kept' },
      approvals: { thresholds: [] },
      methods: { originalTender: true },
    }),
    expect: { total: 0, refundable: 'none', codes: ['currency_mismatch'] },
  },
];

describe('refund policy, as customers see it', () => {
  it('has at least 30 stories', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.story, c] as const))('%s', (_story, c) => {
    const currency = c.currency ?? 'UAH';
    const exponent = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
    const m = (major: number) => money(Math.round(major * 10 ** exponent), currency);
    const policy = definePolicy((c.policy ?? ((p) => p))(base(currency)));
    const tickets: PolicyTicket[] = c.tickets.map((t, i) => ({
      ticketId: `t${i + 1}`,
      tierId: t.tier ?? 'stalls',
      price: m(t.price),
      bookingFee: m(t.bookingFee ?? 0),
      status: t.status ?? 'valid',
      performance: { startsAt: START, status: t.performance ?? 'scheduled' },
    }));
    const orderTotal = c.tickets.reduce((n, t) => n + t.price + (t.bookingFee ?? 0), 0);
    const paid = c.paid ?? { cash: orderTotal };
    const tenders: TenderBalance[] = (['cash', 'card', 'voucher'] as const)
      .filter((k) => paid[k] !== undefined)
      .map((k) => ({ kind: k, paid: m(paid[k]!), refunded: m(c.refunded?.[k] ?? 0) }));
    const now = Date.parse(START) - c.hoursBefore * HOUR;
    const result = evaluate(policy, tickets, now, {
      tenders,
      override: c.override,
      actorRole: c.actor,
    });

    expect(result.total).toEqual(money(m(c.expect.total).amount, policy.currency));
    if (c.expect.fees !== undefined) expect(result.fees).toEqual(m(c.expect.fees));
    if (c.expect.perTicket)
      expect(result.tickets.map((t) => t.amount)).toEqual(c.expect.perTicket.map(m));
    const refundable = c.expect.refundable ?? 'all';
    expect(result.allRefundable).toBe(refundable === 'all');
    expect(result.anyRefundable).toBe(refundable !== 'none');
    if (c.expect.methods)
      expect(result.methods.filter((o) => o.available).map((o) => o.method)).toEqual(
        c.expect.methods,
      );
    if (c.expect.voucherValue !== undefined) {
      expect(result.methods.find((o) => o.method === 'voucher')?.voucherValue).toEqual(
        m(c.expect.voucherValue),
      );
    }
    if (c.expect.role) expect(result.requiredRole).toBe(c.expect.role);
    const codes = new Set(
      [...result.reasons, ...result.tickets.flatMap((t) => t.reasons)].map((r) => r.code),
    );
    for (const code of c.expect.codes ?? []) expect(codes, `reason ${code}`).toContain(code);
    for (const code of c.expect.absent ?? []) expect(codes, `reason ${code}`).not.toContain(code);
    // Whatever the outcome, the cashier gets a sentence to read out, and it names the amount.
    expect(result.summary.length).toBeGreaterThan(10);
    if (result.anyRefundable)
      expect(result.summary).toContain(`${c.expect.total.toFixed(exponent)} ${currency}`);
    // Money is conserved per ticket: refunded + retained = price + booking fee.
    result.tickets.forEach((t, i) =>
      expect(t.amount.amount + t.retained.amount).toBe(
        tickets[i]!.price.amount + tickets[i]!.bookingFee.amount,
      ),
    );
  });
});
