import { describe, expect, it } from 'vitest';
import type { PaymentRecord } from './payment-ledger';
import { isSettled } from './payment-ledger';
import { openPayment, publicStatus, sameRequest, withTerminalResult } from './payment-rules';

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
});
