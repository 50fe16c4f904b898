import { describe, expect, it } from 'vitest';
import { approvedAs } from '../support/approvals';
import {
  exchange,
  refund,
  sell,
  type Actor,
  type ExchangeInput,
  type SellInput,
} from '../../shared/commands';
import { quoteExchange } from '../../shared/exchange';
import { definePolicy, type RefundPolicyInput } from '../../shared/refund-policy';
import type { Till } from '../fixtures/domain';
import { codeOf, openTill, STAFF, STANDARD_POLICY, uah } from '../fixtures/domain';

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });
const card = (major: number) => ({
  kind: 'card' as const,
  amount: uah(major),
  approvalCode: 'AB1234',
  last4: '4242',
});
const seat = (seatId: string, tierId = 'hamlet-stalls', performanceId = 'hamlet-0501') => ({
  performanceId,
  tierId,
  seatId,
});

async function sold(till: Till, input: SellInput) {
  return till.take(await sell(till.base(), input, STAFF.olena, till.ports)).sale;
}

function swap(
  till: Till,
  orderId: string,
  input: Omit<ExchangeInput, 'orderId'>,
  actor: Actor = STAFF.olena,
  used?: Set<string>,
) {
  return exchange(
    { ...till.base(), order: till.order(orderId, used) },
    { orderId, ...input },
    actor,
    till.ports,
  );
}

