/**
 * One name per refund reason per language (src-renderer/i18n/refund-reason.ts): the UI's one
 * key per reason — till picker, back office day report, Refunds page and chart, Requests page —
 * says exactly what the slips print (shared/slips/labels-*), so a manager matching a printed
 * voucher to a report reads the same words, and no second key family can name a reason again.
 */
import { describe, expect, it } from 'vitest';
import { REFUND_REASONS } from '../../shared/journal/entry-types';
import type { SlipLocale } from '../../shared/slips/document';
import { slipLabels } from '../../shared/slips/labels';
import { CATALOGS, LOCALES, type Locale } from '../../src-renderer/i18n/locales';
import { refundReasonKey } from '../../src-renderer/i18n/refund-reason';

const SLIP_LOCALE = { en: 'en', uk: 'uk', 'zh-Hans': 'zh' } as const satisfies Record<
  Locale,
  SlipLocale
>;

describe.each(LOCALES)('refund reason names in %s', (locale) => {
  const catalog: Readonly<Record<string, string>> = CATALOGS[locale];
  const slip = slipLabels(SLIP_LOCALE[locale]).refundReason;

  it.each(REFUND_REASONS)('%s: the UI name is the slip word', (code) => {
    expect(catalog[refundReasonKey(code)]).toBe(slip[code]);
  });

  it('every reason has its own name, and the slips name no reason the journal lacks', () => {
    const names = REFUND_REASONS.map((code) => catalog[refundReasonKey(code)]);
    expect(new Set(names).size).toBe(REFUND_REASONS.length);
    expect(Object.keys(slip).sort()).toEqual([...REFUND_REASONS].sort());
  });

  it('no second key names a reason (only the customer page words it in the first person)', () => {
    const staff = new Set<string>(REFUND_REASONS.map((code) => refundReasonKey(code)));
    const others = Object.keys(catalog).filter((key) => {
      const last = key.slice(key.lastIndexOf('.') + 1);
      return (
        key.includes('eason') &&
        (REFUND_REASONS as readonly string[]).includes(last) &&
        !staff.has(key) &&
        !key.startsWith('request.reason.') &&
        // The refund policy's verdicts (`reason.<code>`) explain an amount, they name no reason.
        !key.startsWith('reason.')
      );
    });
    expect(others).toEqual([]);
  });

  it('a code this build does not know reads as Other', () => {
    expect(catalog[refundReasonKey('lost_in_the_post')]).toBe(slip.other);
  });
});
