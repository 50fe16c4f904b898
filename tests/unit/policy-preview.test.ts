/**
 * The back office's refund-policy preview (issue 13 item 7) asks the till's own refund
 * decision: for a ticket really sold at a till, the preview of its tier N hours before the show
 * gives exactly what `planRefund` gives that ticket; and the policy's windows, fees and the
 * cancellation rule come out as the policy says.
 */
import { describe, expect, it } from 'vitest';
import { planRefund, sell } from '../../shared/commands';
import { definePolicy, type RefundPolicy } from '../../shared/refund-policy/policy-schema';
import { draftOf } from '../../src-renderer/manage/pages/policy-editor';
import { rulesFormOf, type RulesForm } from '../../src-renderer/manage/pages/policy-rules-form';
import { previewRefund } from '../../src-renderer/manage/policy-preview';
import { openTill, STAFF, STANDARD_POLICY, uah, type Till } from '../fixtures/domain';

const HOUR_MS = 3_600_000;

function ask(
  till: Till,
  hoursBefore: number,
  over: {
    status?: 'scheduled' | 'cancelled' | 'postponed';
    policy?: RefundPolicy;
    tier?: string;
  } = {},
) {
  const catalog = till.catalog.catalog;
  const plan = previewRefund({
    catalog,
    policy: over.policy ?? till.catalog.policy('std')!,
    tier: till.catalog.tier(over.tier ?? 'hamlet-balcony')!,
    hoursBefore,
    status: over.status ?? 'scheduled',
    paidBy: 'cash',
    nowMs: till.clock.now(),
  });
  if (!plan.ok) throw new Error(plan.error.message);
  return plan.value;
}

describe('refund policy preview', () => {
  it('gives what planRefund gives a ticket of that tier really sold at a till', async () => {
    const till = openTill(STAFF.olena);
    const sold = till.take(
      await sell(
        till.base(),
        {
          items: [{ performanceId: 'hamlet-0501', tierId: 'hamlet-balcony', seatId: 'C6' }],
          tenders: [{ kind: 'cash', tendered: uah(250) }],
        },
        STAFF.olena,
        till.ports,
      ),
    );
    const ticket = sold.sale.tickets[0]!;
    const real = planRefund(
      {
        order: till.order(sold.sale.orderId),
        catalog: till.catalog,
        settings: {},
        actorRole: 'cashier',
        actorStaffId: STAFF.petro.staffId,
        nowMs: till.clock.now(),
      },
      { ticketIds: [ticket.ticketId] },
    );
    if (!real.ok) throw new Error(real.error.message);
    const hours =
      (Date.parse(till.catalog.performance('hamlet-0501')!.startsAt) - till.clock.now()) / HOUR_MS;
    const preview = ask(till, hours);
    expect(preview.total).toEqual(real.value.total);
    expect(preview.total).toEqual(uah(237.5));
    expect(preview.fees).toEqual(real.value.fees);
    expect(preview.requiredRole).toBe(real.value.requiredRole);
    expect(preview.tickets[0]!.reasons.map((r) => r.code)).toEqual(
      real.value.tickets[0]!.reasons.map((r) => r.code),
    );
    expect(preview.methods.map((m) => [m.method, m.available, m.paidOut])).toEqual(
      real.value.methods.map((m) => [m.method, m.available, m.paidOut]),
    );
  });

  it("follows the policy's windows, fees and cancellation rule", () => {
    const till = openTill();
    // Standard: ≥ 14 days 100 %, ≥ 48 h 50 %, 5 % fee (min 2.00, max 20.00).
    expect(ask(till, 20 * 24).total).toEqual(uah(237.5));
    expect(ask(till, 3 * 24).total).toEqual(uah(118.75));
    const late = ask(till, 24);
    expect(late.anyRefundable).toBe(false);
    expect(late.refusal?.code).toBe('not_refundable');
    expect(late.overrideOffer).toEqual({ role: 'manager', maxRefundBp: 10_000 });
    // Cancelled: the full price, fees waived, whenever it is asked.
    const cancelled = ask(till, 1, { status: 'cancelled' });
    expect(cancelled.total).toEqual(uah(250));
    expect(cancelled.fees).toEqual(uah(0));
    // A non-refundable tier stays so.
    expect(ask(till, 20 * 24, { tier: 'hamlet-promo' }).anyRefundable).toBe(false);
  });

  it('answers for a draft policy before it is published', () => {
    const till = openTill();
    const draft = definePolicy({
      ...(STANDARD_POLICY as unknown as RefundPolicy),
      windows: [{ minHoursBefore: 24, refundBp: 8_000 }],
      fees: { bookingFee: 'kept' },
    });
    expect(ask(till, 3 * 24, { policy: draft }).total).toEqual(uah(200));
    expect(ask(till, 12, { policy: draft }).anyRefundable).toBe(false);
  });
});