describe('exchange', () => {
  it('upgrades balcony to stalls: the customer pays the difference and the fee, in one entry', async () => {
    const till = openTill();
    const sale = await sold(till, { items: [seat('C1', 'hamlet-balcony')], tenders: [cash(250)] });
    const old = sale.tickets[0]!;
    const r = await swap(till, sale.orderId, {
      ticketIds: [old.ticketId],
      items: [seat('B5')],
      tenders: [cash(200)],
    });
    const out = till.take(r);
    // 400 new − 250 credit + 20 fee = 170.00
    expect(out.exchange).toMatchObject({
      credit: uah(250),
      newTotal: uah(400),
      fee: uah(20),
      difference: uah(170),
      change: uah(30),
      receiptNo: 2,
    });
    expect(out.drafts.map((d) => d.type)).toEqual(['exchange']);
    expect(out.exchange.issued[0]).toMatchObject({
      orderId: sale.orderId,
      seatId: 'B5',
      bookingFee: uah(0),
      policy: { id: 'std' },
    });
    expect(out.quote.summary).toBe(
      'The customer pays 170.00 UAH. The 20.00 UAH exchange fee is included.',
    );
    // Tax moves with the tickets: +400 −250 +20 at 20 %.
    expect(out.exchange.taxes).toEqual([
      expect.objectContaining({ rateBp: 2000, gross: uah(170) }),
    ]);
    const view = till.order(sale.orderId);
    expect(view.tickets.map((t) => [t.ticket.seatId, t.status])).toEqual([
      ['C1', 'exchanged'],
      ['B5', 'valid'],
    ]);
    expect(view.netPaid).toEqual(uah(420));
    expect(view.retained).toEqual(uah(20));
    // The new ticket can be refunded in turn, under its own snapshot, from the order's tenders.
    const back = till.take(
      refund(
        { ...till.base(), order: till.order(sale.orderId) },
        {
          orderId: sale.orderId,
          ticketIds: [out.exchange.issued[0]!.ticketId],
          method: 'cash',
          reasonCode: 'customer_request',
        },
        STAFF.olena,
        till.ports,
      ),
    );
    expect(back.refund.total).toEqual(uah(380));
  });

  it('downgrades stalls to balcony: the difference comes back as a credit voucher under the standard policy', async () => {
    const till = openTill();
    const sale = await sold(till, { items: [seat('B1')], tenders: [card(410)] });
    const out = till.take(
      await swap(till, sale.orderId, {
        ticketIds: [sale.tickets[0]!.ticketId],
        items: [seat('C2', 'hamlet-balcony')],
      }),
    );
    // 250 + 20 − 400 = −130
    expect(out.exchange.difference).toEqual(uah(-130));
    expect(out.exchange.payouts).toEqual([
      expect.objectContaining({ kind: 'voucher', amount: uah(130), bonus: uah(0) }),
    ]);
    expect(out.quote.summary).toBe(
      'The customer gets 130.00 UAH back as a credit voucher. The 20.00 UAH exchange fee is included.',
    );
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: [out.exchange.issued[0]!.ticketId],
          items: [seat('C3', 'hamlet-balcony')],
          tenders: [cash(20)],
        }),
      ),
    ).toBe('ok');
  });

  it('under a flexible policy pays a downgrade back to the original payment, across events', async () => {
    const till = openTill();
    const sale = await sold(till, {
      items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
      tenders: [cash(300)],
    });
    const out = till.take(
      await swap(till, sale.orderId, {
        ticketIds: [sale.tickets[0]!.ticketId],
        items: [seat('C4', 'hamlet-balcony')],
      }),
    );
    expect(out.exchange).toMatchObject({ difference: uah(-50), fee: uah(0) });
    expect(out.exchange.payouts).toEqual([
      expect.objectContaining({ kind: 'cash', amount: uah(50) }),
    ]);
    const even = await sold(till, {
      items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
      tenders: [cash(300)],
    });
    const same = till.take(
      await swap(till, even.orderId, {
        ticketIds: [even.tickets[0]!.ticketId],
        items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
      }),
    );
    expect(same.quote.settlement).toBe('even');
    expect(same.quote.summary).toBe('Even exchange: nothing to pay.');
  });

  it('asks for approval when a large downgrade is paid back', async () => {
    const till = openTill();
    const seats = ['A3', 'A4', 'A5', 'A6', 'B1', 'B2', 'B3', 'B4'].map((s) => seat(s));
    const sale = await sold(till, { items: seats, tenders: [card(3280)] });
    const req = {
      ticketIds: sale.tickets.map((t) => t.ticketId),
      items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-promo', quantity: 8 }],
    };
    // 8 × 100 + 8 × 20 − 8 × 400 = −2240: over the cashier's 2000.00
    const needs = await swap(till, sale.orderId, req);
    expect(needs.ok || needs.error).toMatchObject({
      code: 'approval_required',
      details: { requiredRole: 'supervisor' },
    });
    const out = till.take(
      await swap(till, sale.orderId, { ...req, approver: approvedAs(needs, STAFF.taras) }),
    );
    expect(out.drafts.map((d) => d.type)).toEqual(['approval', 'exchange']);
    expect(out.exchange.approvedBy).toEqual(STAFF.taras);
  });

  it('refuses exchanges the policy does not allow', async () => {
    const till = openTill(STAFF.olena, '2026-04-30T12:00:00+03:00'); // 31 h before
    const sale = await sold(till, { items: [seat('B1'), seat('B2')], tenders: [cash(820)] });
    const [a, b] = sale.tickets.map((t) => t.ticketId) as [string, string];
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: [a],
          items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
        }),
      ),
    ).toBe('not_exchangeable');
    expect(
      codeOf(
        await swap(
          till,
          sale.orderId,
          { ticketIds: [a], items: [seat('B3')] },
          STAFF.olena,
          new Set([a]),
        ),
      ),
    ).toBe('not_exchangeable');
    till.clock.set('2026-05-01T12:00:00+03:00'); // 7 h before: past the 24 h limit
    const late = await swap(till, sale.orderId, {
      ticketIds: [b],
      items: [seat('B3')],
      tenders: [cash(20)],
    });
    expect(late.ok || late.error).toMatchObject({
      code: 'not_exchangeable',
      message: 'Exchanges close 24 hours before the performance, which is 7 hours away.',
    });
    expect(codeOf(await swap(till, sale.orderId, { ticketIds: [b, b], items: [seat('B3')] }))).toBe(
      'invalid_argument',
    );
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: ['017f22e2-79b0-7abc-bf01-020304050607'],
          items: [seat('B3')],
        }),
      ),
    ).toBe('not_found');
    expect(codeOf(await swap(till, sale.orderId, { ticketIds: [b], items: [seat('ZZ')] }))).toBe(
      'not_found',
    );
    const wrongOrder = await exchange(
      { ...till.base(), order: till.order(sale.orderId) },
      { orderId: '017f22e2-79b0-7abc-bf01-020304050607', ticketIds: [b], items: [seat('B3')] },
      STAFF.olena,
      till.ports,
    );
    expect(codeOf(wrongOrder)).toBe('invalid_argument');
  });

  it('waives the deadline and fee when the venue cancelled the performance', async () => {
    const till = openTill();
    const sale = await sold(till, { items: [seat('B1')], tenders: [cash(410)] });
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'cancelled';
    const out = till.take(
      await swap(till, sale.orderId, {
        ticketIds: [sale.tickets[0]!.ticketId],
        items: [seat('B1', 'hamlet-stalls', 'hamlet-0502')],
      }),
    );
    expect(out.exchange).toMatchObject({ fee: uah(0), difference: uah(0) });
    (till.catalog.performance('hamlet-0501') as { status: string }).status = 'scheduled';
  });

  it('checks the payment: none when nothing is due, enough when something is', async () => {
    const till = openTill();
    const sale = await sold(till, { items: [seat('C1', 'hamlet-balcony')], tenders: [cash(250)] });
    const id = sale.tickets[0]!.ticketId;
    expect(codeOf(await swap(till, sale.orderId, { ticketIds: [id], items: [seat('B5')] }))).toBe(
      'underpaid',
    );
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: [id],
          items: [seat('C2', 'hamlet-balcony')],
          tenders: [cash(50)],
        }),
      ),
    ).toBe('ok');
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: [id],
          items: [seat('C2', 'hamlet-balcony')],
          tenders: [cash(5)],
        }),
      ),
    ).toBe('underpaid');
    const noFee = await sold(till, {
      items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
      tenders: [cash(300)],
    });
    expect(
      codeOf(
        await swap(till, noFee.orderId, {
          ticketIds: [noFee.tickets[0]!.ticketId],
          items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }],
          tenders: [cash(1)],
        }),
      ),
    ).toBe('overpaid');
    expect(
      codeOf(
        await swap(till, sale.orderId, {
          ticketIds: [id],
          items: [seat('B5')],
          tenders: [{ kind: 'voucher', amount: uah(170), voucherId: 'V-0009' }],
        }),
      ),
    ).toBe('not_found');
  });

  it('lets a kiosk exchange with a card but not take cash', async () => {
    const kiosk = openTill(STAFF.kiosk, undefined, uah(0));
    const sale = kiosk.take(
      await sell(
        kiosk.base(),
        { items: [seat('C1', 'hamlet-balcony')], tenders: [card(250)] },
        STAFF.kiosk,
        kiosk.ports,
      ),
    ).sale;
    const id = sale.tickets[0]!.ticketId;
    expect(
      codeOf(
        await swap(
          kiosk,
          sale.orderId,
          { ticketIds: [id], items: [seat('B5')], tenders: [cash(170)] },
          STAFF.kiosk,
        ),
      ),
    ).toBe('forbidden');
    expect(
      codeOf(
        await swap(
          kiosk,
          sale.orderId,
          { ticketIds: [id], items: [seat('B5')], tenders: [card(170)] },
          STAFF.kiosk,
        ),
      ),
    ).toBe('ok');
  });
});

