import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../shared/money';
import {
  definePolicy,
  durationText,
  evaluate,
  percentText,
  refundPolicySchema,
  roleForAmount,
  type PolicyTicket,
  type RefundPolicyInput,
} from '../../shared/refund-policy';
import { InvariantError } from '../../shared/util/assert';

const uah = (minor: number) => money(minor, 'UAH');
const START = Date.parse('2026-05-01T19:00:00+03:00');
const HOUR = 3_600_000;

const minimal: RefundPolicyInput = {
  id: 'p',
  version: 1,
  name: 'P',
  currency: 'UAH',
  windows: [{ minHoursBefore: 24, refundBp: 10_000 }],
};

const ticket = (over: Partial<PolicyTicket> = {}): PolicyTicket => ({
  ticketId: 't1',
  tierId: 'tier',
  price: uah(10_000),
  bookingFee: uah(0),
  status: 'valid',
  performance: { startsAt: '2026-05-01T19:00:00+03:00', status: 'scheduled' },
  ...over,
});

describe('refund policy schema', () => {
  it('fills sensible defaults', () => {
    const p = definePolicy(minimal);
    expect(p.fees.bookingFee).toBe('kept');
    expect(p.cancelled).toEqual({ refundBp: 10_000, waiveFees: true, returnBookingFee: true });
    expect(p.approvals.afterDeadline).toEqual({ role: 'manager', maxRefundBp: 10_000 });
    expect(p.methods.cash.onlyForCashPurchases).toBe(true);
    expect(p.exchange.downgrade).toBe('voucher');
  });

  const invalid: [string, RefundPolicyInput, string][] = [
    [
      'windows out of order',
      {
        ...minimal,
        windows: [
          { minHoursBefore: 24, refundBp: 5000 },
          { minHoursBefore: 48, refundBp: 5000 },
        ],
      },
      'earliest to the latest',
    ],
    [
      'a later window refunding more',
      {
        ...minimal,
        windows: [
          { minHoursBefore: 48, refundBp: 5000 },
          { minHoursBefore: 24, refundBp: 8000 },
        ],
      },
      'cannot refund more',
    ],
    [
      'a fee in another currency',
      { ...minimal, fees: { fixedPerTicket: money(100, 'EUR'), bookingFee: 'kept' } },
      'Fees must be in UAH',
    ],
    [
      'min fee above max fee',
      {
        ...minimal,
        fees: { percent: { bp: 500, min: uah(500), max: uah(100) }, bookingFee: 'kept' },
      },
      'minimum fee is above',
    ],
    [
      'a role listed twice',
      {
        ...minimal,
        approvals: {
          thresholds: [
            { role: 'cashier', maxAmount: uah(1) },
            { role: 'cashier', maxAmount: uah(2) },
          ],
        },
      },
      'listed twice',
    ],
    [
      'a supervisor allowed less than a cashier',
      {
        ...minimal,
        approvals: {
          thresholds: [
            { role: 'cashier', maxAmount: uah(500) },
            { role: 'supervisor', maxAmount: uah(100) },
          ],
        },
      },
      'lower refund limit',
    ],
    [
      'a cash limit in another currency',
      {
        ...minimal,
        methods: {
          cash: { allowed: true, onlyForCashPurchases: true, maxAmount: money(1, 'EUR') },
        },
      },
      'must be in UAH',
    ],
    [
      'a tier override with bad windows',
      {
        ...minimal,
        tierOverrides: [
          {
            tierId: 'x',
            windows: [
              { minHoursBefore: 1, refundBp: 1 },
              { minHoursBefore: 2, refundBp: 1 },
            ],
          },
        ],
      },
      'earliest to the latest',
    ],
    [
      'a refund above 100 %',
      { ...minimal, windows: [{ minHoursBefore: 1, refundBp: 10_001 }] },
      '100 %',
    ],
    ['a bad id', { ...minimal, id: 'no spaces allowed' }, 'Not a valid id'],
  ];
  it.each(invalid)('refuses %s', (_name, input, message) => {
    const r = refundPolicySchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain(message);
  });

  it('also checks tier override fees', () => {
    const r = refundPolicySchema.safeParse({
      ...minimal,
      tierOverrides: [{ tierId: 'x', fees: { fixedPerOrder: money(1, 'EUR') } }],
    });
    expect(r.success).toBe(false);
  });
});