describe('refund policy editor draft', () => {
  const std = () => openTill().catalog.policy('std')!;
  const form = (
    windows: { hours: string; percent: string }[],
    feePercent = '5',
    rules: Partial<RulesForm> = {},
    overrides: { tierId: string; windows: { hours: string; percent: string }[] }[] = [],
  ) => ({
    windows,
    overrides,
    feePercent,
    fixedFee: '0',
    bookingFeeReturned: true,
    rules: { ...rulesFormOf(std()), ...rules },
  });

  it('turns the form into the policy the preview and the server take', () => {
    const draft = draftOf(
      std(),
      form([
        { hours: '72', percent: '80' },
        { hours: '24', percent: '40,5' },
      ]),
    );
    if (typeof draft === 'string') throw new Error(draft);
    expect(draft.windows).toEqual([
      { minHoursBefore: 72, refundBp: 8_000 },
      { minHoursBefore: 24, refundBp: 4_050 },
    ]);
    // The % fee keeps its minimum and maximum; the booking fee is now returned.
    expect(draft.fees).toEqual({
      percent: { bp: 500, min: uah(2), max: uah(20) },
      bookingFee: 'returned',
    });
    expect(definePolicy(draft)).toEqual(draft);
  });

  it('gives a tier windows of its own (a tier override) and takes them away again', () => {
    const own = draftOf(
      std(),
      form([{ hours: '24', percent: '100' }], '5', {}, [
        { tierId: 'hamlet-stalls', windows: [{ hours: '2', percent: '100' }] },
      ]),
    );
    if (typeof own === 'string') throw new Error(own);
    expect(own.tierOverrides).toEqual([
      { tierId: 'hamlet-stalls', windows: [{ minHoursBefore: 2, refundBp: 10_000 }] },
    ]);
    expect(definePolicy(own)).toEqual(own);
    const back = draftOf(own, form([{ hours: '24', percent: '100' }]));
    if (typeof back === 'string') throw new Error(back);
    expect(back.tierOverrides).toEqual([]);
    expect(
      draftOf(
        std(),
        form([{ hours: '24', percent: '100' }], '5', {}, [
          { tierId: 'hamlet-stalls', windows: [{ hours: 'x', percent: '100' }] },
        ]),
      ),
    ).toBe('manage.policies.edit.badWindow');
  });

  it('names the first problem in the manager’s words (a message key)', () => {
    expect(
      draftOf(
        std(),
        form([
          { hours: '24', percent: '100' },
          { hours: '72', percent: '50' },
        ]),
      ),
    ).toBe('manage.policies.edit.order');
    expect(
      draftOf(
        std(),
        form([
          { hours: '72', percent: '50' },
          { hours: '24', percent: '60' },
        ]),
      ),
    ).toBe('manage.policies.edit.more');
    expect(draftOf(std(), form([{ hours: '', percent: '50' }]))).toBe(
      'manage.policies.edit.badWindow',
    );
    expect(draftOf(std(), form([], '120'))).toBe('manage.policies.edit.badFee');
  });

  it('keeps every rule as it was when only the windows change', () => {
    const draft = draftOf(std(), form([{ hours: '24', percent: '100' }]));
    if (typeof draft === 'string') throw new Error(draft);
    expect(draft.approvals).toEqual(std().approvals);
    expect(draft.methods).toEqual(std().methods);
    expect(draft.nonRefundableTierIds).toEqual(std().nonRefundableTierIds);
  });

  it('turns limits, methods and non-refundable tiers into the policy, and the preview follows', () => {
    const draft = draftOf(
      std(),
      form([{ hours: '24', percent: '100' }], '0', {
        cashierLimit: '300',
        supervisorLimit: '',
        afterDeadlineRole: 'never',
        cashAllowed: false,
        voucherBonus: '10',
        nonRefundable: ['hamlet-balcony'],
      }),
    );
    if (typeof draft === 'string') throw new Error(draft);
    expect(draft.approvals).toEqual({
      thresholds: [{ role: 'cashier', maxAmount: uah(300) }],
      afterDeadline: null,
    });
    expect(draft.methods.cash.allowed).toBe(false);
    expect(draft.methods.voucher).toEqual({ allowed: true, bonusBp: 1_000 });
    expect(definePolicy(draft)).toEqual(draft);
    // The preview (planRefund) reads the draft: the balcony is now not refundable at all.
    const till = openTill();
    const balcony = ask(till, 48, { policy: draft });
    expect(balcony.anyRefundable).toBe(false);
    const stalls = ask(till, 48, { policy: draft, tier: 'hamlet-stalls' });
    expect(stalls.anyRefundable).toBe(true);
    expect(stalls.methods.find((m) => m.method === 'cash')!.available).toBe(false);
    expect(
      ask(till, 48, { tier: 'hamlet-stalls' }).methods.find((m) => m.method === 'cash')!.available,
    ).toBe(true);
  });

  it('names a bad limit, limits out of order, a bad bonus and no way to pay back', () => {
    const rules = (r: Partial<RulesForm>) => draftOf(std(), form([], '0', r));
    expect(rules({ cashierLimit: '-1' })).toBe('manage.policies.edit.badLimit');
    expect(rules({ cashierLimit: '500', supervisorLimit: '200' })).toBe(
      'manage.policies.edit.limitOrder',
    );
    expect(rules({ voucherBonus: '150' })).toBe('manage.policies.edit.badBonus');
    expect(rules({ originalTender: false, cashAllowed: false, voucherAllowed: false })).toBe(
      'manage.policies.edit.noMethod',
    );
  });
});