describe('quoteExchange', () => {
  const policy = definePolicy({
    ...(STANDARD_POLICY as unknown as RefundPolicyInput),
    exchange: { allowed: false },
  });
  const ticket = {
    ticketId: 't',
    orderId: 'o',
    performanceId: 'p',
    eventId: 'e',
    tierId: 'x',
    price: uah(100),
    bookingFee: uah(0),
    taxRateBp: 0,
    base: uah(100),
    adjustments: [],
    checkId: false,
    code: 'c',
    issuedAt: '2026-01-01T00:00:00Z',
    policy,
  };
  const perf = {
    id: 'p',
    eventId: 'e',
    startsAt: '2026-05-01T19:00:00+03:00',
    status: 'scheduled' as const,
  };
  const priced = {
    performanceId: 'p',
    tierId: 'x',
    base: uah(50),
    adjustments: [],
    price: uah(50),
    bookingFee: uah(0),
    taxRateBp: 0,
    checkId: false,
  };
  const now = Date.parse('2026-04-01T00:00:00Z');

  it('refuses empty exchanges, mixed policies and policies that forbid exchanges or downgrades', () => {
    expect(codeOf(quoteExchange([], [{ performance: perf, priced }], now))).toBe(
      'invalid_argument',
    );
    expect(
      codeOf(
        quoteExchange(
          [{ ticket, status: 'valid', performance: perf }],
          [{ performance: perf, priced }],
          now,
        ),
      ),
    ).toBe('not_exchangeable');
    const other = { ...ticket, policy: { ...policy, version: 2 } };
    expect(
      codeOf(
        quoteExchange(
          [
            { ticket, status: 'valid', performance: perf },
            { ticket: other, status: 'valid', performance: perf },
          ],
          [{ performance: perf, priced }],
          now,
        ),
      ),
    ).toBe('invalid_argument');
    const noDowngrade = {
      ...ticket,
      policy: definePolicy({
        ...(STANDARD_POLICY as unknown as RefundPolicyInput),
        exchange: { downgrade: 'not_allowed' },
      }),
    };
    expect(
      codeOf(
        quoteExchange(
          [{ ticket: noDowngrade, status: 'valid', performance: perf }],
          [{ performance: perf, priced }],
          now,
        ),
      ),
    ).toBe('not_exchangeable');
    const started = {
      ...ticket,
      policy: definePolicy({ ...(STANDARD_POLICY as unknown as RefundPolicyInput) }),
    };
    const r = quoteExchange(
      [{ ticket: started, status: 'valid', performance: perf }],
      [{ performance: perf, priced }],
      Date.parse('2026-05-01T20:00:00+03:00'),
    );
    expect(r.ok || r.error.message).toBe(
      'The performance has started: the ticket can no longer be exchanged.',
    );
    const euro = { ...priced, price: { amount: 50, currency: 'EUR' as const } };
    expect(
      codeOf(
        quoteExchange(
          [{ ticket: started, status: 'valid', performance: perf }],
          [{ performance: perf, priced: euro }],
          now,
        ),
      ),
    ).toBe('invalid_argument');
  });
});
