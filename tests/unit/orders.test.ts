import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../../shared/money';
import {
  buildLines,
  cardTenderInputSchema,
  createIdSource,
  formatReceiptNumber,
  freeTextSchema,
  isUuidV7,
  looksLikeCardNumber,
  luhnValid,
  payoutsTotal,
  planPayouts,
  settleTenders,
  cashTenderLimit,
  tenderInputSchema,
  tendersTotal,
  uuidv7,
  uuidV7Schema,
  uuidV7Time,
  type TenderBalanceView,
  type TenderInput,
  type TenderRecord,
} from '../../shared/orders';
import { InvariantError } from '../../shared/util/assert';
import { seededRandom } from '../fixtures/domain';

const uah = (minor: number) => money(minor, 'UAH');

describe('UUIDv7 ids', () => {
  it('lays out time, version, counter and variant per RFC 9562', () => {
    const id = uuidv7(0x017f22e279b0, 0xabc, new Uint8Array([0xff, 1, 2, 3, 4, 5, 6, 7]));
    expect(id).toBe('017f22e2-79b0-7abc-bf01-020304050607');
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(0x017f22e279b0);
    expect(uuidV7Schema.safeParse(id).success).toBe(true);
    expect(uuidV7Schema.safeParse('017f22e2-79b0-4abc-bf01-020304050607').success).toBe(false);
    expect(() => uuidv7(-1, 0, new Uint8Array(8))).toThrow(InvariantError);
    expect(() => uuidv7(0, 4096, new Uint8Array(8))).toThrow(InvariantError);
    expect(() => uuidv7(0, 0, new Uint8Array(4))).toThrow(InvariantError);
    expect(() => uuidV7Time('nope')).toThrow(InvariantError);
  });

  it('never goes backwards: same millisecond, clock steps back, counter overflow', () => {
    let now = Date.parse('2026-04-01T10:00:00Z');
    const next = createIdSource(() => now, seededRandom(7));
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) ids.push(next()); // overflows the 12-bit counter
    now -= 10_000; // NTP steps the clock back
    for (let i = 0; i < 10; i++) ids.push(next());
    now += 60_000;
    ids.push(next());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidV7Time(ids.at(-1)!)).toBe(now);
  });
});

describe('card numbers are never kept', () => {
  it('checks Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('41x1')).toBe(false);
  });

  const pans = [
    '4111111111111111',
    '4111 1111 1111 1111',
    '5500-0000-0000-0004',
    'card 378282246310005 amex',
    '6011000990139424',
    '4222222222222',
    // glued to other digits: found in a longer run
    'ref 9900004111111111111111',
  ];
  it.each(pans)('spots %s', (s) => expect(looksLikeCardNumber(s)).toBe(true));
  const fine = [
    '1234',
    '4111111111111112',
    'approval 123456',
    '12345678901',
    '2026-05-01 19:00',
    '',
    '00000000000000000000001',
  ];
  it.each(fine)('lets %s through', (s) => expect(looksLikeCardNumber(s)).toBe(false));

  it('refuses a full card number in any card field and in free text, with a tagged issue', () => {
    const base = { kind: 'card', amount: uah(100), approvalCode: 'A1B2C3', last4: '1111' };
    expect(cardTenderInputSchema.safeParse(base).success).toBe(true);
    for (const field of ['approvalCode', 'last4'] as const) {
      const r = cardTenderInputSchema.safeParse({ ...base, [field]: '4111111111111111' });
      expect(r.success).toBe(false);
      expect(
        r.error!.issues.some(
          (i) =>
            i.code === 'custom' &&
            (i as { params?: { issue?: string } }).params?.issue === 'card_number',
        ),
      ).toBe(true);
    }
    expect(cardTenderInputSchema.safeParse({ ...base, last4: '111' }).success).toBe(false);
    expect(cardTenderInputSchema.safeParse({ ...base, approvalCode: 'A' }).success).toBe(false);
    const note = freeTextSchema(100).safeParse('customer card 4111 1111 1111 1111');
    expect(note.error?.issues[0]?.message).toContain('full card number');
    expect(freeTextSchema(5, 2).safeParse('x').success).toBe(false);
    expect(freeTextSchema(5, 1).safeParse('').success).toBe(false);
    expect(freeTextSchema(5).safeParse('toolong').success).toBe(false);
  });
});