describe('evaluate', () => {
  it('rejects a bad instant or start time as a programmer error', () => {
    const p = definePolicy(minimal);
    expect(() => evaluate(p, [ticket()], 'not a date')).toThrow(InvariantError);
    expect(() =>
      evaluate(p, [ticket({ performance: { startsAt: 'soon', status: 'scheduled' } })], START),
    ).toThrow(InvariantError);
  });

  it('accepts ISO instants and epoch milliseconds alike', () => {
    const p = definePolicy(minimal);
    const a = evaluate(p, [ticket()], '2026-04-01T10:00:00Z');
    const b = evaluate(p, [ticket()], Date.parse('2026-04-01T10:00:00Z'));
    expect(a).toEqual(b);
    expect(a.summary).toBe(
      'Refund 100.00 UAH for 1 ticket to the original payment, in cash or as a 100.00 UAH credit voucher.',
    );
  });

  it('explains itself when nothing is refundable or some tickets are left out', () => {
    const p = definePolicy(minimal);
    expect(evaluate(p, [], START).summary).toBe('Nothing to refund.');
    expect(evaluate(p, [], START).allRefundable).toBe(false);
    const mixed = evaluate(
      p,
      [
        ticket(),
        ticket({ ticketId: 't2', status: 'voided' }),
        ticket({ ticketId: 't3', status: 'exchanged' }),
      ],
      START - 48 * HOUR,
    );
    expect(mixed.summary).toContain('2 of the 3 tickets cannot be refunded');
    expect(mixed.tickets.map((t) => t.reasons[0]!.code)).toEqual([
      'window_full',
      'ticket_voided',
      'ticket_exchanged',
    ]);
  });

  it('names the methods that are switched off', () => {
    const p = definePolicy({
      ...minimal,
      methods: {
        originalTender: false,
        cash: { allowed: false, onlyForCashPurchases: false },
        voucher: { allowed: true, bonusBp: 0 },
      },
    });
    const r = evaluate(p, [ticket()], START - 48 * HOUR);
    expect(r.methods.map((m) => [m.method, m.available, m.reason?.code])).toEqual([
      ['original_tender', false, 'original_tender_not_allowed'],
      ['cash', false, 'cash_not_allowed'],
      ['voucher', true, undefined],
    ]);
    expect(r.summary).toContain('as a 100.00 UAH credit voucher');
  });

  it('without tender details, judges cash on the policy alone', () => {
    const p = definePolicy({
      ...minimal,
      methods: { cash: { allowed: true, onlyForCashPurchases: false, maxAmount: uah(5000) } },
    });
    const r = evaluate(p, [ticket()], START - 48 * HOUR);
    const cash = r.methods.find((m) => m.method === 'cash')!;
    expect([cash.available, cash.max, cash.reason?.code]).toEqual([false, uah(5000), 'cash_limit']);
  });

  it('texts durations and percentages the way people say them', () => {
    expect(durationText(72)).toBe('3 days');
    expect(durationText(47.5)).toBe('47 hours');
    expect(durationText(1.2)).toBe('1 hour');
    expect(durationText(0.5)).toBe('30 minutes');
    expect(durationText(1 / 60)).toBe('1 minute');
    expect(percentText(5000)).toBe('50 %');
    expect(percentText(1250)).toBe('12.5 %');
    expect(percentText(1205)).toBe('12.05 %');
  });

  it('picks the approval role from the thresholds', () => {
    const p = definePolicy({
      ...minimal,
      approvals: {
        thresholds: [
          { role: 'cashier', maxAmount: uah(1000) },
          { role: 'manager', maxAmount: uah(5000) },
        ],
      },
    });
    expect(roleForAmount(p, 500).role).toBe('kiosk');
    expect(roleForAmount(p, 1500)).toEqual({ role: 'supervisor', limitBelow: 1000 });
    expect(roleForAmount(p, 9000)).toEqual({ role: 'manager', limitBelow: 5000 });
  });
});

