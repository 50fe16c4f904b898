import { describe, expect, it } from 'vitest';
import { login, openShift, sell, type Actor, type SellInput } from '../../shared/commands';
import { money } from '../../shared/money';
import { isUuidV7 } from '../../shared/orders';
import { codeOf, openTill, STAFF, Till, uah } from '../fixtures/domain';

const cash = (major: number) => ({ kind: 'cash' as const, tendered: uah(major) });
const card = (major: number, approvalCode = 'AB1234') => ({
  kind: 'card' as const,
  amount: uah(major),
  approvalCode,
  last4: '4242',
});
const seat = (seatId: string, tierId = 'hamlet-stalls', performanceId = 'hamlet-0501') => ({
  performanceId,
  tierId,
  seatId,
});
const standing = (quantity: number, performanceId = 'hamlet-0501') => ({
  performanceId,
  tierId: 'hamlet-standing',
  quantity,
});

async function trySell(
  till: Till,
  input: SellInput,
  actor: Actor = STAFF.olena,
  extra: object = {},
) {
  return sell({ ...till.base(), ...extra }, input, actor, till.ports);
}

describe('sell', () => {
  it('sells seats and standing places, signs each ticket and snapshots its policy', async () => {
    const till = openTill();
    const out = till.take(
      await trySell(till, { items: [seat('B1'), seat('B2'), standing(2)], tenders: [cash(1200)] }),
    );
    const sale = out.sale;
    // 2 × (400 + 10) + 2 × (150 + 5) = 1130.00
    expect(sale.totals).toMatchObject({
      tickets: uah(1100),
      bookingFees: uah(30),
      total: uah(1130),
      paid: uah(1130),
      change: uah(70),
      rounding: uah(0),
    });
    expect(out.change).toEqual(uah(70));
    expect(sale.receiptNo).toBe(1);
    expect(sale.tickets).toHaveLength(4);
    expect(sale.tickets.every((t) => isUuidV7(t.ticketId) && t.orderId === sale.orderId)).toBe(
      true,
    );
    expect(sale.tickets[0]).toMatchObject({
      seatId: 'B1',
      eventId: 'hamlet',
      code: expect.stringMatching(/^TEST:.*:B1$/),
      policy: { id: 'std', version: 1 },
    });
    expect(sale.tickets[2]!.code).toMatch(/:hamlet-standing$/);
    expect(sale.lines.map((l) => [l.tierId, l.quantity])).toEqual([
      ['hamlet-stalls', 2],
      ['hamlet-standing', 2],
    ]);
    expect(sale.totals.taxes).toEqual([
      { rateBp: 2000, gross: uah(1130), tax: money(18833, 'UAH'), net: money(94167, 'UAH') },
    ]);
    expect(out.drafts[0]!.at).toBe('2026-04-01T07:00:00.000Z');
    const again = till.take(await trySell(till, { items: [standing(1)], tenders: [card(155)] }));
    expect(again.sale.receiptNo).toBe(2);
  });

  it('refuses what is not this terminal’s to sell', async () => {
    const till = openTill();
    till.take(await trySell(till, { items: [seat('B1')], tenders: [cash(410)] }));
    const cases: [SellInput['items'], string][] = [
      [[seat('B1')], 'sold_out'],
      [[standing(50), standing(50), standing(1)], 'sold_out'],
      [[{ performanceId: 'jazz-0510', tierId: 'jazz-ga', quantity: 1 }], 'ok'],
      [[{ performanceId: 'ghost', tierId: 'jazz-ga' }], 'not_found'],
      [[{ performanceId: 'hamlet-0415', tierId: 'hamlet-standing' }], 'sales_closed'],
      [[{ performanceId: 'hamlet-0501', tierId: 'jazz-ga' }], 'not_found'],
      [[{ performanceId: 'hamlet-0501', tierId: 'hamlet-stalls' }], 'invalid_argument'],
      [
        [{ performanceId: 'hamlet-0501', tierId: 'hamlet-standing', seatId: 'B3' }],
        'invalid_argument',
      ],
      [[{ ...seat('B3'), quantity: 2 }], 'invalid_argument'],
      [[seat('C1')], 'invalid_argument'],
      [[seat('Z9')], 'not_found'],
      [[seat('B3'), seat('B3')], 'invalid_argument'],
      [[seat('A2')], 'invalid_argument'],
      [[seat('A1'), seat('A2')], 'ok'],
      // The per-order limit is per tier, not per performance: 4 + 4 stalls over two dates is fine.
      [
        [2, 3, 4, 5].flatMap((n) => [seat(`B${n}`), seat(`B${n}`, 'hamlet-stalls', 'hamlet-0502')]),
        'ok',
      ],
      [[standing(9)], 'ok'],
      [[], 'invalid_argument'],
    ];
    for (const [items, code] of cases) {
      const r = await trySell(till, { items, tenders: [cash(20000)] });
      expect(codeOf(r), JSON.stringify(items)).toBe(code);
    }
  });

  it('caps tickets per tier per order and per customer per performance', async () => {
    const till = openTill();
    const nine = Array.from({ length: 9 }, (_, i) => seat(`${i < 6 ? 'A' : 'B'}${(i % 6) + 1}`));
    expect(codeOf(await trySell(till, { items: nine, tenders: [cash(20000)] }))).toBe(
      'limit_exceeded',
    );
    const held = { customerHeld: { 'hamlet-0501': 5 } };
    expect(
      codeOf(
        await trySell(
          till,
          { items: [standing(2)], customerId: 'loyal-42', tenders: [cash(400)] },
          STAFF.olena,
          held,
        ),
      ),
    ).toBe('limit_exceeded');
    expect(
      codeOf(
        await trySell(
          till,
          { items: [standing(1)], customerId: 'loyal-42', tenders: [cash(400)] },
          STAFF.olena,
          held,
        ),
      ),
    ).toBe('ok');
  });

  it('stops selling when the performance starts, and before sales open', async () => {
    const late = openTill(STAFF.olena, '2026-05-01T19:00:00+03:00');
    expect(codeOf(await trySell(late, { items: [standing(1)], tenders: [cash(200)] }))).toBe(
      'sales_closed',
    );
    const early = openTill(STAFF.olena, '2025-12-31T12:00:00Z');
    expect(
      codeOf(
        await trySell(early, {
          items: [{ performanceId: 'jazz-0510', tierId: 'jazz-ga' }],
          tenders: [cash(400)],
        }),
      ),
    ).toBe('sales_closed');
  });

  it('takes split tenders, vouchers and cash rounding', async () => {
    const till = openTill();
    till.settings = { ...till.settings, cashRoundingIncrement: 10 };
    const vouchers = { voucherBalances: { 'V-7777': uah(100) } };
    const r = await trySell(
      till,
      {
        items: [standing(1)],
        promoCode: 'spring10',
        tenders: [{ kind: 'voucher', amount: uah(50), voucherId: 'V-7777' }, card(40), cash(100)],
      },
      STAFF.olena,
      vouchers,
    );
    // 150 −10 % = 135 + 5 booking = 140.00: 50 voucher + 40 card + 50 cash
    expect(r.ok && r.value.sale.totals).toMatchObject({
      total: uah(140),
      paid: uah(140),
      change: uah(50),
    });
    expect(
      codeOf(
        await trySell(
          till,
          {
            items: [standing(1)],
            tenders: [{ kind: 'voucher', amount: uah(155), voucherId: 'V-7777' }],
          },
          STAFF.olena,
          vouchers,
        ),
      ),
    ).toBe('limit_exceeded');
    expect(
      codeOf(
        await trySell(till, {
          items: [standing(1)],
          tenders: [{ kind: 'voucher', amount: uah(155), voucherId: 'V-0000' }],
        }),
      ),
    ).toBe('not_found');
    // A student concession needs an ID check: 150 −25 % = 112.50 + 5.00 booking fee
    const student = await trySell(till, {
      items: [{ ...standing(1), concessionId: 'student' }],
      tenders: [cash(120)],
    });
    expect(student.ok && student.value).toMatchObject({
      checkId: true,
      sale: { totals: { total: uah(117.5), paid: uah(117.5), rounding: uah(0) } },
    });
    const odd = await trySell(till, {
      items: [
        {
          performanceId: 'hamlet-0501',
          tierId: 'hamlet-balcony',
          seatId: 'C1',
          concessionId: 'student',
        },
      ],
      promoCode: 'SPRING10',
      tenders: [cash(200)],
    });
    // 250 −10 % = 225, −25 % = 168.75 → cash 168.80
    expect(odd.ok && odd.value.sale.totals).toMatchObject({
      total: uah(168.75),
      paid: uah(168.8),
      rounding: uah(0.05),
      change: uah(31.2),
    });
  });

  it('applies a promo to the tiers it covers and refuses a code that fits nothing', async () => {
    const till = openTill();
    const mixed = await trySell(till, {
      items: [standing(1), { performanceId: 'hamlet-0501', tierId: 'hamlet-promo', quantity: 1 }],
      promoCode: 'SPRING10',
      tenders: [cash(300)],
    });
    expect(
      mixed.ok && mixed.value.sale.tickets.map((t) => [t.tierId, t.price.amount, t.promoCode]),
    ).toEqual([
      ['hamlet-standing', 13500, 'SPRING10'],
      ['hamlet-promo', 10000, undefined],
    ]);
    expect(
      codeOf(
        await trySell(till, {
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-promo', quantity: 1 }],
          promoCode: 'SPRING10',
          tenders: [cash(300)],
        }),
      ),
    ).toBe('invalid_argument');
    expect(
      codeOf(
        await trySell(
          till,
          { items: [standing(1)], promoCode: 'SPRING10', tenders: [cash(300)] },
          STAFF.olena,
          { promoUses: { SPRING10: 3 } },
        ),
      ),
    ).toBe('limit_exceeded');
    expect(
      codeOf(
        await trySell(till, {
          items: [{ ...standing(1), concessionId: 'veteran' }],
          tenders: [cash(300)],
        }),
      ),
    ).toBe('invalid_argument');
  });

  it('keeps card numbers out and payment mistakes visible', async () => {
    const till = openTill();
    expect(
      codeOf(
        await trySell(till, { items: [standing(1)], tenders: [card(155, '4111111111111111')] }),
      ),
    ).toBe('card_number_rejected');
    expect(
      codeOf(
        await trySell(till, {
          items: [standing(1)],
          tenders: [{ ...card(155), last4: '4111 1111 1111 1111' }],
        }),
      ),
    ).toBe('card_number_rejected');
    expect(
      codeOf(
        await trySell(till, {
          items: [standing(1)],
          customerId: '5500 0000 0000 0004',
          tenders: [card(155)],
        }),
      ),
    ).toBe('card_number_rejected');
    expect(codeOf(await trySell(till, { items: [standing(1)], tenders: [cash(100)] }))).toBe(
      'underpaid',
    );
    expect(codeOf(await trySell(till, { items: [standing(1)], tenders: [card(200)] }))).toBe(
      'overpaid',
    );
    expect(codeOf(await trySell(till, { items: [standing(1)], tenders: [] }))).toBe(
      'invalid_argument',
    );
  });

  it('lets a kiosk sell for card but never take cash', async () => {
    const till = new Till();
    till.take(login(till.terminal, { staff: STAFF.kiosk }, till.ports));
    till.take(openShift(till.base(), { float: uah(0) }, STAFF.kiosk, till.ports));
    expect(
      codeOf(await trySell(till, { items: [standing(1)], tenders: [cash(155)] }, STAFF.kiosk)),
    ).toBe('forbidden');
    expect(
      codeOf(await trySell(till, { items: [standing(1)], tenders: [card(155)] }, STAFF.kiosk)),
    ).toBe('ok');
  });

  it('needs a session and an open shift, and stops when signing fails', async () => {
    const till = new Till();
    expect(codeOf(await trySell(till, { items: [standing(1)], tenders: [card(155)] }))).toBe(
      'not_logged_in',
    );
    till.take(login(till.terminal, { staff: STAFF.olena }, till.ports));
    expect(codeOf(await trySell(till, { items: [standing(1)], tenders: [card(155)] }))).toBe(
      'shift_not_open',
    );
    till.take(openShift(till.base(), { float: uah(0) }, STAFF.olena, till.ports));
    const broken = await sell(
      till.base(),
      { items: [standing(1)], tenders: [card(155)] },
      STAFF.olena,
      {
        ...till.ports,
        signTicket: () => Promise.reject(new Error('invalid_key')),
      },
    );
    expect(broken.ok || broken.error).toMatchObject({
      code: 'signing_failed',
      details: { cause: 'invalid_key' },
    });
  });

  it('refuses a tier priced in another currency than the terminal', async () => {
    const till = openTill();
    till.settings = {
      ...till.settings,
      currency: 'EUR',
      paidOutLimit: money(0, 'EUR'),
      overShortTolerance: money(0, 'EUR'),
    };
    expect(
      codeOf(
        await trySell(till, {
          items: [standing(1)],
          tenders: [{ kind: 'cash', tendered: money(10000, 'EUR') }],
        }),
      ),
    ).toBe('currency_mismatch');
  });
});