describe('settling tenders', () => {
  const ids = (() => {
    let n = 0;
    return () => `tender-${++n}`;
  })();
  const parse = (t: unknown): TenderInput => tenderInputSchema.parse(t);
  const card = (amount: number) =>
    parse({
      kind: 'card',
      amount: uah(amount),
      approvalCode: 'OK1234',
      last4: '4242',
      scheme: 'visa',
    });
  const cash = (tendered: number) => parse({ kind: 'cash', tendered: uah(tendered) });
  const voucher = (amount: number) =>
    parse({ kind: 'voucher', amount: uah(amount), voucherId: 'V-0001' });

  it('gives change only from cash', () => {
    const r = settleTenders(uah(41000), [cash(50000)], ids);
    expect(r.ok && r.value).toMatchObject({
      paid: uah(41000),
      change: uah(9000),
      rounding: uah(0),
    });
    expect(r.ok && r.value.tenders[0]).toMatchObject({
      kind: 'cash',
      amount: uah(41000),
      tendered: uah(50000),
      change: uah(9000),
    });
  });

  it('splits between card, voucher and cash', () => {
    const r = settleTenders(uah(41000), [card(20000), voucher(5000), cash(20000)], ids);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tenders.map((t) => [t.kind, t.amount.amount])).toEqual([
      ['card', 20000],
      ['voucher', 5000],
      ['cash', 16000],
    ]);
    expect(r.value.change).toEqual(uah(4000));
    expect(tendersTotal('UAH', r.value.tenders)).toEqual(uah(41000));
  });

  it('rounds the cash part to the smallest coin and records it', () => {
    const r = settleTenders(uah(41046), [card(20000), cash(30000)], ids, 10);
    expect(r.ok && r.value).toMatchObject({
      paid: uah(41050),
      rounding: uah(4),
      change: uah(8950),
    });
    const exact = settleTenders(uah(41046), [card(41046)], ids, 10);
    expect(exact.ok && exact.value.rounding).toEqual(uah(0));
  });

  const refusals: [string, TenderInput[], string][] = [
    ['short cash', [cash(100)], 'underpaid'],
    ['no cash and card short', [card(100)], 'underpaid'],
    ['a card above the total', [card(50000)], 'overpaid'],
    ['cash when cards already cover it', [card(41000), cash(100)], 'overpaid'],
    ['two cash entries', [cash(100), cash(100)], 'invalid_argument'],
    [
      'a payment in euros',
      [parse({ kind: 'cash', tendered: money(100, 'EUR') })],
      'currency_mismatch',
    ],
  ];
  it.each(refusals)('refuses %s', (_name, tenders, code) => {
    const r = settleTenders(uah(41000), tenders, ids);
    expect(r.ok || r.error.code).toBe(code);
  });

  it('bounds the cash a screen takes: ten times the cash due, at least due + one ₴1,000 note', () => {
    expect(cashTenderLimit(uah(2_440_00))).toEqual(uah(24_400_00));
    expect(cashTenderLimit(uah(24_00))).toEqual(uah(1_024_00));
    expect(cashTenderLimit(money(5_00, 'EUR'))).toEqual(money(1_005_00, 'EUR'));
  });

  it('always settles exactly: paid = due + rounding, change ≥ 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.constantFrom(undefined, 5, 10),
        (due, cardPct, voucherPct, extra, increment) => {
          const c = Math.floor((due * cardPct) / 200);
          const v = Math.floor((due * voucherPct) / 200);
          const tenders: TenderInput[] = [];
          if (c > 0) tenders.push(card(c));
          if (v > 0) tenders.push(voucher(v));
          if (due - c - v > 0) tenders.push(cash(due - c - v + extra + 10));
          const r = settleTenders(uah(due), tenders, ids, increment);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const taken = r.value.tenders.reduce((n, t) => n + t.amount.amount, 0);
          expect(taken).toBe(r.value.paid.amount);
          expect(r.value.paid.amount - due).toBe(r.value.rounding.amount);
          expect(Math.abs(r.value.rounding.amount)).toBeLessThan(increment ?? 1);
          expect(r.value.change.amount).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('planning payouts', () => {
  const cashT: TenderRecord = {
    tenderId: 'cash-1',
    kind: 'cash',
    amount: uah(30000),
    tendered: uah(30000),
    change: uah(0),
  };
  const cardT: TenderRecord = {
    tenderId: 'card-1',
    kind: 'card',
    amount: uah(10000),
    approvalCode: 'OK',
    last4: '4242',
  };
  const vouchT: TenderRecord = {
    tenderId: 'v-1',
    kind: 'voucher',
    amount: uah(10000),
    voucherId: 'V-1',
  };
  const bal = (t: TenderRecord, refunded = 0): TenderBalanceView => ({
    tender: t,
    paid: t.amount,
    refunded: uah(refunded),
  });
  let n = 0;
  const newId = () => `new-${++n}`;

  it('gives back to the original tenders in proportion', () => {
    const p = planPayouts(uah(25000), 'original_tender', [bal(cashT), bal(cardT), bal(vouchT)], {
      newId,
      cardApprovals: { 'card-1': 'RF77' },
    });
    expect(p.map((x) => [x.kind, x.amount.amount])).toEqual([
      ['card', 5000],
      ['cash', 15000],
      ['voucher', 5000],
    ]);
    expect(p[0]).toMatchObject({
      last4: '4242',
      approvalCode: 'RF77',
      sources: [{ tenderId: 'card-1', amount: uah(5000) }],
    });
    expect(payoutsTotal('UAH', p)).toEqual(uah(25000));
  });

  it('takes cash refunds from cash first', () => {
    const p = planPayouts(uah(35000), 'cash', [bal(cardT), bal(cashT)], { newId });
    expect(p).toHaveLength(1);
    expect(p[0]!.sources.map((s) => [s.tenderId, s.amount.amount])).toEqual([
      ['card-1', 5000],
      ['cash-1', 30000],
    ]);
  });

  it('issues one voucher with the bonus on top', () => {
    const p = planPayouts(uah(20000), 'voucher', [bal(cashT), bal(cardT)], {
      newId,
      voucherBonus: uah(2000),
    });
    expect(p).toEqual([
      expect.objectContaining({
        kind: 'voucher',
        amount: uah(20000),
        bonus: uah(2000),
        voucherId: expect.stringMatching(/^new-/),
      }),
    ]);
  });

  it('rounds cash paid out down to the smallest coin', () => {
    const p = planPayouts(uah(1247), 'cash', [bal(cashT)], { newId, cashIncrement: 10 });
    expect(p[0]).toMatchObject({ kind: 'cash', amount: uah(1240), rounding: uah(-7) });
  });

  it('never takes more from a tender than is left on it', () => {
    expect(() => planPayouts(uah(30001), 'cash', [bal(cashT)], { newId })).toThrow(InvariantError);
    expect(planPayouts(uah(0), 'cash', [bal(cashT)], { newId })).toEqual([]);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            paid: fc.integer({ min: 1, max: 100_000 }),
            refunded: fc.integer({ min: 0, max: 100 }),
            kind: fc.constantFrom('cash', 'card', 'voucher'),
          }),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('original_tender' as const, 'cash' as const, 'voucher' as const),
        (specs, pct, method) => {
          const balances = specs.map((s, i): TenderBalanceView => {
            const amount = uah(s.paid);
            const tender: TenderRecord =
              s.kind === 'cash'
                ? { tenderId: `t${i}`, kind: 'cash', amount, tendered: amount, change: uah(0) }
                : s.kind === 'card'
                  ? { tenderId: `t${i}`, kind: 'card', amount, approvalCode: 'X1', last4: '0000' }
                  : { tenderId: `t${i}`, kind: 'voucher', amount, voucherId: 'V' };
            return { tender, paid: amount, refunded: uah(Math.min(s.refunded, s.paid)) };
          });
          const left = balances.reduce((a, b) => a + b.paid.amount - b.refunded.amount, 0);
          const amount = Math.floor((left * pct) / 100);
          const payouts = planPayouts(uah(amount), method, balances, { newId });
          const fromEach = new Map<string, number>();
          for (const p of payouts)
            for (const s of p.sources)
              fromEach.set(s.tenderId, (fromEach.get(s.tenderId) ?? 0) + s.amount.amount);
          expect([...fromEach.values()].reduce((a, b) => a + b, 0)).toBe(amount);
          for (const b of balances)
            expect(fromEach.get(b.tender.tenderId) ?? 0).toBeLessThanOrEqual(
              b.paid.amount - b.refunded.amount,
            );
        },
      ),
    );
  });
});

describe('receipts', () => {
  it('numbers receipts per terminal, training apart', () => {
    expect(formatReceiptNumber('T01', 42)).toBe('T01-000042');
    expect(formatReceiptNumber('T01', 7, true)).toBe('TRAINING-T01-000007');
    expect(() => formatReceiptNumber('T01', 0)).toThrow(InvariantError);
  });

  it('groups tickets into lines by performance, tier and price', () => {
    const t = (id: string, tierId: string, price: number) =>
      ({
        ticketId: id,
        performanceId: 'p',
        tierId,
        price: uah(price),
        bookingFee: uah(1000),
        taxRateBp: 2000,
      }) as never;
    const lines = buildLines([
      t('a', 'stalls', 40000),
      t('b', 'stalls', 40000),
      t('c', 'stalls', 30000),
      t('d', 'balcony', 25000),
    ]);
    expect(
      lines.map((l) => [l.tierId, l.quantity, l.unitPrice.amount, l.total.amount, l.ticketIds]),
    ).toEqual([
      ['stalls', 2, 40000, 82000, ['a', 'b']],
      ['stalls', 1, 30000, 31000, ['c']],
      ['balcony', 1, 25000, 26000, ['d']],
    ]);
  });
});