// Random but valid policies: windows earliest → latest with non-increasing refunds.
const policyArb = fc
  .record({
    windows: fc
      .uniqueArray(fc.integer({ min: 0, max: 2000 }), { minLength: 0, maxLength: 5 })
      .chain((hours) =>
        fc
          .array(fc.integer({ min: 0, max: 10_000 }), {
            minLength: hours.length,
            maxLength: hours.length,
          })
          .map((bps) => {
            const h = [...hours].sort((a, b) => b - a);
            const b = [...bps].sort((x, y) => y - x);
            return h.map((minHoursBefore, i) => ({ minHoursBefore, refundBp: b[i]! }));
          }),
      ),
    percent: fc.option(
      fc.record({
        bp: fc.integer({ min: 0, max: 10_000 }),
        min: fc.integer({ min: 0, max: 5000 }),
        span: fc.integer({ min: 0, max: 20_000 }),
      }),
      { nil: undefined },
    ),
    fixedPerTicket: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    fixedPerOrder: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    bookingFee: fc.constantFrom('kept' as const, 'returned' as const),
  })
  .map((r) =>
    definePolicy({
      id: 'prop',
      version: 1,
      name: 'Property',
      currency: 'UAH',
      windows: r.windows,
      fees: {
        ...(r.percent
          ? {
              percent: {
                bp: r.percent.bp,
                min: uah(r.percent.min),
                max: uah(r.percent.min + r.percent.span),
              },
            }
          : {}),
        ...(r.fixedPerTicket !== undefined ? { fixedPerTicket: uah(r.fixedPerTicket) } : {}),
        ...(r.fixedPerOrder !== undefined ? { fixedPerOrder: uah(r.fixedPerOrder) } : {}),
        bookingFee: r.bookingFee,
      },
    }),
  );

const ticketsArb = fc.array(
  fc.record({
    price: fc.integer({ min: 0, max: 1_000_000 }),
    bookingFee: fc.integer({ min: 0, max: 5000 }),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('refund amounts never increase as the performance gets closer (property)', () => {
  it('for the total and for each ticket', () => {
    fc.assert(
      fc.property(
        policyArb,
        ticketsArb,
        fc.integer({ min: -100 * 60, max: 3000 * 60 }),
        fc.integer({ min: 0, max: 3000 * 60 }),
        (policy, specs, laterMinutesBefore, gapMinutes) => {
          const tickets = specs.map((s, i) =>
            ticket({ ticketId: `t${i}`, price: uah(s.price), bookingFee: uah(s.bookingFee) }),
          );
          const later = START - laterMinutesBefore * 60_000;
          const earlier = later - gapMinutes * 60_000;
          const a = evaluate(policy, tickets, earlier);
          const b = evaluate(policy, tickets, later);
          expect(b.total.amount).toBeLessThanOrEqual(a.total.amount);
          // Per ticket holds whenever the set of refundable tickets is the same (a per-order
          // fee is shared by whoever is refundable, so the split moves when the set changes).
          const same = a.tickets.every((t, i) => t.refundable === b.tickets[i]!.refundable);
          if (same || !policy.fees.fixedPerOrder) {
            a.tickets.forEach((t, i) =>
              expect(b.tickets[i]!.amount.amount).toBeLessThanOrEqual(t.amount.amount),
            );
          }
          // And nothing is ever created: refund + retained = what was paid, per ticket.
          for (const e of [a, b]) {
            e.tickets.forEach((t, i) => {
              expect(t.amount.amount).toBeGreaterThanOrEqual(0);
              expect(t.amount.amount + t.retained.amount).toBe(
                tickets[i]!.price.amount + tickets[i]!.bookingFee.amount,
              );
            });
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
