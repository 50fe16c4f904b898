import { describe, expect, it } from 'vitest';
import type { PaymentRecord } from './payment-ledger';
import { isSettled } from './payment-ledger';
import {
  checkRefund,
  openPayment,
  publicStatus,
  sameRequest,
  withTerminalResult,
} from './payment-rules';

const at = new Date('2026-12-04T08:00:00.000Z');
const record = (over: Partial<PaymentRecord> = {}): PaymentRecord => ({
  paymentId: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b',
  kind: 'sale',
  state: 'pending',
  amount: { amount: 2_500, currency: 'UAH' },
  reference: 'order-1',
  updatedAt: at.toISOString(),
  ...over,
});

describe('payment rules', () => {
  it('a terminal still showing the payment keeps it unknown to main, never approved', () => {
    const r = withTerminalResult(
      record({ state: 'unknown' }),
      { ...record(), state: 'pending' },
      at,
    );
    expect(r.state).toBe('unknown');
    expect(openPayment([record({ state: 'declined' }), r])).toBe(r);
  });

  it('a reversal stays owed while the terminal reports the charge, and ends when reversed', () => {
    const owed = record({ state: 'approved', reversalPending: true });
    const approvedAgain = withTerminalResult(owed, { ...record(), state: 'approved' }, at);
    expect(approvedAgain.reversalPending).toBe(true);
    expect(isSettled(approvedAgain)).toBe(false);
    const reversed = withTerminalResult(owed, { ...record(), state: 'reversed' }, at);
    expect(reversed).not.toHaveProperty('reversalPending');
    expect(isSettled(reversed)).toBe(true);
  });

  it('a repeated start must be the same payment; the page sees no bookkeeping', () => {
    const r = record();
    expect(sameRequest(r, { ...r })).toBe(true);
    expect(sameRequest(r, { ...r, amount: { amount: 2_501, currency: 'UAH' } })).toBe(false);
    expect(sameRequest(r, { ...r, amount: { amount: 2_500, currency: 'EUR' } })).toBe(false);
    expect(Object.keys(publicStatus(r)).sort()).toEqual(['amount', 'kind', 'paymentId', 'state']);
  });

  describe('the card refund bound (the page is not trusted with the amount)', () => {
    const SALE = '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a01';
    const sale = record({
      paymentId: SALE,
      state: 'approved',
      amount: { amount: 1_000, currency: 'UAH' },
    });
    let n = 0;
    const refund = (amount: number, state: PaymentRecord['state'] = 'approved'): PaymentRecord =>
      record({
        paymentId: `0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4b${String(++n).padStart(2, '0')}`,
        kind: 'refund',
        state,
        amount: { amount, currency: 'UAH' },
        originalPaymentId: SALE,
      });
    const ask = (amount: number, over: Partial<PaymentRecord> = {}) => ({
      paymentId: '0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4cff',
      kind: 'refund' as const,
      amount: { amount, currency: 'UAH' as const },
      reference: 'kiosk refund',
      originalPaymentId: SALE,
      ...over,
    });

    it('allows up to what the sale captured, never a unit more', () => {
      expect(checkRefund([sale], ask(1_000))).toEqual({ ok: true });
      expect(checkRefund([sale], ask(1_001))).toMatchObject({ ok: false });
    });

    it('subtracts refunds approved or still open, not declined or reversed ones', () => {
      const done = [sale, refund(300), refund(200, 'unknown'), refund(100, 'pending')];
      expect(checkRefund(done, ask(400))).toEqual({ ok: true });
      expect(checkRefund(done, ask(401))).toMatchObject({ ok: false });
      const failed = [
        sale,
        refund(600, 'declined'),
        refund(600, 'reversed'),
        refund(600, 'timed_out'),
      ];
      expect(checkRefund(failed, ask(1_000))).toEqual({ ok: true });
    });

    it('a repeated start of the same refund does not count against itself', () => {
      const same = { ...refund(700, 'pending'), paymentId: ask(0).paymentId };
      expect(checkRefund([sale, same], ask(700))).toEqual({ ok: true });
    });

    it('refuses an original it does not know, one not approved, a refund naming none, another currency', () => {
      expect(checkRefund([], ask(1))).toMatchObject({ ok: false });
      for (const state of ['declined', 'reversed', 'unknown', 'pending'] as const) {
        expect(checkRefund([{ ...sale, state }], ask(1))).toMatchObject({ ok: false });
      }
      expect(
        checkRefund([sale, refund(1)], ask(1, { originalPaymentId: refund(1).paymentId })),
      ).toMatchObject({ ok: false });
      const { originalPaymentId: _none, ...orphan } = ask(1);
      expect(checkRefund([sale], orphan)).toMatchObject({ ok: false });
      expect(
        checkRefund([sale], { ...ask(1), amount: { amount: 1, currency: 'EUR' } }),
      ).toMatchObject({ ok: false });
    });

    it('a sale never names an original payment', () => {
      expect(checkRefund([sale], { ...ask(1), kind: 'sale' })).toMatchObject({ ok: false });
    });
  });
});
