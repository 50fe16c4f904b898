/**
 * The back office's price-rule form sends the catalog's rule shape: "15 % off" as −1500 basis
 * points, "₴50 off" as −5000 minor units, a promo code in capitals, an end date in the venue's
 * time zone; a bad field is named (a message key) before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_RULE, ruleDraftOf } from '../../src-renderer/manage/pages/price-rules';

const draft = (over: Partial<typeof EMPTY_RULE>) =>
  ruleDraftOf({ ...EMPTY_RULE, label: 'Friends', ...over }, 'UAH', 'Europe/Kyiv');

describe('price-rule form', () => {
  it('makes a promo code rule: percent off, capitals, a use limit, chosen tiers', () => {
    expect(
      draft({ value: '15', code: 'friends-15', maxUses: '100', tierIds: ['hamlet-stalls'] }),
    ).toEqual({
      kind: 'promo',
      label: 'Friends',
      adjustment: { type: 'percent', bp: -1500 },
      tierIds: ['hamlet-stalls'],
      code: 'FRIENDS-15',
      maxUses: 100,
    });
  });

  it('makes a fixed surcharge on the day of the show, and an early bird ending at local midnight', () => {
    expect(
      draft({ kind: 'time_window', direction: 'on', unit: 'amount', value: '50', dayOfShow: true }),
    ).toEqual({
      kind: 'time_window',
      label: 'Friends',
      adjustment: { type: 'fixed', amount: { amount: 5000, currency: 'UAH' } },
      dayOfShow: true,
    });
    const early = draft({ kind: 'time_window', value: '10', until: '2027-01-31T23:59' });
    expect(early).toMatchObject({ until: '2027-01-31T21:59:00.000Z' });
  });

  it('makes a concession with an ID check and a demand rule from a share', () => {
    expect(draft({ kind: 'concession', value: '30', checkId: true })).toMatchObject({
      checkId: true,
      adjustment: { bp: -3000 },
    });
    expect(
      draft({ kind: 'demand', direction: 'on', value: '10', soldPercent: '90' }),
    ).toMatchObject({ minSoldBp: 9000, adjustment: { bp: 1000 } });
  });

  it('names the first problem', () => {
    expect(draft({ label: ' ' })).toBe('manage.rules.noLabel');
    expect(draft({ value: '' })).toBe('manage.rules.badValue');
    expect(draft({ value: '120' })).toBe('manage.rules.badValue');
    expect(draft({ unit: 'amount', value: '12.345' })).toBe('manage.rules.badValue');
    expect(draft({ value: '10', code: 'x' })).toBe('manage.rules.badCode');
    expect(draft({ value: '10', code: 'ABC', maxUses: '2.5' })).toBe('manage.rules.badCount');
    expect(draft({ kind: 'time_window', value: '10' })).toBe('manage.rules.noWhen');
    expect(draft({ kind: 'demand', value: '10', soldPercent: '150' })).toBe('manage.rules.badSold');
  });
});
