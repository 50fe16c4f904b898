/**
 * The error banner's "What to do" (issue 12 item 6): an offline refusal of this window's
 * lease says what to offer the customer, never "try again … call a supervisor".
 */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../src-renderer/i18n/locales';
import { createTranslator } from '../../src-renderer/i18n/translator';
import { nextStepFor } from '../../src-renderer/ui/error-banner';

const kyiv = { currency: 'UAH', timeZone: 'Europe/Kyiv' } as const;

describe('what to do after an offline refusal', () => {
  it.each(['sold_out_here', 'lease_other_category', 'not_at_this_window'])(
    '%s has its own advice in every language',
    (code) => {
      const key = nextStepFor(code);
      expect(key).not.toBe('ui.error.nextDefault');
      for (const locale of LOCALES) {
        const tr = createTranslator(locale, kyiv);
        expect(tr.t(key)).not.toBe(tr.t('ui.error.nextDefault'));
      }
      expect(createTranslator('en', kyiv).t(key)).toMatch(/another window or the web shop/);
    },
  );

  it('other codes keep the general advice', () => {
    expect(nextStepFor('storage_full')).toBe('ui.error.nextDefault');
    expect(nextStepFor('shift_not_open')).toBe('ui.shift.goToShift');
  });
});
