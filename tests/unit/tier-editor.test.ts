/**
 * The back office's tier form sends only what changed, in minor units, and names a bad
 * amount or count in the manager's words (a message key) before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { tierChangeOf } from '../../src-renderer/manage/pages/tier-editor';
import { openTill } from '../fixtures/domain';

const tier = (id: string) => openTill().catalog.tier(id)!;
const form = (over: Partial<Parameters<typeof tierChangeOf>[1]> = {}) => ({
  price: '400',
  bookingFee: '10',
  perOrderLimit: '8',
  gaQuota: '',
  ...over,
});

describe('tier form', () => {
  it('sends only what changed, money in minor units, a cleared limit as null', () => {
    expect(tierChangeOf(tier('hamlet-stalls'), form({ price: '450,50' }))).toEqual({
      price: 45_050,
    });
    expect(
      tierChangeOf(tier('hamlet-stalls'), form({ bookingFee: '', perOrderLimit: '' })),
    ).toEqual({ bookingFee: 0, perOrderLimit: null });
    expect(tierChangeOf(tier('hamlet-stalls'), form())).toBe('manage.tiers.nothing');
  });

  it('refuses a negative or missing amount and a limit below 1', () => {
    expect(tierChangeOf(tier('hamlet-stalls'), form({ price: '-5' }))).toBe(
      'manage.tiers.badAmount',
    );
    expect(tierChangeOf(tier('hamlet-stalls'), form({ price: '' }))).toBe('manage.tiers.badAmount');
    expect(tierChangeOf(tier('hamlet-stalls'), form({ perOrderLimit: '0' }))).toBe(
      'manage.tiers.badCount',
    );
    expect(tierChangeOf(tier('hamlet-stalls'), form({ perOrderLimit: '2.5' }))).toBe(
      'manage.tiers.badCount',
    );
  });
});
